namespace ImrGrpc.Engine.Model;

/// <summary>
/// Every column of a rule row, one descriptor each, in the order <see cref="RuleRow"/> declares its properties (which
/// is also the order bundles have always listed them in). To add a column: add the property to <see cref="RuleRow"/>
/// and its descriptor here at the same place; bundles, diffs, the audit log, the editor and the validator's field names
/// follow. A test fails if a property has no descriptor or a column does not survive a bundle round trip.
/// </summary>
public static class RuleColumns
{
    public static readonly RuleColumn<string> Id = Text("id", r => r.Id, (r, v) => r with { Id = v }, 0,
        "stable id, the same across versions (e.g. cpmtg-pm-myalgia)", required: true, key: true);
    public static readonly ChoiceColumn<RuleRole> Role = Choice("role", EnumNames.Roles, r => r.Role, (r, v) => r with { Role = v }, RuleRole.Course, 230,
        "course, statutory cap or principle");
    public static readonly RuleColumn<string?> Principle = Code("principle", CodeSet.Principle, r => r.Principle, (r, v) => r with { Principle = v }, 240,
        "for principle rows: which principle");
    public static readonly ChoiceColumn<SourceKind> Source = Choice("source", EnumNames.Sources, r => r.Source, (r, v) => r with { Source = v }, SourceKind.Mtus, 180,
        "MTUS, statute, or a non-MTUS guideline");

    // Citation.
    public static readonly RuleColumn<string> Guideline = Text("guideline", r => r.Guideline, (r, v) => r with { Guideline = v }, 190,
        "the guideline cited (required)", required: true);
    public static readonly RuleColumn<string> Edition = Text("edition", r => r.Edition, (r, v) => r with { Edition = v }, 200,
        "edition of the guideline");
    public static readonly RuleColumn<string> Section = Text("section", r => r.Section, (r, v) => r with { Section = v }, 210,
        "section cited");
    public static readonly RuleColumn<IReadOnlyList<string>> Pages = List("pages", CodeSet.None, r => r.Pages, (r, v) => r with { Pages = v }, 220,
        "pages cited, comma separated");

    // Keys that select the row.
    public static readonly RuleColumn<IReadOnlyList<string>> Treatments = List("treatments", CodeSet.Treatment, r => r.Treatments, (r, v) => r with { Treatments = v }, 10,
        "treatment codes the row governs, comma separated");
    public static readonly ChoiceColumn<Phase> Phase = Choice("phase", EnumNames.Phases, r => r.Phase, (r, v) => r with { Phase = v }, Model.Phase.Any, 40,
        "phase of care");
    public static readonly ChoiceColumn<CareType> CareType = Choice("care_type", EnumNames.CareTypes, r => r.CareType, (r, v) => r with { CareType = v }, Model.CareType.Therapeutic, 170,
        "why the treatment is given");
    public static readonly RuleColumn<string?> ConditionGroup = Code("condition_group", CodeSet.ConditionGroup, r => r.ConditionGroup, (r, v) => r with { ConditionGroup = v }, 20,
        "condition group code; empty = not diagnosis-specific");
    public static readonly RuleColumn<bool> IsDefault = Flag("is_default", r => r.IsDefault, (r, v) => r with { IsDefault = v }, 160,
        "applies when no diagnosis maps to a group with its own row");
    public static readonly RuleColumn<IReadOnlyList<string>> BodyRegions = List("body_regions", CodeSet.BodyRegion, r => r.BodyRegions, (r, v) => r with { BodyRegions = v }, 30,
        "body region codes; empty = any region");
    public static readonly RuleColumn<string?> Procedure = Code("procedure", CodeSet.Procedure, r => r.Procedure, (r, v) => r with { Procedure = v }, 250,
        "surgical procedure (post-surgical rows)");

