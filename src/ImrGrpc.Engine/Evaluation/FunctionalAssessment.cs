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
/// The functional-improvement test of 8 CCR 9792.20(f) for a case: (a clinically significant gain in activities of daily
/// living OR fewer work restrictions) AND less dependence on continued medical treatment. Each part is read from the two
/// function snapshots where both record it, and from the trends stated in the record otherwise; either showing a gain
/// counts. From the snapshots a part shows a gain only when some measure moved by the version's threshold
/// (<see cref="Model.FunctionThresholds"/>) and no measure of that part went the wrong way; a measure with nothing to
/// reduce (no opioids at either visit) says nothing about dependence.
/// </summary>
public readonly record struct FunctionalAssessment(
    Tri RestrictionsReduced,
    EvidenceSource RestrictionsSource,
    Tri AdlImproved,
    Tri DependenceReduced,
    EvidenceSource DependenceSource,
    Tri Overall,
    bool HasSnapshots,
    bool BelowThreshold = false,
    bool Offset = false)
{
    public static FunctionalAssessment Of(ClinicalFacts clinical) => Of(clinical, Model.FunctionThresholds.Default);

    public static FunctionalAssessment Of(ClinicalFacts clinical, Model.FunctionThresholds thresholds)
    {
        var before = clinical.PreviousFunction;
        var after = clinical.CurrentFunction;
        var evidence = clinical.FunctionalEvidence;
        var hasSnapshots = before is not null && after is not null;

        var restrictionsFromSnapshots = Tri.Unknown;
        var dependenceFromSnapshots = Tri.Unknown;
        var below = false;
        var offset = false;
        if (before is not null && after is not null)
        {
            var restrictions = new Moves();
            restrictions.Add(Delta(before.WorkStatus == WorkStatus.Unknown ? null : (double)before.WorkStatus,
                after.WorkStatus == WorkStatus.Unknown ? null : (double)after.WorkStatus), 1);
            restrictions.Add(Delta(before.WorkHoursPerDay, after.WorkHoursPerDay), thresholds.MinWorkHoursGain);
            restrictions.Add(Delta(before.LiftingLimitLb, after.LiftingLimitLb), thresholds.MinLiftingGainLb);
            restrictionsFromSnapshots = restrictions.Result;

            var dependence = new Moves();
            dependence.Add(Reduction(before.OpioidAgents, after.OpioidAgents), 1);
            dependence.Add(PercentReduction(before.MorphineEquivalentMgPerDay, after.MorphineEquivalentMgPerDay), thresholds.MinMedReductionPercent);
            dependenceFromSnapshots = dependence.Result;
            below = restrictions.Below || dependence.Below;
            offset = restrictions.Offset || dependence.Offset;
        }

        var (restrictionsTri, restrictionsSource) = Combine(restrictionsFromSnapshots, FromTrend(evidence.WorkRestrictions));
        var (dependenceTri, dependenceSource) = Combine(dependenceFromSnapshots, FromTrend(evidence.TreatmentDependence));
        var adl = FromTrend(evidence.ActivitiesOfDailyLiving);
        var overall = And(Or(adl, restrictionsTri), dependenceTri);
        return new FunctionalAssessment(restrictionsTri, restrictionsSource, adl, dependenceTri, dependenceSource, overall, hasSnapshots, below, offset);
    }

    /// <summary>How far a measure moved in the good direction (higher is better); null when either side is missing.</summary>
    private static double? Delta(double? before, double? after) => before is { } b && after is { } a ? a - b : null;

    /// <summary>Fewer is better; nothing at either visit is nothing to reduce, so it tells nothing.</summary>
    private static double? Reduction(int? before, int? after) =>
        before is { } b && after is { } a && (b != 0 || a != 0) ? b - a : null;

    private static double? PercentReduction(double? before, double? after)
    {
        if (before is not { } b || after is not { } a || (b == 0 && a == 0))
        {
            return null;
        }
        return b == 0 ? -100 : (b - a) * 100 / b;
    }

    /// <summary>The measures of one part: a gain needs one measure at its threshold and none going the wrong way.</summary>
    private struct Moves
    {
        private bool _recorded, _gain, _worse, _small;

        public void Add(double? delta, double threshold)
        {
            if (delta is not { } d)
            {
                return;
            }
            _recorded = true;
            if (d < 0)
            {
                _worse = true;
            }
            else if (d > 0 && d >= threshold)
            {
                _gain = true;
            }
            else if (d > 0)
            {
                _small = true;
            }
        }

        public readonly Tri Result => !_recorded ? Tri.Unknown : _gain && !_worse ? Tri.Yes : Tri.No;

        /// <summary>Something improved, but by less than the threshold, and nothing reached it.</summary>
        public readonly bool Below => _small && !_gain;

        /// <summary>A gain that another measure of the same part cancels by going the wrong way.</summary>
        public readonly bool Offset => (_gain || _small) && _worse;
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
