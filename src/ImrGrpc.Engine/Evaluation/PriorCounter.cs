using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;

namespace ImrGrpc.Engine.Evaluation;

/// <summary>What the worker already received that counts toward a limit.</summary>
internal readonly record struct PriorTally(
    int Count, DateOnly? From, DateOnly? To, PriorTreatment? Last, DateOnly? LastDate, bool AnyUndated, int Unregioned = 0, int UnregionedSkipped = 0);

/// <summary>Counts prior sessions toward a course, the passive-care share, or a statutory cap.</summary>
internal static class PriorCounter
{
    /// <summary>
    /// Sessions of the row's treatments for the same body part. Under a post-surgical row only sessions since the
    /// surgery count; a row with a course window counts only sessions within it.
    /// </summary>
    /// <remarks>
    /// A prior treatment recorded without a body region counts only where it cannot be told apart from the item's region:
    /// when <paramref name="otherRegion"/> is null (the claim involves no region beyond the item's). Otherwise it may have
    /// treated that other region, and it is left out (the tally says how many sessions, for the trace).
    /// </remarks>
    public static PriorTally Course(
        CaseContext context, CompiledRule rule, IReadOnlyList<string> regions, string? otherRegion, Surgery? surgery, bool postSurgical)
    {
        var since = postSurgical && surgery is not null ? surgery.Date : (DateOnly?)null;
        if (rule.Row.CourseWindowMonths is { } window)
        {
            var windowStart = context.Request.RequestDate.AddMonths(-window);
            since = since is { } s && s > windowStart ? s : windowStart;
        }
        return Count(context, rule.Row.Treatments, passive: false, regions, otherRegion is null, since, null, null);
    }

    /// <summary>
    /// Passive sessions that share the governing row's course, for the same body part. Only treatments one row lists
    /// together are pooled (PT, OT and aquatic therapy under Physical Medicine): massage (CPMTG p. 60) and manipulation
    /// (pp. 58-59) each have a course of their own, so one never uses up the other's.
    /// </summary>
    public static PriorTally Passive(CaseContext context, CompiledRule governing, IReadOnlyList<string> regions, string? otherRegion) =>
        Count(context, governing.Row.Treatments, passive: true, regions, otherRegion is null, null, null, null);

    /// <summary>Visits of the cap's treatments on the whole claim, except post-surgical visits (exempt by statute).</summary>
    public static PriorTally Cap(CaseContext context, CompiledRule cap, Surgery? surgery, DateOnly? postSurgicalEnd) =>
        Count(context, cap.Row.Treatments, passive: false, [], countUnregioned: true, null, surgery?.Date, postSurgicalEnd);

    /// <summary>
    /// A body region of the claim (its own regions, another item's, or a prior treatment's) that the item's regions do
    /// not cover; null when there is none, or when the item's region is not known, so that nothing can be told apart.
    /// </summary>
    public static string? RegionBeyond(CaseContext context, IReadOnlyList<string> regions)
    {
        if (regions.Count == 0)
        {
            return null;
        }
        var g = context.Guideline;
        var request = context.Request;
        if (Beyond(g, request.Clinical.BodyRegions, regions) is { } own)
        {
            return own;
        }
        for (var i = 0; i < request.Items.Count; i++)
        {
            if (Beyond(g, request.Items[i].BodyRegions, regions) is { } other)
            {
                return other;
            }
        }
        for (var i = 0; i < request.PriorTreatments.Count; i++)
        {
            if (Beyond(g, request.PriorTreatments[i].BodyRegions, regions) is { } treated)
            {
                return treated;
            }
        }
        return null;
    }

    private static string? Beyond(CompiledGuideline g, IReadOnlyList<string> candidates, IReadOnlyList<string> regions)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!g.RegionCoveredBy(candidates[i], regions))
            {
                return candidates[i];
            }
        }
        return null;
    }

    private static PriorTally Count(
        CaseContext context,
        IReadOnlyList<string> treatments,
        bool passive,
        IReadOnlyList<string> regions,
        bool countUnregioned,
        DateOnly? since,
        DateOnly? excludeFrom,
        DateOnly? excludeTo)
    {
        var g = context.Guideline;
        var count = 0;
        DateOnly? from = null, to = null, lastDate = null;
        PriorTreatment? last = null;
        var anyUndated = false;
        var unregioned = 0;
        var unregionedSkipped = 0;
        var priors = context.Request.PriorTreatments;
        for (var i = 0; i < priors.Count; i++)
        {
            var prior = priors[i];
            if (!CompiledGuideline.Contains(treatments, prior.Treatment))
            {
                continue;
            }
            if (passive && (!g.Treatments.TryGetValue(prior.Treatment, out var info) || !info.Passive))
            {
                continue;
            }
            if (!g.RegionsOverlap(prior.BodyRegions, regions))
            {
                continue;
            }
            var end = prior.EndDate ?? prior.StartDate;
            if (since is { } s && end is { } e && e < s)
            {
                continue;
            }
            if (excludeFrom is { } xf && excludeTo is { } xt && prior.StartDate is { } start && start >= xf && start <= xt)
            {
                continue;
            }
            if (prior.BodyRegions.Count == 0 && regions.Count > 0)
            {
                if (!countUnregioned)
                {
                    unregionedSkipped += prior.Sessions;
                    continue;
                }
                unregioned += prior.Sessions;
            }
            count += prior.Sessions;
            if (prior.StartDate is { } st && (from is null || st < from))
            {
                from = st;
            }
            if (end is { } en)
            {
                if (to is null || en > to)
                {
                    to = en;
                }
                if (lastDate is null || en >= lastDate)
                {
                    lastDate = en;
                    last = prior;
                }
            }
            else
            {
                anyUndated = true;
                last ??= prior;
            }
        }
        return new PriorTally(count, from, to, last, lastDate, anyUndated, unregioned, unregionedSkipped);
    }
}