    // The course.
    public static readonly RuleColumn<bool> NotRecommended = Flag("not_recommended", r => r.NotRecommended, (r, v) => r with { NotRecommended = v }, 140,
        "the guideline does not recommend the treatment here");
    public static readonly RuleColumn<int?> MinVisits = Number("min_visits", r => r.MinVisits, (r, v) => r with { MinVisits = v }, 50,
        "fewest visits of the course");
    public static readonly RuleColumn<int?> MaxVisits = Number("max_visits", r => r.MaxVisits, (r, v) => r with { MaxVisits = v }, 60,
        "most visits of the course");
    public static readonly RuleColumn<int?> OverWeeks = Number("over_weeks", r => r.OverWeeks, (r, v) => r with { OverWeeks = v }, 70,
        "weeks the course spans");
    public static readonly RuleColumn<int?> TrialVisits = Number("trial_visits", r => r.TrialVisits, (r, v) => r with { TrialVisits = v }, 80,
        "visits of the trial before functional improvement must show");
    public static readonly RuleColumn<int?> TrialWeeks = Number("trial_weeks", r => r.TrialWeeks, (r, v) => r with { TrialWeeks = v }, 90,
        "weeks of the trial");
    public static readonly RuleColumn<string?> TrialFrom = Code("trial_from", CodeSet.None, r => r.TrialFrom, (r, v) => r with { TrialFrom = v }, 100,
        "id of the row whose trial comes first when this row sets only the total");
    public static readonly RuleColumn<string?> MaxVisitsFrom = Code("max_visits_from", CodeSet.None, r => r.MaxVisitsFrom, (r, v) => r with { MaxVisitsFrom = v }, 110,
        "id of the row whose number of visits applies when this row sets none");
    public static readonly RuleColumn<int?> FrequencyPerWeekMax = Number("frequency_per_week_max", r => r.FrequencyPerWeekMax, (r, v) => r with { FrequencyPerWeekMax = v }, 120,
        "most visits per week");
    public static readonly RuleColumn<int?> MaxPerSession = Number("max_per_session", r => r.MaxPerSession, (r, v) => r with { MaxPerSession = v }, 130,
        "most units in one session (e.g. injections)");
    public static readonly ChoiceColumn<CourseScope> CourseScope = Choice("course_scope", EnumNames.Scopes, r => r.CourseScope, (r, v) => r with { CourseScope = v }, Model.CourseScope.Claim, 260,
        "claim: prior sessions count; episode: each flare-up stands alone");
    public static readonly RuleColumn<int?> CourseWindowMonths = Number("course_window_months", r => r.CourseWindowMonths, (r, v) => r with { CourseWindowMonths = v }, 270,
        "only prior sessions within this many months count");
    public static readonly RuleColumn<bool> RequiresFunctionalImprovement = Flag("requires_functional_improvement", r => r.RequiresFunctionalImprovement,
        (r, v) => r with { RequiresFunctionalImprovement = v }, 150, "more care needs documented functional improvement");
    public static readonly ChoiceColumn<AdjunctRequirement> Adjunct = Choice("adjunct", EnumNames.Adjuncts, r => r.Adjunct, (r, v) => r with { Adjunct = v }, AdjunctRequirement.None, 280,
        "what the treatment must accompany");
    public static readonly RuleColumn<string?> AdjunctTreatment = Code("adjunct_treatment", CodeSet.Treatment, r => r.AdjunctTreatment, (r, v) => r with { AdjunctTreatment = v }, 290,
        "the program it must accompany (adjunct = program)");
    public static readonly ChoiceColumn<Indication> Indication = Choice("indication", EnumNames.Indications, r => r.Indication, (r, v) => r with { Indication = v }, Model.Indication.None, 300,
        "objective findings required");
    public static readonly RuleColumn<IReadOnlyList<string>> IndicatedConditionGroups = List("indicated_condition_groups", CodeSet.ConditionGroup, r => r.IndicatedConditionGroups,
        (r, v) => r with { IndicatedConditionGroups = v }, 310, "condition groups the treatment is indicated for; empty = any");
    public static readonly RuleColumn<int?> RepeatMinReliefPercent = Percent("repeat_min_relief_percent", r => r.RepeatMinReliefPercent, (r, v) => r with { RepeatMinReliefPercent = v }, 320,
        "relief needed before a repeat (percent)");
    public static readonly RuleColumn<int?> RepeatMinReliefWeeks = Number("repeat_min_relief_weeks", r => r.RepeatMinReliefWeeks, (r, v) => r with { RepeatMinReliefWeeks = v }, 330,
        "weeks the relief must last");
    public static readonly RuleColumn<bool> RepeatRequiresMedicationReduction = Flag("repeat_requires_medication_reduction", r => r.RepeatRequiresMedicationReduction,
        (r, v) => r with { RepeatRequiresMedicationReduction = v }, 340, "a repeat needs reduced medication");
    public static readonly RuleColumn<int?> MinIntervalMonths = Number("min_interval_months", r => r.MinIntervalMonths, (r, v) => r with { MinIntervalMonths = v }, 350,
        "months between treatments");
    public static readonly RuleColumn<bool> RequiresReturnToWork = Flag("requires_return_to_work", r => r.RequiresReturnToWork, (r, v) => r with { RequiresReturnToWork = v }, 360,
        "the worker must have returned to work");
    public static readonly RuleColumn<int?> MinMonthsSinceInjury = Number("min_months_since_injury", r => r.MinMonthsSinceInjury, (r, v) => r with { MinMonthsSinceInjury = v }, 370,
        "earliest, in months after the injury");
    public static readonly RuleColumn<int?> MaxMonthsSinceInjury = Number("max_months_since_injury", r => r.MaxMonthsSinceInjury, (r, v) => r with { MaxMonthsSinceInjury = v }, 380,
        "latest, in months after the injury");

