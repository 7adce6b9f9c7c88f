using System.Text;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Model;
using static ImrGrpc.Engine.Rationale.Words;

namespace ImrGrpc.Engine.Rationale;

public enum RationaleFormat
{
    Text = 0,
    Markdown = 1,
}

/// <summary>The rationale for one item, as a reviewer signs it.</summary>
public sealed record ItemRationale(
    string ItemId,
    string Heading,
    string ClaimsAdministratorBasis,
    string GuidelineBasis,
    string Rationale,
    IReadOnlyList<CompiledRule> Citations,
    IReadOnlyList<string> DocumentsNeeded);

/// <summary>The rendered "issues, decisions and rationales" section of a case.</summary>
public sealed record CaseRationale(IReadOnlyList<ItemRationale> Items, string Document);

/// <summary>The same section with the document encoded as UTF-8 for the wire, owned by whoever writes it.</summary>
public sealed record EncodedRationale(IReadOnlyList<ItemRationale> Items, Utf8Document Document);

/// <summary>
/// Renders a decision's trace into the rationale a reviewer would sign: heading, the claims administrator's basis,
/// the guideline basis with pages, the paragraph, and the whole section as text (wrapped for letters) or Markdown.
/// Pure: the same decision always renders to the same bytes.
/// </summary>
public static class RationaleRenderer
{
    public const int LetterWidth = 78;

    public static CaseRationale Render(CaseDecision decision, RationaleFormat format, IReadOnlyCollection<string>? itemIds = null)
    {
        var items = RenderItems(decision, itemIds);
        return new CaseRationale(items, TextBuilders.ToStringAndReturn(Document(decision, format, items)));
    }

    /// <summary>
    /// The same rationale with the document as UTF-8 in a pooled array instead of a string: what the server encodes
    /// into ExplainRationale's response (<see cref="Utf8Document"/> says why). The same bytes as
    /// <see cref="Render"/>'s document encoded.
    /// </summary>
    public static EncodedRationale RenderEncoded(CaseDecision decision, RationaleFormat format, IReadOnlyCollection<string>? itemIds = null)
    {
        var items = RenderItems(decision, itemIds);
        return new EncodedRationale(items, TextBuilders.ToUtf8AndReturn(Document(decision, format, items)));
    }

