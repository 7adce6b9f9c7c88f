using ImrGrpc.Engine.Compilation;

namespace ImrGrpc.Engine.Evaluation;

/// <summary>The row that governs an item, the diagnosis that chose it, and whether it was the default row.</summary>
internal readonly record struct Selection(CompiledRule? Rule, int DiagnosisIndex, bool DefaultApplied);

/// <summary>
/// Chooses the governing course row within one tier of the hierarchy (MTUS or non-MTUS):
/// a not-recommended row that matches always wins; then a row for the condition group of the first diagnosis
/// that has one; then a row for every diagnosis; then the default row. Within a rank a region-specific row beats
/// one for any region, and table order breaks ties.
/// </summary>
internal static class RowSelector
{
    public static Selection Select(CaseContext context, RowBucket bucket, IReadOnlyList<string> regions, bool mtus)
    {
        var g = context.Guideline;
        CompiledRule? specific = null, notRecommendedSpecific = null, general = null, notRecommendedGeneral = null, fallback = null;
        int specificDx = int.MaxValue, notRecommendedDx = int.MaxValue;

        // Rows for every diagnosis, and the default rows.
        foreach (var rule in bucket.General)
        {
            var row = rule.Row;
            if (row.IsNonMtusGuideline == mtus || !g.RowCoversAny(row, regions))
            {
                continue;
            }
            if (row.ConditionGroup is { } group && context.DiagnosisIndexOf(group) >= 0)
            {
                continue; // a default row naming one of the case's groups competes with that group's rows below
            }
            var none = int.MaxValue;
            if (row.IsDefault)
            {
                Prefer(ref fallback, ref none, rule, int.MaxValue);
            }
            else if (row.NotRecommended)
            {
                Prefer(ref notRecommendedGeneral, ref none, rule, int.MaxValue);
            }
            else
            {
                Prefer(ref general, ref none, rule, int.MaxValue);
            }
        }

        // Rows for the condition groups the diagnoses map to, the first diagnosis of each group deciding its rank.
        var groups = context.DiagnosisGroups;
        for (var dx = 0; dx < groups.Length; dx++)
        {
            if (groups[dx] is not { } group || context.DiagnosisIndexOf(group) != dx ||
                !bucket.ByGroup.TryGetValue(group, out var rows))
            {
                continue;
            }
            foreach (var rule in rows)
            {
                var row = rule.Row;
                if (row.IsNonMtusGuideline == mtus || !g.RowCoversAny(row, regions))
                {
                    continue;
                }
                if (row.NotRecommended)
                {
                    Prefer(ref notRecommendedSpecific, ref notRecommendedDx, rule, dx);
                }
                else
                {
                    Prefer(ref specific, ref specificDx, rule, dx);
                }
            }
        }

        if (notRecommendedGeneral is not null)
        {
            return new Selection(notRecommendedGeneral, -1, false);
        }
        if (notRecommendedSpecific is not null)
        {
            return new Selection(notRecommendedSpecific, notRecommendedDx, false);
        }
        if (specific is not null)
        {
            return new Selection(specific, specificDx, false);
        }
        if (general is not null)
        {
            return new Selection(general, -1, false);
        }
        return fallback is not null ? new Selection(fallback, -1, true) : default;
    }

    private static void Prefer(ref CompiledRule? best, ref int bestDx, CompiledRule candidate, int dx)
    {
        if (best is null ||
            dx < bestDx ||
            (dx == bestDx && candidate.RegionSpecific && !best.RegionSpecific))
        {
            best = candidate;
            bestDx = dx;
        }
    }
}
