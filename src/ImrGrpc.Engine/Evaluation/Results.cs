using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Evaluation;

public enum Determination
{
    MedicallyNecessary = 0,
    NotMedicallyNecessary = 1,
    /// <summary>UR only: certify the approvable quantity.</summary>
    Modified = 2,
    /// <summary>UR only: pended until the missing documentation arrives.</summary>
    InsufficientInformation = 3,
    /// <summary>No guideline row addresses the item: a physician reviewer decides.</summary>
    PhysicianReviewRequired = 4,
}

public enum ImrOutcome
{
    None = 0,
    Upheld = 1,
    Overturned = 2,
}

public enum CriterionStatus : byte
{
    Met = 0,
    NotMet = 1,
    Unknown = 2,
    NotApplicable = 3,
}

/// <summary>The criteria a decision is made of, in the order they are reported.</summary>
public enum CriterionCode : byte
{
    Recommended,
    Indication,
    TrialCourse,
    RecommendedCourse,
    PerSessionLimit,
    Frequency,
    CourseWeeks,
    FunctionalImprovement,
    RepeatResponse,
    TreatmentInterval,
    ReturnToWork,
    TimeSinceInjury,
    AdjunctActiveTherapy,
    AdjunctProgram,
    PassiveModalitySparing,
    StatutoryCap,
    PostSurgicalPeriod,
}

/// <summary>
/// Which outcome of a criterion this is, and so which sentence explains it. One value per criterion
/// outcome, never per case.
/// </summary>
public enum Reason : byte
{
    // recommended
    RecommendedForCase,
    NotRecommended,
    NoGuidelineAddresses,
    // indication
    RadiculopathyCorroborated,
    RadiculopathyNotCorroborated,
    RadiculopathyUndocumented,
    /// <summary>A diagnosis on record maps to a condition the row lists (Prior: the diagnosis's position; Subject: its group).</summary>
    IndicatedConditionDocumented,
    IndicatedConditionAbsent,
    IndicatedConditionUndocumented,
    // trial_course
    WithinTrial,
    ExceedsTrial,
    NoTrialInRow,
    TrialCompleted,
    EpisodeNoTrial,
    // recommended_course
    WithinCourse,
    ExceedsCourse,
    /// <summary>Past the general post-surgical course, within the period, with functional improvement documented (9792.24.3(c)).</summary>
    BeyondCourseWithImprovement,
    NoFixedMaximum,
    // per_session_limit
    WithinSessionLimit,
    ExceedsSessionLimit,
    // frequency
    WithinFrequency,
    ExceedsFrequency,
    // course_weeks
    WithinCourseWeeks,
    ExceedsCourseWeeks,
    // functional_improvement
    ImprovementShown,
    ImprovementNotShown,
    ImprovementUndocumented,
    FirstCourse,
    StillWithinTrial,
    ImprovementNotRequired,
    // repeat_response
    ResponseSufficient,
    ResponseInsufficient,
    ResponseUndocumented,
    FirstInjection,
    // treatment_interval
    IntervalSufficient,
    IntervalTooShort,
    IntervalUndocumented,
    NoEarlierTreatment,
    // return_to_work
    ReturnedToWork,
    NotReturnedToWork,
    WorkStatusUndocumented,
    // time_since_injury
    WithinTimeSinceInjury,
    TooSoonAfterInjury,
    TooLongAfterInjury,
    // adjunct_active_therapy / adjunct_program
    AdjunctHomeExercise,
    AdjunctConcurrentItem,
    AdjunctOngoingTreatment,
    AdjunctAbsent,
    AdjunctUndocumented,
    AdjunctNotRequired,
    // passive_modality_sparing
    PassiveWithinCourse,
    PassiveBeyondCourse,
    NotPassive,
    NotChronicPhase,
    NoPassivePrinciple,
    // statutory_cap
    WithinCap,
    ExceedsCap,
    NoCapForTreatment,
    InjuryBeforeCap,
    PostSurgicalExempt,
    // post_surgical_period
    WithinPostSurgicalPeriod,
    RunsPastPostSurgicalPeriod,
    PostSurgicalPeriodEnded,
    NotPostSurgical,
}

/// <summary>
/// One criterion's outcome with its numbers. Text is rendered later (Rationale), so the request path
/// carries numbers, not strings.
/// </summary>
public readonly record struct CriterionResult(
    CriterionCode Code,
    CriterionStatus Status,
    Reason Reason,
    CompiledRule? Rule,
    int Prior = 0,
    int Requested = 0,
    int Limit = 0,
    int Allow = int.MaxValue,
    bool QuantityBound = false,
    string? Subject = null);

