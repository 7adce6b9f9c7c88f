using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Model;
using static ImrGrpc.Engine.Rationale.Words;

namespace ImrGrpc.Engine.Rationale;

/// <summary>
/// The short, numeric line each criterion and finding carries in a decision (e.g.
/// "22 prior + 6 requested = 28 > 10 (9-10 visits over 8 weeks)"). One line per outcome.
/// </summary>
public static class DetailFormatter
{
    public static string Criterion(CaseDecision decision, ItemDecision item, in CriterionResult c)
    {
        using var text = new DetailText();
        Criterion(text, decision, item, c);
        return text.ToString();
    }

    public static string Finding(CaseDecision decision, ItemDecision item, in FindingResult f)
    {
        using var text = new DetailText();
        Finding(text, decision, item, f);
        return text.ToString();
    }

    public static bool Criterion(DetailText text, CaseDecision decision, ItemDecision item, in CriterionResult c)
    {
        var g = decision.Guideline;
        var request = decision.Request;
        var rule = c.Rule;
        var total = c.Prior + c.Requested;
        return c.Reason switch
        {
            Reason.RecommendedForCase => text.Write($"{TreatmentTitle(g, item.Item.Treatment)} is a recommended option {rule!.ScopeText} ({rule.CiteText})"),
            Reason.NotRecommended => text.Write($"{TreatmentTitle(g, item.Item.Treatment)} is not recommended {NotRecommendedScope(g, rule!, c.Subject)} ({rule!.CiteText})"),
            Reason.NoGuidelineAddresses => text.Write($"No MTUS or non-MTUS row of guideline version {g.Version.Id} addresses {TreatmentName(g, item.Item.Treatment)} for this case"),

            Reason.RadiculopathyCorroborated => text.Write("Radiculopathy documented on examination and corroborated by imaging or electrodiagnostic testing"),
            Reason.RadiculopathyNotCorroborated => text.Write("Radiculopathy is not both documented on examination and corroborated by imaging or electrodiagnostic testing"),
            Reason.RadiculopathyUndocumented => text.Write("Not documented: radiculopathy on examination and its corroboration by imaging or electrodiagnostic testing"),

            Reason.IndicatedConditionDocumented =>
                text.Write($"Diagnosis {request.Clinical.Diagnoses[c.Prior].Code} ({GroupName(g, c.Subject!)}) is among the conditions {rule!.Id} lists for {TreatmentName(g, item.Item.Treatment)}"),
            Reason.IndicatedConditionAbsent =>
                text.Write($"No diagnosis on record is among the conditions {rule!.Id} lists for {TreatmentName(g, item.Item.Treatment)}: {rule.IndicatedGroupsText}"),
            Reason.IndicatedConditionUndocumented =>
                text.Write($"Not documented: a diagnosis among the conditions {rule!.Id} lists for {TreatmentName(g, item.Item.Treatment)} ({rule.IndicatedGroupsText})"),

            Reason.WithinTrial => text.Write($"{new SumText(c.Prior, c.Requested)} <= {c.Limit} ({rule!.TrialLabel})"),
            Reason.ExceedsTrial => text.Write($"{new SumText(c.Prior, c.Requested)} > {c.Limit} ({rule!.TrialLabel}); {new CountText(Math.Max(0, c.Allow), UnitOf(rule!, 1), UnitOf(rule!, 2))} within it"),
            Reason.NoTrialInRow => text.Write("The governing row sets no trial course"),
            Reason.TrialCompleted => text.Write($"Trial of {c.Limit} completed ({c.Prior} prior)"),
            Reason.EpisodeNoTrial => text.Write("Flare-up care is judged per episode; no trial applies"),

            Reason.WithinCourse => text.Write($"{new SumText(c.Prior, c.Requested)} <= {c.Limit} ({rule!.RangeText}{NumberFrom(item, rule)})"),
            Reason.ExceedsCourse => text.Write($"{new SumText(c.Prior, c.Requested)} > {c.Limit} ({rule!.RangeText}{NumberFrom(item, rule)})"),
            Reason.BeyondCourseWithImprovement =>
                text.Write($"{new SumText(c.Prior, c.Requested)} > {c.Limit} ({rule!.RangeText}), allowed within the post-surgical period because functional improvement is documented (reading: documented improvement shows more is expected)"),
            Reason.NoFixedMaximum => text.Write("The governing row sets no fixed maximum; continuing depends on documented functional improvement"),

            Reason.WithinSessionLimit => text.Write($"{c.Requested} requested <= {c.Limit} per session"),
            Reason.ExceedsSessionLimit => text.Write($"{c.Requested} requested > {c.Limit} per session"),
            Reason.WithinFrequency => text.Write($"{c.Requested} per week requested <= {c.Limit} per week"),
            Reason.ExceedsFrequency => text.Write($"{c.Requested} per week requested > {c.Limit} per week; at {c.Limit} a week over the same weeks, {new CountText(Math.Max(0, c.Allow), "visit")}"),
            Reason.WithinCourseWeeks => text.Write($"{new CountText(c.Requested, "week")} requested <= {c.Limit} weeks of the course ({rule!.CourseText})"),
            Reason.ExceedsCourseWeeks => text.Write($"{new CountText(c.Requested, "week")} requested > {c.Limit} weeks of the course ({rule!.CourseText}); {new CountText(Math.Max(0, c.Allow), "visit")} fit within them"),

            Reason.ImprovementShown => text.Write($"{decision.FunctionFacts}: improvement shown"),
            Reason.ImprovementNotShown => text.Write($"{decision.FunctionFacts}: no functional improvement ({decision.FunctionVerdict})"),
            Reason.ImprovementUndocumented => text.Write($"Not documented after {c.Prior} prior: {List(MissingFunction(decision.Function))}"),
            Reason.FirstCourse => text.Write("First course: no prior sessions to show improvement from"),
            Reason.StillWithinTrial => text.Write($"Still within the trial of {c.Limit} ({c.Prior} prior); improvement is judged after it"),
            Reason.ImprovementNotRequired => text.Write("The governing row does not tie continuing care to functional improvement"),

            Reason.ResponseSufficient => text.Write($"Last injection gave {c.Prior}% relief for {c.Requested} weeks (needs {rule!.RepeatText})"),
            Reason.ResponseInsufficient => text.Write($"Last injection: {Known(c.Prior, "%")} relief for {Known(c.Requested, " weeks")} (needs {rule!.RepeatText})"),
            Reason.ResponseUndocumented => text.Write($"Not documented: the relief from the last injection, how long it lasted{(rule!.Row.RepeatRequiresMedicationReduction ? " and whether medication use fell" : "")} (needs {rule.RepeatText})"),
            Reason.FirstInjection => text.Write("First injection: no earlier response to judge"),

            Reason.IntervalSufficient => text.Write($"{new CountText(c.Prior, "month")} since the last session; at least {c.Limit} required"),
            Reason.IntervalTooShort => text.Write($"{new CountText(c.Prior, "month")} since the last session; at least {c.Limit} required"),
            Reason.IntervalUndocumented => text.Write($"Not documented: the date of the last session (at least {new CountText(c.Limit, "month")} required)"),
            Reason.NoEarlierTreatment => text.Write("No earlier session of this treatment"),

            Reason.ReturnedToWork => text.Write($"Current work status: {WorkStatus(request.Clinical.CurrentFunction?.WorkStatus ?? Cases.WorkStatus.Unknown)}"),
            Reason.NotReturnedToWork => text.Write("Current work status: off work; flare-up care follows a return to work"),
            Reason.WorkStatusUndocumented => text.Write("Not documented: current work status"),

            Reason.WithinTimeSinceInjury => text.Write($"{new CountText(c.Prior, "month")} since injury"),
            Reason.TooSoonAfterInjury => text.Write($"{new CountText(c.Prior, "month")} since injury; at least {c.Limit} required"),
            Reason.TooLongAfterInjury => text.Write($"{new CountText(c.Prior, "month")} since injury; at most {c.Limit} allowed"),

            Reason.AdjunctHomeExercise => text.Write("Home exercise program documented"),
            Reason.AdjunctConcurrentItem => text.Write($"Requested together with {TreatmentName(g, c.Subject!)}"),
            Reason.AdjunctOngoingTreatment => text.Write($"Ongoing {TreatmentName(g, c.Subject!)}"),
            Reason.AdjunctAbsent when c.Code == CriterionCode.AdjunctProgram => text.Write($"No {TreatmentName(g, c.Subject!)} ongoing or requested alongside"),
            Reason.AdjunctAbsent => text.Write("No home exercise program and no active therapy alongside"),
            Reason.AdjunctUndocumented => text.Write("Not documented: a home exercise program or active therapy alongside"),
            Reason.AdjunctNotRequired => text.Write("The governing row does not require an adjunct"),

            Reason.PassiveWithinCourse => text.Write($"{c.Prior} prior passive + {c.Requested} requested = {total} <= {c.Limit}"),
            Reason.PassiveBeyondCourse => text.Write($"{c.Prior} prior passive + {c.Requested} requested = {total} > {c.Limit}: passive care is to be used sparingly in the chronic phase ({rule!.CiteText})"),
            Reason.NotPassive => text.Write("Not a passive modality"),
            Reason.NotChronicPhase => text.Write("Not in the chronic phase"),
            Reason.NoPassivePrinciple => text.Write("This guideline version has no passive-care limit"),

            Reason.WithinCap => text.Write($"{new SumText(c.Prior, c.Requested)} <= {c.Limit} visits per injury ({rule!.Row.Section}{Authorized(item)})"),
            Reason.ExceedsCap => text.Write($"{new SumText(c.Prior, c.Requested)} > {c.Limit} visits per injury ({rule!.Row.Section}{Authorized(item)})"),
            Reason.NoCapForTreatment => text.Write($"No statutory visit cap for {TreatmentName(g, item.Item.Treatment)}"),
            Reason.InjuryBeforeCap => text.Write($"Injury on {request.InjuryDate:yyyy-MM-dd} is before {rule!.Row.InjuryOnOrAfter:yyyy-MM-dd}; the cap does not apply"),
            Reason.PostSurgicalExempt => text.Write("Post-surgical physical medicine does not count toward the statutory cap"),

            Reason.WithinPostSurgicalPeriod => text.Write($"{request.RequestDate:yyyy-MM-dd} is within the {c.Limit}-month post-surgical period after {ProcedureName(g, c.Subject)} on {request.Clinical.Surgery!.Date:yyyy-MM-dd} (ends {item.Facts.PostSurgicalPeriodEnd:yyyy-MM-dd})"),
            Reason.RunsPastPostSurgicalPeriod =>
                text.Write($"{request.RequestDate:yyyy-MM-dd} is within the {c.Limit}-month post-surgical period after {ProcedureName(g, c.Subject)}, which ends {item.Facts.PostSurgicalPeriodEnd:yyyy-MM-dd}; at the requested schedule {new CountText(Math.Max(0, c.Allow), "visit")} of {c.Requested} fall before it ends"),
            Reason.PostSurgicalPeriodEnded => text.Write($"The {c.Limit}-month post-surgical period after {ProcedureName(g, c.Subject)} ended {item.Facts.PostSurgicalPeriodEnd:yyyy-MM-dd}; the chronic pain rows govern"),
            Reason.NotPostSurgical => text.Write("Not a post-surgical request"),
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Reason, "no detail template"),
        };
    }

    public static bool Finding(DetailText text, CaseDecision decision, ItemDecision item, in FindingResult f)
    {
        var g = decision.Guideline;
        return f.Code switch
        {
            FindingCode.ConditionGroupMatched =>
                text.Write($"Diagnosis {decision.Request.Clinical.Diagnoses[f.Index].Code} maps to {f.Rule!.ConditionDescription}; row {f.Rule.Id} governs") && Because(text, f.Subject),
            FindingCode.DefaultRowApplied =>
                text.Write($"No diagnosis maps to a condition group with its own row; the default row {f.Rule!.Id} ({f.Rule.ConditionDescription ?? "general course"}) governs"),
            FindingCode.NonMtusGuidelineApplied =>
                text.Write($"No MTUS row addresses {TreatmentName(g, f.Subject!)} for this case; the non-MTUS row {item.Governing?.Id} applies under the evidence hierarchy") && Section(text, f.Rule),
            FindingCode.NonMtusCitedWhereMtusAddresses =>
                text.Write($"The claims administrator cited {f.Subject}, a non-MTUS guideline, although the MTUS addresses {TreatmentName(g, item.Item.Treatment)}; the MTUS governs") && Section(text, f.Rule),
            FindingCode.PostSurgicalRowApplied =>
                text.Write($"Post-surgical row {f.Rule!.Id} for {ProcedureName(g, f.Subject)} governs: general course {f.Rule.RangeText}"),
            FindingCode.InitialCourseDerived =>
                text.Write($"Initial course = {f.Rule!.Row.InitialCoursePercent}% of the general course of {f.Rule.Row.MaxVisits}, rounded {(f.Rule.Row.InitialCourseRounding == Rounding.Up ? "up" : "down")} = {f.Rule.Trial}"),
            FindingCode.PostSurgicalPeriodEnded =>
                text.Write($"The post-surgical period after {ProcedureName(g, f.Subject)} ended {item.Facts.PostSurgicalPeriodEnd:yyyy-MM-dd}; the chronic pain rows govern"),
            FindingCode.PostSurgicalCourseNotListed =>
                text.Write($"{Capitalize(ProcedureName(g, f.Subject))} has no course in the post-surgical table; only the presumptive {f.Rule?.Row.PostSurgicalPeriodMonths}-month period applies"),
            FindingCode.ItemRegionOutsideSurgery =>
                text.Write($"The item's body region is not the one treated by {ProcedureName(g, f.Subject)}; the post-surgical row does not govern"),
            FindingCode.TreatmentOutsidePostSurgicalGuidelines =>
                text.Write($"The post-surgical guidelines do not address {TreatmentName(g, f.Subject!)}; the chronic pain rows govern"),
            FindingCode.PhaseSetBySurgeryDate =>
                text.Write($"Sent as {PhaseWords((Phase)f.Index)}, but the request date is within the post-surgical period after {ProcedureName(g, f.Subject)} (ends {item.Facts.PostSurgicalPeriodEnd:yyyy-MM-dd}): row {f.Rule!.Id} governs"),
            FindingCode.CareTypeDoesNotLiftExclusion =>
                text.Write($"The body-part exclusion {f.Rule!.Id} for the {RegionName(g, f.Subject ?? "")} governs whatever the type of care requested"),
            FindingCode.CareTypeNotDistinguished =>
                text.Write("No row distinguishes this type of care; the therapeutic rows govern"),
            FindingCode.TreatmentEntryCited =>
                text.Write($"{TreatmentTitle(g, item.Item.Treatment)} has an entry of its own ({Cite(f.Rule!)}); its visits count against the course of row {item.Governing?.Id}"),
            FindingCode.PriorWithoutRegionCounted =>
                text.Write($"{new CountText(f.Index, "prior session")} recorded without a body region counted: the item's region is the only one on the claim"),
            FindingCode.PriorWithoutRegionNotCounted =>
                text.Write($"{new CountText(f.Index, "prior session")} recorded without a body region not counted: the claim also involves the {RegionName(g, f.Subject ?? "")}, which they may have treated"),
            FindingCode.NoGuidelineAddresses =>
                text.Write($"No guideline row of version {g.Version.Id} addresses {TreatmentName(g, f.Subject!)} for this case; a physician reviewer must decide"),
            _ => throw new ArgumentOutOfRangeException(nameof(f), f.Code, "no finding template"),
        };
    }

    /// <summary>One line: the determination and the criteria that decided it.</summary>
    public static string Summary(CaseDecision decision, ItemDecision item)
    {
        using var text = new DetailText();
        Summary(text, decision, item);
        return text.ToString();
    }

    public static void Summary(DetailText text, CaseDecision decision, ItemDecision item)
    {
        var g = decision.Guideline;
        var unit = UnitOf(item.Governing, item.Item.Quantity, g, item.Item.Treatment);
        switch (item.Determination)
        {
            case Determination.MedicallyNecessary:
                text.Write($"Medically necessary: {new CountText(item.Item.Quantity, Singular(unit), unit)} of {TreatmentName(g, item.Item.Treatment)} within {item.Governing?.Id}");
                return;
            case Determination.Modified:
                text.Write($"Modified: certify {item.ApprovableQuantity} of {item.Item.Quantity} {unit} (");
                Shortfalls(text, item);
                text.Append(')');
                return;
            case Determination.InsufficientInformation:
                text.Append("Pended for information: ");
                Shortfalls(text, item);
                return;
            case Determination.PhysicianReviewRequired:
                text.Write($"Physician review required: no guideline row addresses {TreatmentName(g, item.Item.Treatment)} for this case");
                return;
            default:
                text.Append("Not medically necessary: ");
                Shortfalls(text, item);
                return;
        }
    }

    /// <summary>The criteria that failed or are undocumented, as a list: "a", "a and b", "a, b and c".</summary>
    private static void Shortfalls(DetailText text, ItemDecision item)
    {
        // Indexed loops: a foreach over the IReadOnlyList boxes an enumerator, twice per item on the response path.
        var criteria = item.Criteria;
        var total = 0;
        for (var i = 0; i < criteria.Count; i++)
        {
            total += criteria[i].Status is CriterionStatus.NotMet or CriterionStatus.Unknown ? 1 : 0;
        }
        var written = 0;
        for (var i = 0; i < criteria.Count; i++)
        {
            var c = criteria[i];
            if (c.Status is not (CriterionStatus.NotMet or CriterionStatus.Unknown))
            {
                continue;
            }
            if (written > 0)
            {
                text.Append(written == total - 1 ? " and " : ", ");
            }
            text.Append(Shortfall(c));
            written++;
        }
    }

    /// <summary>What a failed or undocumented criterion amounts to, in a few words.</summary>
    private static string Shortfall(in CriterionResult c) => c.Reason switch
    {
        Reason.NotRecommended => "not recommended",
        Reason.NoGuidelineAddresses => "no guideline addresses it",
        Reason.RadiculopathyNotCorroborated => "radiculopathy not corroborated",
        Reason.RadiculopathyUndocumented => "radiculopathy findings not documented",
        Reason.IndicatedConditionAbsent => "no diagnosis among the conditions it is indicated for",
        Reason.IndicatedConditionUndocumented => "no diagnosis documented",
        Reason.ExceedsTrial => "exceeds the trial course",
        Reason.ExceedsCourse => "exceeds the recommended course",
        Reason.ExceedsSessionLimit => "too many per session",
        Reason.ExceedsFrequency => "more sessions a week than recommended",
        Reason.ExceedsCourseWeeks => "spread over more weeks than the course",
        Reason.ImprovementNotShown => "no functional improvement",
        Reason.ImprovementUndocumented => "functional improvement not documented",
        Reason.ResponseInsufficient => "too little response to the last injection",
        Reason.ResponseUndocumented => "response to the last injection not documented",
        Reason.IntervalTooShort => "too soon after the last session",
        Reason.IntervalUndocumented => "date of the last session not documented",
        Reason.NotReturnedToWork => "not back at work",
        Reason.WorkStatusUndocumented => "work status not documented",
        Reason.TooSoonAfterInjury => "too soon after the injury",
        Reason.TooLongAfterInjury => "too long after the injury",
        Reason.AdjunctAbsent when c.Code == CriterionCode.AdjunctProgram => "not part of the program it must accompany",
        Reason.AdjunctAbsent => "no exercise alongside",
        Reason.AdjunctUndocumented => "exercise alongside not documented",
        Reason.PassiveBeyondCourse => "passive care beyond sparing use",
        Reason.ExceedsCap => "exceeds the statutory visit cap",
        Reason.RunsPastPostSurgicalPeriod => "runs past the end of the post-surgical period",
        _ => $"{CriterionCodes.Label(c.Code)} {(c.Status == CriterionStatus.NotMet ? "not met" : "not documented")}",
    };

    // ------------------------------------------------------------------ pieces

    internal static string TreatmentName(CompiledGuideline g, string code) =>
        g.Treatments.TryGetValue(code, out var t) && t.Name.Length > 0 ? t.Name : code.Replace('_', ' ');

    /// <summary><see cref="TreatmentName"/> opening a sentence; the version's catalog has it written already.</summary>
    internal static string TreatmentTitle(CompiledGuideline g, string code) =>
        g.TreatmentTitles.TryGetValue(code, out var title) ? title : Capitalize(TreatmentName(g, code));

    internal static string ProcedureName(CompiledGuideline g, string? code) =>
        code is not null && g.Procedures.TryGetValue(code, out var p) ? p.Description : code?.Replace('_', ' ') ?? "surgery";

    internal static string GroupName(CompiledGuideline g, string code) =>
        g.ConditionGroups.TryGetValue(code, out var group) ? group.Description : code.Replace('_', ' ');

    /// <summary>The conditions a row is indicated for, separated by semicolons: their names hold commas of their own.</summary>
    internal static string IndicatedGroups(CompiledGuideline g, CompiledRule rule)
    {
        var names = rule.Row.IndicatedConditionGroups.Select(code => GroupName(g, code)).ToList();
        return names.Count <= 1 ? string.Concat(names) : $"{string.Join("; ", names.Take(names.Count - 1))}; or {names[^1]}";
    }

    /// <summary>When the number of visits comes from another row than the governing one, say whose it is.</summary>
    private static string NumberFrom(ItemDecision item, CompiledRule rule) =>
        item.Governing is { } governing && ReferenceEquals(governing.MaxSource, rule)
            ? $"; the number from {rule.Id}{(rule.Row.IsNonMtusGuideline ? " (non-MTUS)" : "")}, as {governing.Id} sets none"
            : "";

    private static string Authorized(ItemDecision item) =>
        item.Item.EmployerAuthorizedVisits > 0 ? $", including {item.Item.EmployerAuthorizedVisits} more the employer authorized in writing" : "";

    internal static string PhaseWords(Phase phase) => phase switch
    {
        Phase.Acute => "acute care",
        Phase.PostSurgical => "post-surgical care",
        _ => "chronic care",
    };

    internal static string RegionName(CompiledGuideline g, string code) =>
        g.BodyRegions.TryGetValue(code, out var r) ? r.Description : code.Replace('_', ' ');

    internal static string Cite(CompiledRule rule) => rule.CiteText;

    // The optional tails of finding lines, appended to the line rather than formatted into a string of their own.

    /// <summary>", chosen because ..." when the finding says why its row was chosen.</summary>
    private static bool Because(DetailText text, string? why)
    {
        if (why is not null)
        {
            text.Append(", chosen because ");
            text.Append(why);
        }
        return true;
    }

    /// <summary>" (section)" of the row, when there is one.</summary>
    private static bool Section(DetailText text, CompiledRule? rule)
    {
        if (rule is not null)
        {
            text.Append(" (");
            text.Append(rule.Row.Section);
            text.Append(')');
        }
        return true;
    }


    /// <summary>Written once per compiled row (<see cref="CompiledRule.TrialLabel"/>).</summary>
    internal static string DescribeTrial(CompiledRule rule) =>
        rule.TrialDerived ? $"initial course: {rule.Row.InitialCoursePercent}% of {rule.Row.MaxVisits} = {rule.Trial}"
        : rule.TrialSource is { } source ? $"trial of {rule.TrialText} per {source.Row.Section}"
        : $"trial of {rule.TrialText}";

    /// <summary>Written once per compiled row (<see cref="CompiledRule.ScopeText"/>).</summary>
    internal static string Scope(CompiledGuideline g, CompiledRule rule)
    {
        var row = rule.Row;
        if (row.Procedure is not null)
        {
            return $"after {ProcedureName(g, row.Procedure)}";
        }
        if (rule.ConditionDescription is { } condition)
        {
            return $"for {condition}";
        }
        return row.BodyRegions.Count > 0 ? $"for the {List(row.BodyRegions.Select(r => RegionName(g, r)).ToList())}" : "for this condition";
    }

    private static string NotRecommendedScope(CompiledGuideline g, CompiledRule rule, string? region)
    {
        var row = rule.Row;
        if (row.CareType == CareType.Maintenance)
        {
            return "as elective or maintenance care";
        }
        if (row.ConditionGroup is not null && rule.ConditionDescription is { } condition)
        {
            return $"for {condition}";
        }
        if (region is not null)
        {
            return $"for the {RegionName(g, region)}";
        }
        return row.IsDefault ? "without a diagnosis that has its own row" : "for this case";
    }

    internal static string UnitOf(CompiledRule rule, int count) => UnitWords.Of(rule.UnitPlural, count);

    private static string UnitOf(CompiledRule? rule, int count, CompiledGuideline g, string treatment) =>
        rule is not null ? rule.UnitPlural : g.Treatments.TryGetValue(treatment, out var t) ? t.Unit : "visits";

    private static string Singular(string plural) => UnitWords.Of(plural, 1);

    private static string Known(int value, string suffix) => value < 0 ? "not documented" : $"{value}{suffix}";

    /// <summary>Written once per compiled row (<see cref="CompiledRule.RepeatText"/>).</summary>
    internal static string Repeat(CompiledRule rule)
    {
        var row = rule.Row;
        var text = $">= {row.RepeatMinReliefPercent}% relief";
        if (row.RepeatMinReliefWeeks is { } weeks)
        {
            text += $" for >= {weeks} weeks";
        }
        return row.RepeatRequiresMedicationReduction ? text + " with reduced medication" : text;
    }

    /// <summary>"work status modified duty -> modified duty; 4 -> 4 h/day; ... (2014-02-03 to 2014-06-02)" or the stated trends.</summary>
    internal static string FunctionFacts(CaseDecision decision)
    {
        var clinical = decision.Request.Clinical;
        var parts = new List<string>();
        if (clinical.PreviousFunction is { } before && clinical.CurrentFunction is { } after)
        {
            if (before.WorkStatus != Cases.WorkStatus.Unknown && after.WorkStatus != Cases.WorkStatus.Unknown)
            {
                parts.Add($"work status {WorkStatus(before.WorkStatus)} -> {WorkStatus(after.WorkStatus)}");
            }
            var t = decision.Guideline.FunctionThresholds;
            if (before.WorkHoursPerDay is { } h0 && after.WorkHoursPerDay is { } h1)
            {
                parts.Add($"{Number(h0)} -> {Number(h1)} h/day{Moved(h1 - h0, t.MinWorkHoursGain, " h")}");
            }
            if (before.LiftingLimitLb is { } l0 && after.LiftingLimitLb is { } l1)
            {
                parts.Add($"lifting limit {Number(l0)} -> {Number(l1)} lb{Moved(l1 - l0, t.MinLiftingGainLb, " lb")}");
            }
            if (before.OpioidAgents is { } o0 && after.OpioidAgents is { } o1)
            {
                parts.Add($"opioid agents {o0} -> {o1}{(o0 == 0 && o1 == 0 ? " (none to reduce: says nothing about dependence)" : Moved(o0 - o1, 1, "", reduction: true))}");
            }
            if (before.MorphineEquivalentMgPerDay is { } m0 && after.MorphineEquivalentMgPerDay is { } m1)
            {
                var med = m0 == 0 && m1 == 0 ? " (none to reduce)" : m0 == 0 ? " (worse)" : Moved(Math.Round((m0 - m1) * 100 / m0), t.MinMedReductionPercent, "%", reduction: true);
                parts.Add($"MED {Number(m0)} -> {Number(m1)} mg/day{med}");
            }
        }
        var evidence = clinical.FunctionalEvidence;
        AddTrend(parts, "work restrictions", evidence.WorkRestrictions);
        AddTrend(parts, "activities of daily living", evidence.ActivitiesOfDailyLiving);
        AddTrend(parts, "dependence on treatment", evidence.TreatmentDependence);
        var text = parts.Count > 0 ? Capitalize(string.Join("; ", parts)) : "No function recorded";
        if (clinical.PreviousFunction?.Date is { } d0 && clinical.CurrentFunction?.Date is { } d1)
        {
            text += $" ({IsoDate.Write(d0)} to {IsoDate.Write(d1)})";
        }
        return text;
    }

    /// <summary>How far a measure moved the good way, against the version's threshold for a clinically significant change.</summary>
    private static string Moved(double gain, int threshold, string unit, bool reduction = false)
    {
        var sign = reduction ? "-" : "+";
        if (gain == 0)
        {
            return "";
        }
        if (gain < 0)
        {
            return " (worse)";
        }
        return gain < threshold
            ? $" ({sign}{Number(gain)}{unit}, under the {threshold}{unit} that counts)"
            : $" ({sign}{Number(gain)}{unit}, counts)";
    }

    private static void AddTrend(List<string> parts, string what, Trend trend)
    {
        if (trend != Trend.Unknown)
        {
            parts.Add($"{what} stated {trend.ToString().ToLowerInvariant()}");
        }
    }

    internal static string FunctionVerdict(FunctionalAssessment f)
    {
        var parts = new List<string>();
        if (f.RestrictionsReduced == Tri.No)
        {
            parts.Add("work restrictions not reduced");
        }
        if (f.AdlImproved == Tri.No)
        {
            parts.Add("activities of daily living not improved");
        }
        if (f.DependenceReduced == Tri.No)
        {
            parts.Add("dependence on treatment not reduced");
        }
        else if (f.DependenceReduced == Tri.Unknown)
        {
            parts.Add("dependence on treatment not documented");
        }
        return parts.Count > 0 ? string.Join(", ", parts) : "not shown";
    }

    /// <summary>What the record would need to show for the functional-improvement test.</summary>
    internal static List<string> MissingFunction(FunctionalAssessment f)
    {
        var missing = new List<string>();
        if (f.RestrictionsReduced == Tri.Unknown && f.AdlImproved == Tri.Unknown)
        {
            missing.Add("a change in work restrictions (work status, hours or lifting limit) or in activities of daily living");
        }
        else if (f.RestrictionsReduced == Tri.No && f.AdlImproved == Tri.Unknown)
        {
            missing.Add("a change in activities of daily living (work restrictions did not ease)");
        }
        else if (f.AdlImproved == Tri.No && f.RestrictionsReduced == Tri.Unknown)
        {
            missing.Add("a change in work restrictions (work status, hours or lifting limit)");
        }
        if (f.DependenceReduced == Tri.Unknown)
        {
            missing.Add("a change in dependence on medical treatment (opioid agents or dose)");
        }
        return missing;
    }
}
