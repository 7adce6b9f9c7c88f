using ImrGrpc.Engine.Compilation;

namespace ImrGrpc.Engine.Evaluation;

/// <summary>Why one diagnosis's row was chosen over the rows of the case's other diagnoses.</summary>
public enum DiagnosisChoice
{
    /// <summary>Only one diagnosis maps to a group with a row for this item.</summary>
    Only = 0,
    /// <summary>Its row is limited to the item's body region: the diagnosis the item treats.</summary>
    ItemRegion = 1,
    /// <summary>Its row is a course of its own, where the others' is the default course.</summary>
    SpecificCourse = 2,
    /// <summary>Its ICD-10-CM code is the most specific (most characters).</summary>
    MostSpecificCode = 3,
    /// <summary>Equal on every count: the one listed first.</summary>
    ListedFirst = 4,
}

/// <summary>The row that governs an item, the diagnosis that chose it and why, and whether it was the default row.</summary>
internal readonly record struct Selection(CompiledRule? Rule, int DiagnosisIndex, bool DefaultApplied, DiagnosisChoice Choice = DiagnosisChoice.Only);

/// <summary>
/// Chooses the governing course row within one tier of the hierarchy (MTUS or non-MTUS):
/// a not-recommended row that matches always wins; then a row for the condition group of a diagnosis; then a row for
/// every diagnosis; then the default row. When several diagnoses have rows, the one the item treats governs: a row
/// limited to the item's body region first, then a course of its own over the default course, then the most specific
/// ICD-10-CM code, then the order listed. Table order breaks the remaining ties.
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

        // Rows for the condition groups the diagnoses map to, the first diagnosis of each group standing for it.
        var groups = context.DiagnosisGroups;
        var choice = DiagnosisChoice.Only;
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
                else if (specific is null)
                {
                    specific = rule;
                    specificDx = dx;
                }
                else if (Better(context, rule, dx, specific, specificDx) is { } why)
                {
                    if (dx != specificDx)
                    {
                        choice = why;
                    }
                    specific = rule;
                    specificDx = dx;
                }
                else if (dx != specificDx && choice == DiagnosisChoice.Only)
                {
                    choice = Reason(context, specific, specificDx, rule, dx);
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
            return new Selection(specific, specificDx, false, choice);
        }
        if (general is not null)
        {
            return new Selection(general, -1, false);
        }
        return fallback is not null ? new Selection(fallback, -1, true) : default;
    }

    /// <summary>Why the winner beat the loser, on the first count where they differ.</summary>
    private static DiagnosisChoice Reason(CaseContext context, CompiledRule winner, int winnerDx, CompiledRule loser, int loserDx)
    {
        if (winner.RegionSpecific != loser.RegionSpecific)
        {
            return DiagnosisChoice.ItemRegion;
        }
        if (winner.Row.IsDefault != loser.Row.IsDefault)
        {
            return DiagnosisChoice.SpecificCourse;
        }
        return context.CodeSpecificity(winnerDx) != context.CodeSpecificity(loserDx) ? DiagnosisChoice.MostSpecificCode : DiagnosisChoice.ListedFirst;
    }

    /// <summary>The reason the candidate beats the current best, or null when it does not.</summary>
    private static DiagnosisChoice? Better(CaseContext context, CompiledRule candidate, int dx, CompiledRule best, int bestDx)
    {
        if (candidate.RegionSpecific != best.RegionSpecific)
        {
            return candidate.RegionSpecific ? DiagnosisChoice.ItemRegion : null;
        }
        if (candidate.Row.IsDefault != best.Row.IsDefault)
        {
            return candidate.Row.IsDefault ? null : DiagnosisChoice.SpecificCourse;
        }
        if (dx == bestDx)
        {
            return null; // two rows of one diagnosis: table order
        }
        var a = context.CodeSpecificity(dx);
        var b = context.CodeSpecificity(bestDx);
        if (a != b)
        {
            return a > b ? DiagnosisChoice.MostSpecificCode : null;
        }
        return dx < bestDx ? DiagnosisChoice.ListedFirst : null;
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