public enum FindingCode : byte
{
    ConditionGroupMatched,
    DefaultRowApplied,
    NonMtusGuidelineApplied,
    NonMtusCitedWhereMtusAddresses,
    PostSurgicalRowApplied,
    InitialCourseDerived,
    PostSurgicalPeriodEnded,
    PostSurgicalCourseNotListed,
    ItemRegionOutsideSurgery,
    TreatmentOutsidePostSurgicalGuidelines,
    CareTypeNotDistinguished,
    CareTypeDoesNotLiftExclusion,
    /// <summary>The surgery date put the request inside the post-surgical period whatever phase was sent (Index: the phase sent).</summary>
    PhaseSetBySurgeryDate,
    NoGuidelineAddresses,
    /// <summary>The guideline's own entry for the treatment is cited beside the row that sets its visits (aquatic therapy, p. 22).</summary>
    TreatmentEntryCited,
    /// <summary>Prior sessions recorded without a body region counted: the item's region is the only one on the claim (Index: sessions).</summary>
    PriorWithoutRegionCounted,
    /// <summary>
    /// Prior sessions recorded without a body region not counted: the claim involves another region they may have treated
    /// (Index: sessions; Subject: that region).
    /// </summary>
    PriorWithoutRegionNotCounted,
}

/// <summary>A fact of the trace that is not a criterion: which row governed and why.</summary>
public readonly record struct FindingResult(FindingCode Code, CompiledRule? Rule, string? Subject = null, int Index = -1);

/// <summary>Facts about an item the rationale needs beyond the criteria.</summary>
public readonly record struct ItemFacts(
    Phase EffectivePhase,
    int PriorCount,
    DateOnly? PriorFrom,
    DateOnly? PriorTo,
    int MatchedDiagnosis,
    DateOnly? PostSurgicalPeriodEnd,
    bool PostSurgicalGoverns);

/// <summary>The decision on one item, with its whole trace.</summary>
public sealed class ItemDecision
{
    internal ItemDecision(
        RequestedItem item,
        int index,
        CompiledRule? governing,
        CriterionResult[] criteria,
        FindingResult[] findings,
        CompiledRule[] citations,
        ItemFacts facts,
        Determination determination,
        ImrOutcome imrOutcome,
        int approvableQuantity)
    {
        Item = item;
        Index = index;
        Governing = governing;
        Criteria = criteria;
        Findings = findings;
        Citations = citations;
        Facts = facts;
        Determination = determination;
        ImrOutcome = imrOutcome;
        ApprovableQuantity = approvableQuantity;
    }

    public RequestedItem Item { get; }
    public int Index { get; }
    public CompiledRule? Governing { get; }
    public IReadOnlyList<CriterionResult> Criteria { get; }
    public IReadOnlyList<FindingResult> Findings { get; }
    public IReadOnlyList<CompiledRule> Citations { get; }
    public ItemFacts Facts { get; }
    public Determination Determination { get; }
    public ImrOutcome ImrOutcome { get; }
    public int ApprovableQuantity { get; }
    /// <summary>Every non-certification goes to a physician: only a physician may deny in California.</summary>
    public bool RequiresPhysicianReview => Determination != Determination.MedicallyNecessary;
    public bool Certified => Determination == Determination.MedicallyNecessary;
}

/// <summary>The decision on a whole case.</summary>
public sealed class CaseDecision(
    CaseRequest request,
    CompiledGuideline guideline,
    IReadOnlyList<ItemDecision> items,
    FunctionalAssessment function)
{
    public CaseRequest Request { get; } = request;
    public CompiledGuideline Guideline { get; } = guideline;
    public IReadOnlyList<ItemDecision> Items { get; } = items;
    public FunctionalAssessment Function { get; } = function;

    private string? _decisionId;
    private string? _functionFacts;
    private string? _functionProse;
    private string? _functionVerdict;

    /// <summary>
    /// The decision id (<see cref="DecisionIds"/>), worked out when first asked for: a response always carries it, a
    /// replay that compares decisions (impact) never needs it. A pure function of the request and the version, so two
    /// threads asking at once get the same string.
    /// </summary>
    public string DecisionId => _decisionId ??= DecisionIds.Compute(Request, Guideline.Version.ContentHash);

    /// <summary>The functional facts line, written once per case however many items cite it.</summary>
    internal string FunctionFacts => _functionFacts ??= Rationale.DetailFormatter.FunctionFacts(this);

    /// <summary>The same facts in the letter's prose, written once per case however many paragraphs state them.</summary>
    internal string FunctionProse => _functionProse ??= Rationale.Sentences.DescribeFunction(this);

    /// <summary>Which functional measures did not improve ("work restrictions not reduced, ..."), written once per case
    /// however many items' detail lines give it.</summary>
    internal string FunctionVerdict => _functionVerdict ??= Rationale.DetailFormatter.FunctionVerdict(Function);
}
