using System.Buffers;
using System.Text;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;
using static ImrGrpc.Engine.Rationale.Words;

namespace ImrGrpc.Engine.Rationale;

/// <summary>
/// Assembles the whole "issues, decisions and rationales" section from rendered items, into the thread's kept builder
/// (<see cref="TextBuilders"/>), which the caller finishes as a string or as UTF-8 and so gives back.
/// </summary>
internal static class Documents
{
    private const string ImrNotice =
        "If you disagree with this decision, you may ask the Division of Workers' Compensation for an Independent Medical " +
        "Review (IMR) of any item that was not certified in full. File the Application for Independent Medical Review (DWC " +
        "Form IMR), with a copy of this decision, within 30 days of its service (Labor Code 4610.5; 8 CCR 9792.10.1).";

    public static StringBuilder Text(CaseDecision decision, IReadOnlyList<ItemRationale> items)
    {
        var ur = decision.Request.ReviewType == ReviewType.Ur;
        var b = TextBuilders.Rent(Capacity(items));
        b.Append(ur ? "UTILIZATION REVIEW DECISION" : "IMR ISSUES, DECISIONS AND RATIONALES").Append("\n\n");
        using (var header = Header(decision, items.Count))
        {
            WrapInto(b, header.Written, RationaleRenderer.LetterWidth);
        }
        b.Append('\n');
        var number = 0;
        foreach (var item in items)
        {
            number++;
            var decided = Decided(decision, item.ItemId);
            b.Append('\n');
            WrapInto(b, items.Count > 1 ? $"{number}. {item.Heading}" : item.Heading, RationaleRenderer.LetterWidth);
            b.Append("\n\n");
            if (ur)
            {
                Field(b, "Treatment requested", $"{item.Heading[..item.Heading.LastIndexOf(':')]} ({QuantityText(decision, decided)})");
            }
            Field(b, "Claims administrator guideline", item.ClaimsAdministratorBasis);
            Field(b, ur ? "Criteria and guidelines used" : "Guideline basis", item.GuidelineBasis);
            if (ur)
            {
                Field(b, "Clinical reasons", ClinicalReasons(decision, decided));
            }
            Field(b, "Decision rationale", item.Rationale);
            if (item.DocumentsNeeded.Count > 0)
            {
                b.Append("Documents needed to decide:\n");
                foreach (var doc in item.DocumentsNeeded)
                {
                    b.Append(Wrap($"  - {doc}", RationaleRenderer.LetterWidth).Replace("\n  ", "\n    ", StringComparison.Ordinal)).Append('\n');
                }
                b.Append('\n');
            }
        }
        if (ur && AnyNotCertified(decision))
        {
            b.Append('\n');
            WrapInto(b, ImrNotice, RationaleRenderer.LetterWidth);
            b.Append('\n');
        }
        // One final newline, without copying the document to trim it.
        while (b.Length > 0 && b[^1] == '\n')
        {
            b.Length--;
        }
        return b.Append('\n');
    }

    private static int Capacity(IReadOnlyList<ItemRationale> items)
    {
        var size = 1024;
        foreach (var item in items)
        {
            size += item.Rationale.Length + item.GuidelineBasis.Length + item.ClaimsAdministratorBasis.Length + item.Heading.Length + 512;
        }
        return size;
    }

