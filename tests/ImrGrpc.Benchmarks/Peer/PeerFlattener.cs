using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Benchmarks.Peer;

/// <summary>
/// Flattens a case item into <see cref="SessionFacts"/>: reads the course numbers from the named seed row and
/// counts the prior sessions that row and the statutory cap count. It uses only the compiled version's lookups
/// (rows by id, catalog), not the engine's evaluation code, so the peer's answers are its own.
/// </summary>
public static class PeerFlattener
{
    /// <summary>Days after its last session that a prior treatment still counts as ongoing (the engine's rule).</summary>
    private const int OngoingDays = 30;

    public static SessionFacts Flatten(CompiledGuideline g, CaseRequest request, RequestedItem item, string courseRowId)
    {
        if (!g.RulesById.TryGetValue(courseRowId, out var rule))
        {
            throw new InvalidOperationException($"version {g.Version.Id} has no row '{courseRowId}'");
        }
        var row = rule.Row;
        var clinical = request.Clinical;
        var regions = item.BodyRegions.Count > 0 ? item.BodyRegions : clinical.BodyRegions;
        var surgery = clinical.Surgery;
        var postSurgical = row.Phase == Phase.PostSurgical && row.Procedure is not null;

        // Course priors: the row's treatments, same body part; since the surgery under a post-surgical row; within the window.
        DateOnly? since = postSurgical && surgery is not null ? surgery.Date : null;
        if (row.CourseWindowMonths is { } window)
        {
            var windowStart = request.RequestDate.AddMonths(-window);
            since = since is { } s && s > windowStart ? s : windowStart;
        }
        var prior = 0;
        if (row.CourseScope != CourseScope.Episode)
        {
            foreach (var p in request.PriorTreatments)
            {
                if (row.Treatments.Contains(p.Treatment) && Overlap(g, p.BodyRegions, regions) &&
                    !(since is { } s && (p.EndDate ?? p.StartDate) is { } end && end < s))
                {
                    prior += p.Sessions;
                }
            }
        }

        // Statutory cap priors: the cap's treatments on the whole claim, less visits inside the post-surgical period.
        var capPrior = 0;
        if (g.StatutoryCap(item.Treatment) is { } cap)
        {
            DateOnly? exemptTo = null;
            if (surgery is not null)
            {
                var months = postSurgical
                    ? row.PostSurgicalPeriodMonths
                    : g.Principle(PrincipleCodes.PostSurgicalDefaultPeriod, item.Treatment, Phase.PostSurgical)?.Row.PostSurgicalPeriodMonths;
                exemptTo = months is { } m ? surgery.Date.AddMonths(m) : null;
            }
            foreach (var p in request.PriorTreatments)
            {
                if (!cap.Row.Treatments.Contains(p.Treatment))
                {
                    continue;
                }
                if (surgery is not null && exemptTo is { } to && p.StartDate is { } start && start >= surgery.Date && start <= to)
                {
                    continue;
                }
                capPrior += p.Sessions;
            }
        }

        var trial = row.TrialVisits ?? (row.InitialCoursePercent is { } percent && row.MaxVisits is { } max
            ? (row.InitialCourseRounding == Rounding.Up ? (max * percent + 99) / 100 : max * percent / 100)
            : null);

        var before = clinical.PreviousFunction;
        var after = clinical.CurrentFunction;
        var both = before is not null && after is not null;
        var evidence = clinical.FunctionalEvidence;

        var cutoff = request.RequestDate.AddDays(-OngoingDays);
        return new SessionFacts
        {
            ItemId = item.ItemId,
            Treatment = item.Treatment,
            Phase = (int)(postSurgical ? Phase.PostSurgical : Phase.Chronic),
            Regions = [.. regions],
            Requested = item.Quantity,
            Prior = prior,
            HasTrial = trial is not null,
            TrialVisits = trial ?? 0,
            HasMax = row.MaxVisits is not null,
            MaxVisits = row.MaxVisits ?? 0,
            RequiresImprovement = row.RequiresFunctionalImprovement,
            WorkStatusBefore = both ? (int)before!.WorkStatus : 0,
            WorkStatusAfter = both ? (int)after!.WorkStatus : 0,
            HoursBefore = both ? before!.WorkHoursPerDay ?? double.NaN : double.NaN,
            HoursAfter = both ? after!.WorkHoursPerDay ?? double.NaN : double.NaN,
            LiftingBefore = both ? before!.LiftingLimitLb ?? double.NaN : double.NaN,
            LiftingAfter = both ? after!.LiftingLimitLb ?? double.NaN : double.NaN,
            OpioidsBefore = both && before!.OpioidAgents is { } ob ? ob : double.NaN,
            OpioidsAfter = both && after!.OpioidAgents is { } oa ? oa : double.NaN,
            MedBefore = both ? before!.MorphineEquivalentMgPerDay ?? double.NaN : double.NaN,
            MedAfter = both ? after!.MorphineEquivalentMgPerDay ?? double.NaN : double.NaN,
            RestrictionsTrendImproved = evidence.WorkRestrictions == Trend.Improved,
            AdlImproved = evidence.ActivitiesOfDailyLiving == Trend.Improved,
            DependenceTrendImproved = evidence.TreatmentDependence == Trend.Improved,
            RequiresActiveAdjunct = row.Adjunct == AdjunctRequirement.ActiveTherapy,
            HomeExercise = clinical.HomeExerciseProgram == true,
            ConcurrentActive = request.Items.Any(other => !ReferenceEquals(other, item) && IsActive(g, other.Treatment)),
            OngoingActive = request.PriorTreatments.Any(p =>
                IsActive(g, p.Treatment) && p.StartDate is not null && (p.EndDate is null || p.EndDate >= cutoff)),
            InjuryDate = request.InjuryDate.ToDateTime(TimeOnly.MinValue),
            PostSurgicalExempt = postSurgical,
            CapPrior = capPrior,
        };
    }

    private static bool IsActive(CompiledGuideline g, string treatment) =>
        g.Treatments.TryGetValue(treatment, out var info) && info.Active;

    /// <summary>Two region lists concern the same body part: equal, or one an umbrella region that includes the other.</summary>
    private static bool Overlap(CompiledGuideline g, IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return true;
        }
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (x == y || Includes(g, x, y) || Includes(g, y, x))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool Includes(CompiledGuideline g, string outer, string inner) =>
        g.BodyRegions.TryGetValue(outer, out var info) && info.Includes.Contains(inner);
}