    // Post-surgical.
    public static readonly RuleColumn<int?> PostSurgicalPeriodMonths = Number("post_surgical_period_months", r => r.PostSurgicalPeriodMonths, (r, v) => r with { PostSurgicalPeriodMonths = v }, 390,
        "post-surgical physical medicine period");
    public static readonly RuleColumn<int?> InitialCoursePercent = Percent("initial_course_percent", r => r.InitialCoursePercent, (r, v) => r with { InitialCoursePercent = v }, 400,
        "initial course as a percentage of the general course", minimum: 1);
    public static readonly ChoiceColumn<Rounding> InitialCourseRounding = Choice("initial_course_rounding", EnumNames.Roundings, r => r.InitialCourseRounding,
        (r, v) => r with { InitialCourseRounding = v }, Rounding.Up, 450, "rounding of the initial course");
    public static readonly RuleColumn<bool> ExtendsWithImprovement = Flag("extends_with_improvement", r => r.ExtendsWithImprovement, (r, v) => r with { ExtendsWithImprovement = v }, 410,
        "post-surgical: care may pass the general course within the period while improvement is documented");

    // Functional improvement thresholds (on the functional_improvement_definition principle row).
    public static readonly RuleColumn<int?> FiMinWorkHoursGain = Number("fi_min_work_hours_gain", r => r.FiMinWorkHoursGain, (r, v) => r with { FiMinWorkHoursGain = v }, 420,
        "functional improvement: more hours a day that count (default 1)");
    public static readonly RuleColumn<int?> FiMinLiftingGainLb = Number("fi_min_lifting_gain_lb", r => r.FiMinLiftingGainLb, (r, v) => r with { FiMinLiftingGainLb = v }, 430,
        "functional improvement: higher lifting limit in lb that counts (default 5)");
    public static readonly RuleColumn<int?> FiMinMedReductionPercent = Percent("fi_min_med_reduction_percent", r => r.FiMinMedReductionPercent,
        (r, v) => r with { FiMinMedReductionPercent = v }, 440, "functional improvement: lower MED in percent that counts (default 10)");

    // Statutory cap.
    public static readonly RuleColumn<DateOnly?> InjuryOnOrAfter = Date("injury_on_or_after", r => r.InjuryOnOrAfter, (r, v) => r with { InjuryOnOrAfter = v }, 460,
        "statutory cap: applies to injuries on or after (YYYY-MM-DD)");

    // Provenance.
    public static readonly RuleColumn<string> Notes = Text("notes", r => r.Notes, (r, v) => r with { Notes = v }, 490,
        "notes for editors");
    /// <summary>A row the tables do not rate is taken as unchecked: low confidence.</summary>
    public static readonly ChoiceColumn<Confidence> Confidence = Choice("confidence", EnumNames.Confidences, r => r.Confidence, (r, v) => r with { Confidence = v }, Model.Confidence.Low, 470,
        "how sure we are the row matches the guideline text");
    public static readonly RuleColumn<string> ConfidenceReason = Text("confidence_reason", r => r.ConfidenceReason, (r, v) => r with { ConfidenceReason = v }, 480,
        "why the confidence is what it is");
    public static readonly RuleColumn<IReadOnlyList<string>> ReferenceIds = List("reference_ids", CodeSet.None, r => r.ReferenceIds, (r, v) => r with { ReferenceIds = v }, 500,
        "reference ids, comma separated");