    private static List<ItemRationale> RenderItems(CaseDecision decision, IReadOnlyCollection<string>? itemIds)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var items = new List<ItemRationale>(decision.Items.Count);
        foreach (var item in decision.Items)
        {
            if (itemIds is null || itemIds.Count == 0 || itemIds.Contains(item.Item.ItemId))
            {
                items.Add(RenderItem(decision, item));
            }
        }
        return items;
    }

    private static StringBuilder Document(CaseDecision decision, RationaleFormat format, List<ItemRationale> items) =>
        format == RationaleFormat.Markdown ? Documents.Markdown(decision, items) : Documents.Text(decision, items);

    public static ItemRationale RenderItem(CaseDecision decision, ItemDecision item)
    {
        var x = new Context(decision, item, UnitOf(decision.Guideline, item), Description(decision.Guideline, item.Item));
        return new ItemRationale(
            item.Item.ItemId,
            Heading(decision, item, x),
            ClaimsAdministratorBasis(decision.Guideline, item.Item),
            GuidelineBases.For(decision.Guideline, item.Citations),
            Paragraph(x),
            item.Citations,
            DocumentsNeeded(x));
    }

    internal static string Heading(CaseDecision decision, ItemDecision item, in Context x)
    {
        var ur = decision.Request.ReviewType == ReviewType.Ur;
        var outcome = item.Determination switch
        {
            Determination.PhysicianReviewRequired => "Referred for physician review",
            Determination.MedicallyNecessary when ur => "Certified",
            Determination.Modified => $"Modified to {item.ApprovableQuantity}",
            Determination.InsufficientInformation => "Pended for information",
            _ when ur => "Non-certified",
            Determination.MedicallyNecessary => "Overturned",
            _ => "Upheld",
        };
        return $"{x.Description}: {outcome}";
    }

    /// <summary>"Decision based on MTUS Chronic Pain (MTUS) and ODG (non-MTUS)."</summary>
    public static string ClaimsAdministratorBasis(CompiledGuideline g, RequestedItem item)
    {
        if (item.ClaimsAdministratorGuidelines.Count == 0)
        {
            return "The request does not state which guideline the claims administrator relied on.";
        }
        var cited = item.ClaimsAdministratorGuidelines;
        var named = new string[cited.Count];
        for (var i = 0; i < named.Length; i++)
        {
            named[i] = g.ClassifyGuideline(cited[i]) is { } alias ? $"{cited[i]} ({(alias.Mtus ? "MTUS" : "non-MTUS")})" : cited[i];
        }
        return $"Decision based on {List(named)}.";
    }

    /// <summary>
    /// "Decision based on MTUS Chronic Pain Medical Treatment Guidelines, Physical Medicine, Page(s): 8, 99; ..." —
    /// one part per guideline in citation order, named by its first (governing) section, pages merged.
    /// </summary>
    public static string GuidelineBasis(IReadOnlyList<CompiledRule> citations)
    {
        if (citations.Count == 0)
        {
            return "No guideline addresses this item in the version applied.";
        }
        // A handful of rows: plain loops over them, grouped by guideline in the order each first appears.
        var b = new StringBuilder("Decision based on ", 160);
        var pages = new List<string>(8);
        var sections = new List<string>(4);
        var firstGroup = true;
        for (var i = 0; i < citations.Count; i++)
        {
            var first = citations[i].Row;
            if (SeenBefore(citations, i, first.Guideline))
            {
                continue;
            }
            pages.Clear();
            sections.Clear();
            for (var j = i; j < citations.Count; j++)
            {
                var row = citations[j].Row;
                if (!string.Equals(row.Guideline, first.Guideline, StringComparison.Ordinal))
                {
                    continue;
                }
                foreach (var page in row.Pages)
                {
                    if (!pages.Contains(page, StringComparer.Ordinal))
                    {
                        pages.Add(page);
                    }
                }
                if (row.Section.Length > 0 && !sections.Contains(row.Section, StringComparer.Ordinal))
                {
                    sections.Add(row.Section);
                }
            }
            pages.Sort(ComparePages);
            if (!firstGroup)
            {
                b.Append("; ");
            }
            firstGroup = false;
            if (first.Source != SourceKind.NonMtus)
            {
                b.Append(first.Guideline);
            }
            else if (first.Guideline.EndsWith(')'))
            {
                b.Append(first.Guideline, 0, first.Guideline.Length - 1).Append(", non-MTUS)");
            }
            else
            {
                b.Append(first.Guideline).Append(" (non-MTUS)");
            }
            if (pages.Count > 0)
            {
                if (first.Section.Length > 0)
                {
                    b.Append(", ").Append(first.Section);
                }
                b.Append(", Page(s): ").AppendJoin(", ", pages);
            }
            else if (sections.Count > 0)
            {
                b.Append(", ").AppendJoin("; ", sections);
            }
        }
        return b.Append('.').ToString();
    }

    private static bool SeenBefore(IReadOnlyList<CompiledRule> citations, int index, string guideline)
    {
        for (var k = 0; k < index; k++)
        {
            if (string.Equals(citations[k].Row.Guideline, guideline, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Pages in number order ("8" before "22"), anything not a number after them in text order.</summary>
    private static int ComparePages(string a, string b)
    {
        var byKey = PageKey(a).CompareTo(PageKey(b));
        return byKey != 0 ? byKey : string.CompareOrdinal(a, b);
    }

    private static int PageKey(string page) => int.TryParse(page, out var n) ? n : int.MaxValue;

    private static string Paragraph(in Context x)
    {
        var item = x.Item;
        using var p = new DetailText(1024, ' ');
        var hierarchy = x.G.Principle(PrincipleCodes.EvidenceHierarchy, item.Item.Treatment, item.Facts.EffectivePhase);

        foreach (var f in item.Findings)
        {
            if (f.Code is FindingCode.PostSurgicalPeriodEnded or FindingCode.ItemRegionOutsideSurgery or FindingCode.PostSurgicalCourseNotListed
                or FindingCode.TreatmentOutsidePostSurgicalGuidelines or FindingCode.PhaseSetBySurgeryDate)
            {
                Sentences.Finding(p, x, f);
            }
        }

        if (item.Governing is not { } governing)
        {
            Sentences.NoGuideline(p, x, hierarchy);
        }
        else if (governing.Row.NotRecommended)
        {
            Sentences.NotRecommended(p, x, item.Criteria[0]);
            foreach (var f in item.Findings)
            {
                if (f.Code == FindingCode.CareTypeDoesNotLiftExclusion)
                {
                    Sentences.Finding(p, x, f);
                }
            }
        }
        else
        {
            Sentences.Received(p, x);
            foreach (var f in item.Findings)
            {
                if (f.Code is FindingCode.PriorWithoutRegionCounted or FindingCode.PriorWithoutRegionNotCounted)
                {
                    Sentences.Finding(p, x, f);
                }
            }
            var defaultApplied = item.Findings.Any(f => f.Code == FindingCode.DefaultRowApplied);
            var nonMtus = item.Findings.Any(f => f.Code == FindingCode.NonMtusGuidelineApplied);
            foreach (var f in item.Findings)
            {
                if (f.Code == FindingCode.ConditionGroupMatched)
                {
                    Sentences.Finding(p, x, f);
                }
            }
            foreach (var f in item.Findings)
            {
                if (f.Code == FindingCode.TreatmentEntryCited)
                {
                    Sentences.TreatmentEntry(p, x, f);
                }
            }
            Sentences.Course(p, x, governing, defaultApplied, nonMtus, hierarchy);
            AddComparisons(p, x);
            foreach (var c in item.Criteria)
            {
                // Functional improvement is stated when it failed or is undocumented, or when it carried a certified extension.
                if (c.Code == CriterionCode.FunctionalImprovement &&
                    (c.Status is CriterionStatus.NotMet or CriterionStatus.Unknown || (c.Status == CriterionStatus.Met && item.Certified)))
                {
                    Sentences.FunctionalImprovement(p, x, c);
                }
            }
            foreach (var c in item.Criteria)
            {
                if (c.Code is CriterionCode.Recommended or CriterionCode.TrialCourse or CriterionCode.RecommendedCourse
                    or CriterionCode.FunctionalImprovement || (c.Code == CriterionCode.PostSurgicalPeriod && c.Status != CriterionStatus.NotMet))
                {
                    continue;
                }
                if (Matters(x, c))
                {
                    Sentences.Other(p, x, c);
                }
            }
        }

        foreach (var f in item.Findings)
        {
            if (f.Code is FindingCode.NonMtusCitedWhereMtusAddresses or FindingCode.CareTypeNotDistinguished)
            {
                Sentences.Finding(p, x, f);
            }
        }
        Sentences.Unverified(p, x);
        Sentences.Conclusion(p, x);
        return p.ToString();
    }

    /// <summary>
    /// Whether a criterion belongs in the paragraph: anything that failed or is undocumented, and, for a certified
    /// item, the requirements it had to meet (an adjunct, the cap exemption). Nothing else is padded in.
    /// </summary>
    private static bool Matters(in Context x, in CriterionResult c)
    {
        if (c.Status is CriterionStatus.NotMet or CriterionStatus.Unknown)
        {
            return true;
        }
        if (c.Status == CriterionStatus.Met && x.Item.Certified)
        {
            // Conditions the certified item had to satisfy beyond its numbers.
            return c.Code is CriterionCode.AdjunctActiveTherapy or CriterionCode.AdjunctProgram or CriterionCode.Indication
                or CriterionCode.RepeatResponse or CriterionCode.ReturnToWork or CriterionCode.TreatmentInterval or CriterionCode.TimeSinceInjury;
        }
        return c.Reason == Reason.PostSurgicalExempt && x.Item.Certified;
    }

    private static void AddComparisons(DetailText p, in Context x)
    {
        CriterionResult? trial = null, course = null;
        foreach (var c in x.Item.Criteria)
        {
            if (c.Code == CriterionCode.TrialCourse && c.Status is CriterionStatus.Met or CriterionStatus.NotMet)
            {
                trial = c;
            }
            if (c.Code == CriterionCode.RecommendedCourse && c.Status is CriterionStatus.Met or CriterionStatus.NotMet)
            {
                course = c;
            }
        }
        // The failing limit explains a denial; for a certification the tighter limit that was met says enough.
        if (trial is { Status: CriterionStatus.NotMet } t)
        {
            Sentences.Comparison(p, x, t);
        }
        if (course is { Status: CriterionStatus.NotMet } c1)
        {
            Sentences.Comparison(p, x, c1);
        }
        if (trial?.Status != CriterionStatus.NotMet && course?.Status != CriterionStatus.NotMet)
        {
            if (trial is { } t2)
            {
                Sentences.Comparison(p, x, t2);
            }
            else if (course is { } c2)
            {
                Sentences.Comparison(p, x, c2);
            }
        }
    }

    /// <summary>For a pended UR item: exactly what to send, one entry per undocumented criterion.</summary>
    private static IReadOnlyList<string> DocumentsNeeded(in Context x)
    {
        if (x.Item.Determination != Determination.InsufficientInformation)
        {
            return [];
        }
        var needed = new List<string>();
        foreach (var c in x.Item.Criteria)
        {
            if (c.Status != CriterionStatus.Unknown)
            {
                continue;
            }
            needed.Add(c.Reason switch
            {
                Reason.ImprovementUndocumented =>
                    $"Progress notes from before and after the {Count(c.Prior, UnitWords.Of(x.Unit, 1), x.Unit)} already given, recording work status, " +
                    "work hours, lifting limit and opioid use (agents and dose), or the treating physician's account of changes in work " +
                    "restrictions, daily activities and dependence on medical care.",
                Reason.AdjunctUndocumented => "Documentation of a home exercise program, or of active therapy given alongside.",
                Reason.RadiculopathyUndocumented => "The examination findings of radiculopathy and the imaging or electrodiagnostic report that corroborates them.",
                Reason.IndicatedConditionUndocumented => "The diagnoses (ICD-10-CM) for which the treatment is requested.",
                Reason.ResponseUndocumented => "The percent pain relief after the last injection, how many weeks it lasted, and the change in medication use.",
                Reason.IntervalUndocumented => "The date of the last session of this treatment.",
                Reason.WorkStatusUndocumented => "The worker's current work status.",
                _ => $"Documentation for: {CriterionCodes.Label(c.Code)}.",
            });
        }
        return needed;
    }

    internal static string UnitOf(CompiledGuideline g, ItemDecision item) =>
        item.Governing?.UnitPlural ?? (g.Treatments.TryGetValue(item.Item.Treatment, out var t) ? t.Unit : "visits");

    /// <summary>The item as written; when the request gave no description, one built from its quantity and treatment.</summary>
    internal static string Description(CompiledGuideline g, RequestedItem item)
    {
        if (!string.IsNullOrWhiteSpace(item.Description))
        {
            return item.Description.Trim();
        }
        var unit = g.Treatments.TryGetValue(item.Treatment, out var t) ? t.Unit : "visits";
        return $"{DetailFormatter.TreatmentTitle(g, item.Treatment)} x {item.Quantity} ({UnitWords.Of(unit, item.Quantity)})";
    }
}
