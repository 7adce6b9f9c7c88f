using ImrGrpc.Engine.Cases;

namespace ImrGrpc.Engine.Evaluation;

/// <summary>Three-valued truth: documented yes, documented no, or not documented.</summary>
public enum Tri
{
    Unknown = 0,
    Yes = 1,
    No = 2,
}

/// <summary>Where a part of the functional-improvement test was read from.</summary>
public enum EvidenceSource
{
    None = 0,
    Snapshots = 1,
    StatedTrend = 2,
}

/// <summary>
/// The functional-improvement test of 8 CCR 9792.20(f) for a case: (gain in activities of daily living OR
/// fewer work restrictions) AND less dependence on medical treatment. Each part is read from the two function
/// snapshots where both record it, and from the trends stated in the record otherwise; either showing a gain
/// counts.
/// </summary>
public readonly record struct FunctionalAssessment(
    Tri RestrictionsReduced,
    EvidenceSource RestrictionsSource,
    Tri AdlImproved,
    Tri DependenceReduced,
    EvidenceSource DependenceSource,
    Tri Overall,
    bool HasSnapshots)
{
    public static FunctionalAssessment Of(ClinicalFacts clinical)
    {
        var before = clinical.PreviousFunction;
        var after = clinical.CurrentFunction;
        var evidence = clinical.FunctionalEvidence;
        var hasSnapshots = before is not null && after is not null;

        var restrictionsFromSnapshots = Tri.Unknown;
        var dependenceFromSnapshots = Tri.Unknown;
        if (before is not null && after is not null)
        {
            restrictionsFromSnapshots = AnyGain(
                Compare(before.WorkStatus == WorkStatus.Unknown ? null : (double)before.WorkStatus,
                        after.WorkStatus == WorkStatus.Unknown ? null : (double)after.WorkStatus, higherIsBetter: true),
                Compare(before.WorkHoursPerDay, after.WorkHoursPerDay, higherIsBetter: true),
                Compare(before.LiftingLimitLb, after.LiftingLimitLb, higherIsBetter: true));
            dependenceFromSnapshots = AnyGain(
                Compare(before.OpioidAgents, after.OpioidAgents, higherIsBetter: false),
                Compare(before.MorphineEquivalentMgPerDay, after.MorphineEquivalentMgPerDay, higherIsBetter: false),
                Tri.Unknown);
        }

        var (restrictions, restrictionsSource) = Combine(restrictionsFromSnapshots, FromTrend(evidence.WorkRestrictions));
        var (dependence, dependenceSource) = Combine(dependenceFromSnapshots, FromTrend(evidence.TreatmentDependence));
        var adl = FromTrend(evidence.ActivitiesOfDailyLiving);
        var overall = And(Or(adl, restrictions), dependence);
        return new FunctionalAssessment(restrictions, restrictionsSource, adl, dependence, dependenceSource, overall, hasSnapshots);
    }

    private static Tri Compare(double? before, double? after, bool higherIsBetter)
    {
        if (before is not { } b || after is not { } a)
        {
            return Tri.Unknown;
        }
        return (higherIsBetter ? a > b : a < b) ? Tri.Yes : Tri.No;
    }

    private static Tri Compare(int? before, int? after, bool higherIsBetter) =>
        Compare(before.HasValue ? before.Value : (double?)null, after.HasValue ? after.Value : (double?)null, higherIsBetter);

    /// <summary>Yes if any measure shows a gain; No if some measure was recorded and none shows one.</summary>
    private static Tri AnyGain(Tri a, Tri b, Tri c)
    {
        if (a == Tri.Yes || b == Tri.Yes || c == Tri.Yes)
        {
            return Tri.Yes;
        }
        return a == Tri.No || b == Tri.No || c == Tri.No ? Tri.No : Tri.Unknown;
    }

    private static Tri FromTrend(Trend trend) => trend switch
    {
        Trend.Improved => Tri.Yes,
        Trend.Unchanged or Trend.Worsened => Tri.No,
        _ => Tri.Unknown,
    };

    private static (Tri, EvidenceSource) Combine(Tri snapshots, Tri stated)
    {
        if (snapshots == Tri.Yes)
        {
            return (Tri.Yes, EvidenceSource.Snapshots);
        }
        if (stated == Tri.Yes)
        {
            return (Tri.Yes, EvidenceSource.StatedTrend);
        }
        if (snapshots == Tri.No)
        {
            return (Tri.No, EvidenceSource.Snapshots);
        }
        return stated == Tri.No ? (Tri.No, EvidenceSource.StatedTrend) : (Tri.Unknown, EvidenceSource.None);
    }

    internal static Tri Or(Tri a, Tri b) =>
        a == Tri.Yes || b == Tri.Yes ? Tri.Yes : a == Tri.No && b == Tri.No ? Tri.No : Tri.Unknown;

    internal static Tri And(Tri a, Tri b) =>
        a == Tri.No || b == Tri.No ? Tri.No : a == Tri.Yes && b == Tri.Yes ? Tri.Yes : Tri.Unknown;
}
