namespace ImrGrpc.Engine.Model;

/// <summary>
/// One row of a guideline version's rule book. Every number or flag that decides an item lives in a
/// column here, so editors change the rules without changing code.
/// </summary>
public sealed record RuleRow
{
    /// <summary>Stable id, the same across versions (e.g. "cpmtg-pm-myalgia").</summary>
    public required string Id { get; init; }
    public RuleRole Role { get; init; }
    /// <summary>For <see cref="RuleRole.Principle"/> rows: which principle (see <see cref="PrincipleCodes"/>).</summary>
    public string? Principle { get; init; }
    public SourceKind Source { get; init; }

    // Citation.
    public required string Guideline { get; init; }
    public string Edition { get; init; } = "";
    public string Section { get; init; } = "";
    public IReadOnlyList<string> Pages { get; init; } = [];

    // Keys that select the row.
    /// <summary>Treatment codes the row governs (course), caps (statutory cap) or applies to (principle; empty = all).</summary>
    public IReadOnlyList<string> Treatments { get; init; } = [];
    public Phase Phase { get; init; }
    public CareType CareType { get; init; }
    /// <summary>Condition group the row is for; null = not diagnosis-specific.</summary>
    public string? ConditionGroup { get; init; }
    /// <summary>Applies when no diagnosis maps to a condition group that has its own row.</summary>
    public bool IsDefault { get; init; }
    /// <summary>Body regions the row is limited to; empty = any region.</summary>
    public IReadOnlyList<string> BodyRegions { get; init; } = [];
    /// <summary>Surgical procedure (post-surgical rows).</summary>
    public string? Procedure { get; init; }

    // The course.
    public bool NotRecommended { get; init; }
    public int? MinVisits { get; init; }
    public int? MaxVisits { get; init; }
    public int? OverWeeks { get; init; }
    public int? TrialVisits { get; init; }
    public int? TrialWeeks { get; init; }
    /// <summary>
    /// Id of the row whose trial comes first when this row sets only the total (the 2017 ACOEM low back acupuncture
    /// figure is a total; 8 CCR 9792.24.1 still sets the trial). Null: the row's own trial, if any.
    /// </summary>
    public string? TrialFrom { get; init; }
    /// <summary>
    /// Id of the row whose number of visits applies when this row sets none. The CPMTG's work conditioning entry sets the
    /// program's criteria and weeks but no visit count; the seed names the ODG row, so the figure used is labelled
    /// non-MTUS (8 CCR 9792.21.1: another guideline only on a question the MTUS leaves open). Null: no maximum.
    /// </summary>
    public string? MaxVisitsFrom { get; init; }
    public int? FrequencyPerWeekMax { get; init; }
    public int? MaxPerSession { get; init; }
    public CourseScope CourseScope { get; init; }
    /// <summary>Only prior sessions within this many months of the request count (e.g. injections per year).</summary>
    public int? CourseWindowMonths { get; init; }
    public bool RequiresFunctionalImprovement { get; init; }
    public AdjunctRequirement Adjunct { get; init; }
    public string? AdjunctTreatment { get; init; }
    public Indication Indication { get; init; }
    /// <summary>
    /// Condition groups the treatment is indicated for; empty = any. A diagnosis on record must map to one of them
    /// (CPMTG TENS: neuropathic pain, CRPS, spasticity after spinal cord injury, multiple sclerosis, phantom limb pain).
    /// </summary>
    public IReadOnlyList<string> IndicatedConditionGroups { get; init; } = [];
    public int? RepeatMinReliefPercent { get; init; }
    public int? RepeatMinReliefWeeks { get; init; }
    public bool RepeatRequiresMedicationReduction { get; init; }
    public int? MinIntervalMonths { get; init; }
    public bool RequiresReturnToWork { get; init; }
    public int? MinMonthsSinceInjury { get; init; }
    public int? MaxMonthsSinceInjury { get; init; }

    // Post-surgical.
    public int? PostSurgicalPeriodMonths { get; init; }
    /// <summary>Initial course as a percentage of the general course (50 = half).</summary>
    public int? InitialCoursePercent { get; init; }
    public Rounding InitialCourseRounding { get; init; }
    /// <summary>
    /// Within the period, care may go past the general course while functional improvement is documented
    /// (8 CCR 9792.24.3(c)). The reading applied: documented improvement is taken as the sign that more is expected.
    /// </summary>
    public bool ExtendsWithImprovement { get; init; }

    // Functional improvement (on the functional_improvement_definition principle row): what change counts as
    // clinically significant. Null: the documented default of FunctionThresholds.
    public int? FiMinWorkHoursGain { get; init; }
    public int? FiMinLiftingGainLb { get; init; }
    public int? FiMinMedReductionPercent { get; init; }

    // Statutory cap.
    /// <summary>The cap applies to injuries on or after this date.</summary>
    public DateOnly? InjuryOnOrAfter { get; init; }

    // Provenance.
    public string Notes { get; init; } = "";
    public Confidence Confidence { get; init; }
    public string ConfidenceReason { get; init; } = "";
    public IReadOnlyList<string> ReferenceIds { get; init; } = [];

    /// <summary>An MTUS row (statute rows are neither MTUS nor a non-MTUS guideline).</summary>
    public bool IsMtus => Source == SourceKind.Mtus;

    /// <summary>A guideline outside the MTUS, used only where the MTUS is silent.</summary>
    public bool IsNonMtusGuideline => Source == SourceKind.NonMtus;
}
