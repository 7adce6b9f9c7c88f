using System.Globalization;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage.Bundles;

namespace ImrGrpc.Admin.ViewModels;

public enum FieldKind
{
    Text,
    Number,
    YesNo,
    Choice,
    Codes,
    Date,
}

/// <summary>Which catalog a code field draws from, so "known codes" can be checked as the editor types.</summary>
public enum CodeSet
{
    None,
    Treatment,
    BodyRegion,
    ConditionGroup,
    Procedure,
    Principle,
}

/// <summary>
/// One editable column of a rule row: its table name (as in bundles, diffs and the audit log), how it is typed, and how
/// it reads from and writes to a <see cref="RuleRow"/>. Parsing never throws: a value that does not parse is an error
/// message for the field.
/// </summary>
public sealed record RuleField(
    string Name,
    FieldKind Kind,
    string Help,
    Func<RuleRow, string> Read,
    Func<RuleRow, object?, RuleRow> Write,
    IReadOnlyList<string>? Choices = null,
    CodeSet Codes = CodeSet.None)
{
    /// <summary>Parses the text the editor typed; returns an error message or null.</summary>
    public string? TryParse(string text, out object? value)
    {
        var t = text.Trim();
        value = null;
        switch (Kind)
        {
            case FieldKind.Number:
                if (t.Length == 0)
                {
                    return null;
                }
                if (!t.All(char.IsAsciiDigit) || !int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    return "numbers only (a whole number, or empty for none)";
                }
                value = n;
                return null;
            case FieldKind.YesNo:
                switch (t.ToLowerInvariant())
                {
                    case "yes" or "y" or "true":
                        value = true;
                        return null;
                    case "no" or "n" or "false" or "":
                        value = false;
                        return null;
                    default:
                        return "yes or no";
                }
            case FieldKind.Choice:
                if (Choices!.Contains(t, StringComparer.Ordinal))
                {
                    value = t;
                    return null;
                }
                return $"one of: {string.Join(", ", Choices!)}";
            case FieldKind.Codes:
                value = t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                return null;
            case FieldKind.Date:
                if (t.Length == 0)
                {
                    return null;
                }
                if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    value = d;
                    return null;
                }
                return "a date YYYY-MM-DD, or empty for none";
            default:
                value = t.Length == 0 ? null : t;
                return null;
        }
    }
}

