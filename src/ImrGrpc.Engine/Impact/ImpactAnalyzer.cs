using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;

namespace ImrGrpc.Engine.Impact;

/// <summary>A case of the corpus: where it came from and the request.</summary>
public sealed record ImpactCase(string Name, CaseRequest Request);

public enum ImpactDirection
{
    /// <summary>Not certified before, certified now.</summary>
    NewlyCertified,
    /// <summary>Certified before, not now.</summary>
    NewlyDenied,
    /// <summary>Same certification, a different approvable quantity.</summary>
    QuantityChanged,
    /// <summary>Another determination (e.g. pended instead of denied) without a change in certification.</summary>
    DeterminationChanged,
    /// <summary>Same outcome, cited on different pages.</summary>
    CitationsChanged,
}

/// <summary>One item whose decision would change.</summary>
public sealed record ItemImpact(
    string CaseName,
    string CaseId,
    string ItemId,
    string Treatment,
    ImpactDirection Direction,
    Determination Before,
    Determination After,
    int QuantityBefore,
    int QuantityAfter,
    IReadOnlyList<string> PagesBefore,
    IReadOnlyList<string> PagesAfter,
    CaseDecision BeforeDecision,
    CaseDecision AfterDecision);

/// <summary>Counts for one treatment.</summary>
public sealed record TreatmentImpact(string Treatment, int Items, int NewlyCertified, int NewlyDenied, int OtherChanges);

/// <summary>A case that could not be decided under one of the versions (unknown codes, say).</summary>
public sealed record ImpactError(string CaseName, string Message);

public sealed record ImpactReport(
    string BeforeVersion,
    string AfterVersion,
    int Cases,
    int Items,
    IReadOnlyList<ItemImpact> Changes,
    IReadOnlyList<TreatmentImpact> ByTreatment,
    IReadOnlyList<ImpactError> Errors)
{
    public int NewlyCertified => Changes.Count(c => c.Direction == ImpactDirection.NewlyCertified);
    public int NewlyDenied => Changes.Count(c => c.Direction == ImpactDirection.NewlyDenied);
}

/// <summary>
/// Replays a corpus of cases under the version a draft would replace and under the draft, and reports every item whose
/// determination, approvable quantity or cited pages change. Every case is decided under both versions as given,
/// whatever its request date: the question is what these rules would do to these cases.
/// </summary>
public static class ImpactAnalyzer
{
    public static ImpactReport Compare(
        CompiledGuideline before,
        CompiledGuideline after,
        IReadOnlyList<ImpactCase> cases,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(cases);
        var changes = new List<ItemImpact>();
        var errors = new List<ImpactError>();
        var totals = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var items = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var @case = cases[i];
            var outcomeBefore = CaseDecider.Decide(before, @case.Request);
            var outcomeAfter = CaseDecider.Decide(after, @case.Request);
            if (outcomeBefore.Decision is not { } a || outcomeAfter.Decision is not { } b)
            {
                var problems = outcomeBefore.Problems.Concat(outcomeAfter.Problems).Distinct();
                errors.Add(new ImpactError(@case.Name, string.Join("; ", problems.Select(p => p.ToText(@case.Request)))));
                progress?.Report(i + 1);
                continue;
            }
            for (var k = 0; k < a.Items.Count; k++)
            {
                items++;
                var x = a.Items[k];
                var y = b.Items[k];
                var counts = Totals(totals, x.Item.Treatment);
                counts[0]++;
                if (Classify(x, y) is not { } direction)
                {
                    continue;
                }
                counts[direction switch
                {
                    ImpactDirection.NewlyCertified => 1,
                    ImpactDirection.NewlyDenied => 2,
                    _ => 3,
                }]++;
                changes.Add(new ItemImpact(@case.Name, @case.Request.CaseId, x.Item.ItemId, x.Item.Treatment, direction,
                    x.Determination, y.Determination, x.ApprovableQuantity, y.ApprovableQuantity, Pages(x), Pages(y), a, b));
            }
            progress?.Report(i + 1);
        }
        var byTreatment = totals.Select(t => new TreatmentImpact(t.Key, t.Value[0], t.Value[1], t.Value[2], t.Value[3])).ToList();
        return new ImpactReport(before.Version.Id, after.Version.Id, cases.Count, items, changes, byTreatment, errors);
    }

    private static ImpactDirection? Classify(ItemDecision before, ItemDecision after)
    {
        if (!before.Certified && after.Certified)
        {
            return ImpactDirection.NewlyCertified;
        }
        if (before.Certified && !after.Certified)
        {
            return ImpactDirection.NewlyDenied;
        }
        if (before.ApprovableQuantity != after.ApprovableQuantity)
        {
            return ImpactDirection.QuantityChanged;
        }
        if (before.Determination != after.Determination)
        {
            return ImpactDirection.DeterminationChanged;
        }
        return Pages(before).SequenceEqual(Pages(after)) ? null : ImpactDirection.CitationsChanged;
    }

    private static int[] Totals(SortedDictionary<string, int[]> totals, string treatment)
    {
        if (!totals.TryGetValue(treatment, out var counts))
        {
            totals[treatment] = counts = new int[4];
        }
        return counts;
    }

    private static IReadOnlyList<string> Pages(ItemDecision item) =>
        item.Citations.SelectMany(c => c.Row.Pages).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