    private static ItemDecision Decided(CaseDecision decision, string itemId)
    {
        var items = decision.Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Item.ItemId == itemId)
            {
                return items[i];
            }
        }
        throw new InvalidOperationException($"no decision for item {itemId}");
    }

    private static bool AnyNotCertified(CaseDecision decision)
    {
        var items = decision.Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (!items[i].Certified)
            {
                return true;
            }
        }
        return false;
    }

    public static StringBuilder Markdown(CaseDecision decision, IReadOnlyList<ItemRationale> items)
    {
        var ur = decision.Request.ReviewType == ReviewType.Ur;
        var b = TextBuilders.Rent(Capacity(items));
        b.Append(ur ? "# Utilization review decision" : "# IMR issues, decisions and rationales").Append("\n\n");
        using (var header = Header(decision, items.Count))
        {
            b.Append(header.Written).Append('\n');
        }
        var number = 0;
        foreach (var item in items)
        {
            number++;
            var decided = Decided(decision, item.ItemId);
            b.Append("\n## ").Append(items.Count > 1 ? $"{number}. " : "").Append(Escape(item.Heading)).Append("\n\n");
            if (ur)
            {
                b.Append("- **Treatment requested:** ").Append(Escape($"{item.Heading[..item.Heading.LastIndexOf(':')]} ({QuantityText(decision, decided)})")).Append('\n');
            }
            b.Append("- **Claims administrator guideline:** ").Append(Escape(item.ClaimsAdministratorBasis)).Append('\n');
            b.Append(ur ? "- **Criteria and guidelines used:** " : "- **Guideline basis:** ").Append(Escape(item.GuidelineBasis)).Append('\n');
            if (ur)
            {
                b.Append("- **Clinical reasons:** ").Append(Escape(ClinicalReasons(decision, decided))).Append('\n');
            }
            b.Append("\n**Decision rationale.** ").Append(Escape(item.Rationale)).Append('\n');
            if (item.DocumentsNeeded.Count > 0)
            {
                b.Append("\n**Documents needed to decide:**\n\n");
                foreach (var doc in item.DocumentsNeeded)
                {
                    b.Append("- ").Append(Escape(doc)).Append('\n');
                }
            }
            if (item.Citations.Count > 0)
            {
                b.Append("\n**Citations:**\n\n");
                foreach (var c in item.Citations)
                {
                    var pages = c.PagesText.Length > 0 ? $", p. {c.PagesText}" : "";
                    var mtus = c.Row.IsNonMtusGuideline ? " (non-MTUS)" : "";
                    b.Append("- ").Append(Escape($"{c.Row.Guideline}{mtus}, {c.Row.Section}{pages}")).Append(" — `").Append(c.Id).Append("`\n");
                }
            }
        }
        if (ur && AnyNotCertified(decision))
        {
            b.Append("\n---\n\n").Append(Escape(ImrNotice)).Append('\n');
        }
        return b;
    }

    /// <summary>The letter's opening sentences, written into a pooled buffer the caller wraps and gives back.</summary>
    private static DetailText Header(CaseDecision decision, int count)
    {
        var v = decision.Guideline.Version;
        var h = new DetailText(512);
        if (decision.Request.CaseId.Length > 0)
        {
            h.Write($"Case {decision.Request.CaseId}, request dated {Date(decision.Request.RequestDate)}. ");
        }
        if (count == 1)
        {
            h.Append("The disputed item was");
        }
        else
        {
            h.Write($"The {count} disputed items were");
        }
        h.Write($" decided under guideline version {v.Id} ({v.Label}");
        if (v.EffectiveFrom is { } from)
        {
            h.Write($", in force {Date(from)}");
            if (v.EffectiveTo is { } to)
            {
                h.Write($" to {Date(to)}");
            }
            else
            {
                h.Append(" onward");
            }
        }
        h.Write($"), content sha-256 {v.ContentHash}. Decision id {decision.DecisionId}.");
        return h;
    }

    private static string QuantityText(CaseDecision decision, ItemDecision item)
    {
        var unit = RationaleRenderer.UnitOf(decision.Guideline, item);
        return Count(item.Item.Quantity, UnitWords.Of(unit, 1), unit);
    }

    private static string ClinicalReasons(CaseDecision decision, ItemDecision item)
    {
        var clinical = decision.Request.Clinical;
        var parts = new List<string>();
        if (clinical.Diagnoses.Count > 0)
        {
            parts.Add("Diagnoses: " + string.Join(", ", clinical.Diagnoses.Select(d => d.Description.Length > 0 ? $"{d.Code} ({d.Description})" : d.Code)) + ".");
        }
        if (item.Facts.PriorCount > 0)
        {
            var unit = RationaleRenderer.UnitOf(decision.Guideline, item);
            parts.Add($"Prior treatment counted: {Count(item.Facts.PriorCount, UnitWords.Of(unit, 1), unit)}.");
        }
        if (clinical.PreviousFunction is not null || clinical.CurrentFunction is not null || clinical.FunctionalEvidence != FunctionalEvidence.None)
        {
            parts.Add($"Function: {Sentence(decision.FunctionProse)}");
        }
        return parts.Count > 0 ? string.Join(" ", parts) : "No clinical findings beyond the request were provided.";
    }

    /// <summary>"Label: text", wrapped as one paragraph: put together in a pooled buffer, not a new string per field.</summary>
    private static void Field(StringBuilder b, string label, string text)
    {
        var length = label.Length + 2 + text.Length;
        var buffer = ArrayPool<char>.Shared.Rent(length);
        label.CopyTo(buffer);
        buffer[label.Length] = ':';
        buffer[label.Length + 1] = ' ';
        text.CopyTo(0, buffer, label.Length + 2, text.Length);
        WrapInto(b, buffer.AsSpan(0, length), RationaleRenderer.LetterWidth);
        ArrayPool<char>.Shared.Return(buffer);
        b.Append("\n\n");
    }

    /// <summary>Escapes Markdown control characters in text that came from the request or the tables.</summary>
    private static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny(MarkdownSpecials) < 0)
        {
            return text;
        }
        var b = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            if (MarkdownSpecials.Contains(ch))
            {
                b.Append('\\');
            }
            b.Append(ch);
        }
        return b.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> MarkdownSpecials = System.Buffers.SearchValues.Create("\\`*_[]<>#|");
}