/// <summary>Every editable column of a rule row, in the order the edit screen lists them.</summary>
public static class RuleFields
{
    private static string N(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
    private static string B(bool v) => v ? "yes" : "no";
    private static string L(IReadOnlyList<string> v) => string.Join(", ", v);
    private static int? I(object? v) => (int?)v;
    private static IReadOnlyList<string> S(object? v) => (IReadOnlyList<string>?)v ?? [];
    private static string? T(object? v) => (string?)v;

    private static RuleField Choice<TEnum>(string name, IReadOnlyDictionary<string, TEnum> names, Func<RuleRow, TEnum> read, Func<RuleRow, TEnum, RuleRow> write, string help)
        where TEnum : struct, Enum =>
        new(name, FieldKind.Choice, help, r => EnumNames.Name(names, read(r)), (r, v) => write(r, names[(string)v!]), names.Keys.ToList());

    private static RuleField Number(string name, Func<RuleRow, int?> read, Func<RuleRow, int?, RuleRow> write, string help) =>
        new(name, FieldKind.Number, help, r => N(read(r)), (r, v) => write(r, I(v)));

    private static RuleField YesNo(string name, Func<RuleRow, bool> read, Func<RuleRow, bool, RuleRow> write, string help) =>
        new(name, FieldKind.YesNo, help, r => B(read(r)), (r, v) => write(r, (bool)v!));

    private static RuleField Codes(string name, CodeSet set, Func<RuleRow, IReadOnlyList<string>> read, Func<RuleRow, IReadOnlyList<string>, RuleRow> write, string help) =>
        new(name, FieldKind.Codes, help, r => L(read(r)), (r, v) => write(r, S(v)), Codes: set);

    private static RuleField Code(string name, CodeSet set, Func<RuleRow, string?> read, Func<RuleRow, string?, RuleRow> write, string help) =>
        new(name, FieldKind.Text, help, r => read(r) ?? "", (r, v) => write(r, T(v)), Codes: set);

    private static RuleField Text(string name, Func<RuleRow, string> read, Func<RuleRow, string, RuleRow> write, string help) =>
        new(name, FieldKind.Text, help, read, (r, v) => write(r, T(v) ?? ""));

    public static readonly IReadOnlyList<RuleField> All =
    [
        Codes("treatments", CodeSet.Treatment, r => r.Treatments, (r, v) => r with { Treatments = v }, "treatment codes the row governs, comma separated"),
        Code("condition_group", CodeSet.ConditionGroup, r => r.ConditionGroup, (r, v) => r with { ConditionGroup = v }, "condition group code; empty = not diagnosis-specific"),
        Codes("body_regions", CodeSet.BodyRegion, r => r.BodyRegions, (r, v) => r with { BodyRegions = v }, "body region codes; empty = any region"),
        Choice("phase", EnumNames.Phases, r => r.Phase, (r, v) => r with { Phase = v }, "phase of care"),
        Number("min_visits", r => r.MinVisits, (r, v) => r with { MinVisits = v }, "fewest visits of the course"),
        Number("max_visits", r => r.MaxVisits, (r, v) => r with { MaxVisits = v }, "most visits of the course"),
        Number("over_weeks", r => r.OverWeeks, (r, v) => r with { OverWeeks = v }, "weeks the course spans"),
        Number("trial_visits", r => r.TrialVisits, (r, v) => r with { TrialVisits = v }, "visits of the trial before functional improvement must show"),
        Number("trial_weeks", r => r.TrialWeeks, (r, v) => r with { TrialWeeks = v }, "weeks of the trial"),
        Code("trial_from", CodeSet.None, r => r.TrialFrom, (r, v) => r with { TrialFrom = v }, "id of the row whose trial comes first when this row sets only the total"),
        Code("max_visits_from", CodeSet.None, r => r.MaxVisitsFrom, (r, v) => r with { MaxVisitsFrom = v }, "id of the row whose number of visits applies when this row sets none"),
        Number("frequency_per_week_max", r => r.FrequencyPerWeekMax, (r, v) => r with { FrequencyPerWeekMax = v }, "most visits per week"),
        Number("max_per_session", r => r.MaxPerSession, (r, v) => r with { MaxPerSession = v }, "most units in one session (e.g. injections)"),
        YesNo("not_recommended", r => r.NotRecommended, (r, v) => r with { NotRecommended = v }, "the guideline does not recommend the treatment here"),
        YesNo("requires_functional_improvement", r => r.RequiresFunctionalImprovement, (r, v) => r with { RequiresFunctionalImprovement = v }, "more care needs documented functional improvement"),
        YesNo("is_default", r => r.IsDefault, (r, v) => r with { IsDefault = v }, "applies when no diagnosis maps to a group with its own row"),
        Choice("care_type", EnumNames.CareTypes, r => r.CareType, (r, v) => r with { CareType = v }, "why the treatment is given"),
        Choice("source", EnumNames.Sources, r => r.Source, (r, v) => r with { Source = v }, "MTUS, statute, or a non-MTUS guideline"),
        Text("guideline", r => r.Guideline, (r, v) => r with { Guideline = v }, "the guideline cited (required)"),
        Text("edition", r => r.Edition, (r, v) => r with { Edition = v }, "edition of the guideline"),
        Text("section", r => r.Section, (r, v) => r with { Section = v }, "section cited"),
        Codes("pages", CodeSet.None, r => r.Pages, (r, v) => r with { Pages = v }, "pages cited, comma separated"),
        Choice("role", EnumNames.Roles, r => r.Role, (r, v) => r with { Role = v }, "course, statutory cap or principle"),
        Code("principle", CodeSet.Principle, r => r.Principle, (r, v) => r with { Principle = v }, "for principle rows: which principle"),
        Code("procedure", CodeSet.Procedure, r => r.Procedure, (r, v) => r with { Procedure = v }, "surgical procedure (post-surgical rows)"),
        Choice("course_scope", EnumNames.Scopes, r => r.CourseScope, (r, v) => r with { CourseScope = v }, "claim: prior sessions count; episode: each flare-up stands alone"),
        Number("course_window_months", r => r.CourseWindowMonths, (r, v) => r with { CourseWindowMonths = v }, "only prior sessions within this many months count"),
        Choice("adjunct", EnumNames.Adjuncts, r => r.Adjunct, (r, v) => r with { Adjunct = v }, "what the treatment must accompany"),
        Code("adjunct_treatment", CodeSet.Treatment, r => r.AdjunctTreatment, (r, v) => r with { AdjunctTreatment = v }, "the program it must accompany (adjunct = program)"),
        Choice("indication", EnumNames.Indications, r => r.Indication, (r, v) => r with { Indication = v }, "objective findings required"),
        Codes("indicated_condition_groups", CodeSet.ConditionGroup, r => r.IndicatedConditionGroups, (r, v) => r with { IndicatedConditionGroups = v }, "condition groups the treatment is indicated for; empty = any"),
        Number("repeat_min_relief_percent", r => r.RepeatMinReliefPercent, (r, v) => r with { RepeatMinReliefPercent = v }, "relief needed before a repeat (percent)"),
        Number("repeat_min_relief_weeks", r => r.RepeatMinReliefWeeks, (r, v) => r with { RepeatMinReliefWeeks = v }, "weeks the relief must last"),
        YesNo("repeat_requires_medication_reduction", r => r.RepeatRequiresMedicationReduction, (r, v) => r with { RepeatRequiresMedicationReduction = v }, "a repeat needs reduced medication"),
        Number("min_interval_months", r => r.MinIntervalMonths, (r, v) => r with { MinIntervalMonths = v }, "months between treatments"),
        YesNo("requires_return_to_work", r => r.RequiresReturnToWork, (r, v) => r with { RequiresReturnToWork = v }, "the worker must have returned to work"),
        Number("min_months_since_injury", r => r.MinMonthsSinceInjury, (r, v) => r with { MinMonthsSinceInjury = v }, "earliest, in months after the injury"),
        Number("max_months_since_injury", r => r.MaxMonthsSinceInjury, (r, v) => r with { MaxMonthsSinceInjury = v }, "latest, in months after the injury"),
        Number("post_surgical_period_months", r => r.PostSurgicalPeriodMonths, (r, v) => r with { PostSurgicalPeriodMonths = v }, "post-surgical physical medicine period"),
        Number("initial_course_percent", r => r.InitialCoursePercent, (r, v) => r with { InitialCoursePercent = v }, "initial course as a percentage of the general course"),
        YesNo("extends_with_improvement", r => r.ExtendsWithImprovement, (r, v) => r with { ExtendsWithImprovement = v }, "post-surgical: care may pass the general course within the period while improvement is documented"),
        Number("fi_min_work_hours_gain", r => r.FiMinWorkHoursGain, (r, v) => r with { FiMinWorkHoursGain = v }, "functional improvement: more hours a day that count (default 1)"),
        Number("fi_min_lifting_gain_lb", r => r.FiMinLiftingGainLb, (r, v) => r with { FiMinLiftingGainLb = v }, "functional improvement: higher lifting limit in lb that counts (default 5)"),
        Number("fi_min_med_reduction_percent", r => r.FiMinMedReductionPercent, (r, v) => r with { FiMinMedReductionPercent = v }, "functional improvement: lower MED in percent that counts (default 10)"),
        Choice("initial_course_rounding", EnumNames.Roundings, r => r.InitialCourseRounding, (r, v) => r with { InitialCourseRounding = v }, "rounding of the initial course"),
        new("injury_on_or_after", FieldKind.Date, "statutory cap: applies to injuries on or after (YYYY-MM-DD)",
            r => r.InjuryOnOrAfter?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", (r, v) => r with { InjuryOnOrAfter = (DateOnly?)v }),
        Choice("confidence", EnumNames.Confidences, r => r.Confidence, (r, v) => r with { Confidence = v }, "how sure we are the row matches the guideline text"),
        Text("confidence_reason", r => r.ConfidenceReason, (r, v) => r with { ConfidenceReason = v }, "why the confidence is what it is"),
        Text("notes", r => r.Notes, (r, v) => r with { Notes = v }, "notes for editors"),
        Codes("reference_ids", CodeSet.None, r => r.ReferenceIds, (r, v) => r with { ReferenceIds = v }, "reference ids, comma separated"),
    ];

    public static RuleField Get(string name) => All.First(f => f.Name == name);
}