    /// <summary>Every column, in <see cref="RuleRow"/>'s declaration order.</summary>
    public static IReadOnlyList<RuleColumn> All { get; } =
    [
        Id, Role, Principle, Source, Guideline, Edition, Section, Pages, Treatments, Phase, CareType, ConditionGroup, IsDefault, BodyRegions,
        Procedure, NotRecommended, MinVisits, MaxVisits, OverWeeks, TrialVisits, TrialWeeks, TrialFrom, MaxVisitsFrom, FrequencyPerWeekMax,
        MaxPerSession, CourseScope, CourseWindowMonths, RequiresFunctionalImprovement, Adjunct, AdjunctTreatment, Indication,
        IndicatedConditionGroups, RepeatMinReliefPercent, RepeatMinReliefWeeks, RepeatRequiresMedicationReduction, MinIntervalMonths,
        RequiresReturnToWork, MinMonthsSinceInjury, MaxMonthsSinceInjury, PostSurgicalPeriodMonths, InitialCoursePercent,
        InitialCourseRounding, ExtendsWithImprovement, FiMinWorkHoursGain, FiMinLiftingGainLb, FiMinMedReductionPercent, InjuryOnOrAfter,
        Notes, Confidence, ConfidenceReason, ReferenceIds,
    ];

    /// <summary>The columns an editor changes, in the order the edit screen lists them (the id names the row instead).</summary>
    public static IReadOnlyList<RuleColumn> Editable { get; } = [.. All.Where(c => !c.IsKey).OrderBy(c => c.EditOrder)];

    /// <summary>The column with this name in the tables, or null.</summary>
    public static RuleColumn? Named(string name) => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>A row holding nothing yet (its required text empty): what a row is built up from, column by column.</summary>
    public static RuleRow Blank => new() { Id = "", Guideline = "" };

    private static RuleColumn<string> Text(string name, Func<RuleRow, string> get, Func<RuleRow, string, RuleRow> with, int editOrder, string help,
        bool required = false, bool key = false) =>
        new(name, ColumnKind.Text, editOrder, help, get, with, "") { Required = required, IsKey = key };

    private static RuleColumn<string?> Code(string name, CodeSet codes, Func<RuleRow, string?> get, Func<RuleRow, string?, RuleRow> with, int editOrder, string help) =>
        new(name, ColumnKind.Code, editOrder, help, get, with, null) { Codes = codes };

    private static RuleColumn<int?> Number(string name, Func<RuleRow, int?> get, Func<RuleRow, int?, RuleRow> with, int editOrder, string help) =>
        new(name, ColumnKind.Number, editOrder, help, get, with, null);

    private static RuleColumn<int?> Percent(string name, Func<RuleRow, int?> get, Func<RuleRow, int?, RuleRow> with, int editOrder, string help, int minimum = 0) =>
        new(name, ColumnKind.Number, editOrder, help, get, with, null) { Minimum = minimum, Maximum = 100 };

    private static RuleColumn<bool> Flag(string name, Func<RuleRow, bool> get, Func<RuleRow, bool, RuleRow> with, int editOrder, string help) =>
        new(name, ColumnKind.Flag, editOrder, help, get, with, false);

    private static RuleColumn<IReadOnlyList<string>> List(string name, CodeSet codes, Func<RuleRow, IReadOnlyList<string>> get,
        Func<RuleRow, IReadOnlyList<string>, RuleRow> with, int editOrder, string help) =>
        new(name, ColumnKind.List, editOrder, help, get, with, []) { Codes = codes };

    private static RuleColumn<DateOnly?> Date(string name, Func<RuleRow, DateOnly?> get, Func<RuleRow, DateOnly?, RuleRow> with, int editOrder, string help) =>
        new(name, ColumnKind.Date, editOrder, help, get, with, null);

    private static ChoiceColumn<TEnum> Choice<TEnum>(string name, IReadOnlyDictionary<string, TEnum> names, Func<RuleRow, TEnum> get,
        Func<RuleRow, TEnum, RuleRow> with, TEnum absent, int editOrder, string help)
        where TEnum : struct, Enum =>
        new(name, editOrder, help, names, get, with, absent);
}
