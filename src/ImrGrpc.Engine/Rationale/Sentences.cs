using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Model;
using static ImrGrpc.Engine.Rationale.DetailFormatter;
using static ImrGrpc.Engine.Rationale.Words;

namespace ImrGrpc.Engine.Rationale;

/// <summary>
/// Every sentence a rationale paragraph can contain, one per criterion outcome or finding, in our own words.
/// A paragraph is assembled from these and nothing else: no sentence is ever written for a particular case.
/// </summary>
internal static class Sentences
{
    // ------------------------------------------------------------------ what was received and what the guideline allows

    public static string Received(Context x)
    {
        var f = x.Item.Facts;
        var treatment = TreatmentName(x.G, x.Item.Item.Treatment);
        var unit = x.Unit;
        if (f.PriorCount == 0)
        {
            return x.Item.Governing?.Row.CourseScope == CourseScope.Episode
                ? $"This is a request for {treatment} for a new episode of symptoms."
                : f.PostSurgicalGoverns
                    ? $"No {treatment} since the surgery is recorded, so this is the first post-surgical request."
                    : $"No earlier {treatment} is recorded, so this is a first request.";
        }
        var period = (f.PriorFrom, f.PriorTo) switch
        {
            ({ } from, { } to) when from != to => $" between {Date(from)} and {Date(to)}",
            (_, { } to) => $" through {Date(to)}",
            _ => "",
        };
        var since = f.PostSurgicalGoverns ? " since the surgery" : "";
        return $"The record shows {Count(f.PriorCount, UnitWords.Of(unit, 1), unit)} of {treatment} already given{since}{period}.";
    }

    public static string Course(Context x, CompiledRule rule, bool defaultApplied, bool nonMtus, CompiledRule? hierarchy)
    {
        var row = rule.Row;
        var where = Where(rule);
        var treatment = TreatmentName(x.G, x.Item.Item.Treatment);
        string allows;
        if (rule.RangeText.Length > 0 && rule.Trial is not null && !rule.TrialDerived)
        {
            allows = $"a trial of {rule.TrialText} and, with documented functional improvement, up to {rule.RangeText} in all";
        }
        else if (rule.RangeText.Length > 0)
        {
            allows = row.CourseScope == CourseScope.Episode ? $"{rule.RangeText} for each flare-up" : rule.RangeText;
        }
        else if (rule.Trial is not null)
        {
            allows = $"{rule.TrialText} to show an effect, with further treatment only when functional improvement is documented";
        }
        else
        {
            allows = $"{treatment} without a fixed number of sessions";
        }

        if (row.Procedure is not null)
        {
            return $"After {ProcedureName(x.G, row.Procedure)}, {where} set a general course of {rule.RangeText} within a " +
                   $"{Count(row.PostSurgicalPeriodMonths ?? 0, "month")} post-surgical period; the initial course is " +
                   $"{row.InitialCoursePercent}% of that, rounded {(row.InitialCourseRounding == Rounding.Up ? "up" : "down")}, which is {Count(rule.Trial ?? 0, UnitOf(rule, 1), rule.UnitPlural)}.";
        }
        if (nonMtus)
        {
            var basis = hierarchy is null ? "the evidence hierarchy" : $"the evidence hierarchy ({hierarchy.Row.Section})";
            return $"The MTUS tables of this guideline version do not address {treatment} for this case, so under {basis} " +
                   $"the non-MTUS {row.Guideline} apply{ConditionClause(rule)}: they support {allows}{PageClause(rule)}.";
        }
        if (defaultApplied)
        {
            return $"No diagnosis on record has a {treatment} course of its own, so the default course of {where} applies" +
                   $"{(rule.ConditionDescription is { } c ? $" (the one for {c})" : "")}: {allows}.";
        }
        return $"{Capitalize(where)} support {allows}{ConditionClause(rule)}.";
    }

    public static string NotRecommended(Context x, in CriterionResult c)
    {
        var rule = c.Rule!;
        var treatment = TreatmentName(x.G, x.Item.Item.Treatment);
        var scope = rule.Row.CareType == CareType.Maintenance
            ? "as elective or maintenance care once a plateau is reached"
            : rule.Row.ConditionGroup is not null && rule.ConditionDescription is { } condition
                ? $"for {condition}"
                : c.Subject is { } region
                    ? $"for the {RegionName(x.G, region)}"
                    : "without a diagnosis the guideline names for it";
        var why = rule.Row.IsDefault && rule.Row.Notes.Length > 0 ? $" {Sentence(rule.Row.Notes)}" : "";
        return $"{Capitalize(Where(rule))} do not recommend {treatment} {scope}.{why}";
    }

    public static string NoGuideline(Context x, CompiledRule? hierarchy)
    {
        var treatment = TreatmentName(x.G, x.Item.Item.Treatment);
        var basis = hierarchy is null ? "" : $" ({hierarchy.Row.Section})";
        return $"Neither the MTUS tables of guideline version {x.G.Version.Id} nor its non-MTUS rows address {treatment} " +
               $"for this case. Silence in the guidelines is not a ground for denial{basis}; a physician reviewer has to weigh " +
               "the medical evidence for this item.";
    }

    // ------------------------------------------------------------------ comparisons

    public static string? Comparison(Context x, in CriterionResult c)
    {
        var unit = x.Unit;
        var requested = Count(c.Requested, UnitWords.Of(unit, 1), unit);
        var total = c.Prior + c.Requested;
        return c.Reason switch
        {
            Reason.ExceedsCourse when c.Prior > 0 =>
                $"The {requested} requested would bring the total to {total}, beyond the {c.Limit} that course allows.",
            Reason.ExceedsCourse =>
                $"The {requested} requested go beyond the {c.Limit} that course allows.",
            Reason.WithinCourse when c.Prior > 0 =>
                $"The {requested} requested bring the total to {total}, within that course.",
            Reason.WithinCourse =>
                $"The {requested} requested are within that course.",
            Reason.ExceedsTrial when c.Prior > 0 =>
                $"With {c.Prior} already given, the {requested} requested would go past the {c.Limit} of the {TrialName(c)}; " +
                $"only {Math.Max(0, c.Allow)} more fit within it before improvement has to be shown.",
            Reason.ExceedsTrial =>
                $"The {requested} requested go past the {c.Limit} of the {TrialName(c)}, which has to come first so that " +
                "its effect can be judged.",
            Reason.WithinTrial when c.Prior > 0 =>
                $"With {c.Prior} already given, the {requested} requested stay within the {c.Limit} of the {TrialName(c)}.",
            Reason.WithinTrial =>
                $"The {requested} requested stay within the {c.Limit} of the {TrialName(c)}.",
            _ => null,
        };
    }

    private static string TrialName(in CriterionResult c) => c.Rule is { TrialDerived: true } ? "initial course" : "trial";

    // ------------------------------------------------------------------ functional improvement

    public static string FunctionalImprovement(Context x, in CriterionResult c)
    {
        var principle = c.Rule;
        var definition = x.G.Principle(PrincipleCodes.FunctionalImprovementDefinition, x.Item.Item.Treatment, x.Item.Facts.EffectivePhase);
        var source = principle is null ? "The guidelines" : Capitalize(Where(principle));
        var defined = definition is null ? "" : $" as defined in {definition.Row.Section}";
        var rule = $"{source} make further treatment depend on documented functional improvement{defined}: fewer work " +
                   "restrictions or better daily activities, together with less dependence on medical care.";
        return c.Reason switch
        {
            Reason.ImprovementShown => $"{rule} The record shows it: {FunctionProse(x.Decision)}.",
            Reason.ImprovementNotShown => $"{rule} The record does not show it: {FunctionProse(x.Decision)}.",
            Reason.ImprovementUndocumented =>
                $"{rule} After {Count(c.Prior, UnitWords.Of(x.Unit, 1), x.Unit)}, the record does not document " +
                $"{List(MissingFunction(x.Decision.Function))}, so improvement cannot be confirmed.",
            _ => "",
        };
    }

    /// <summary>The functional facts in prose, from the snapshots and the stated trends.</summary>
    internal static string FunctionProse(CaseDecision decision)
    {
        var clinical = decision.Request.Clinical;
        var clauses = new List<string>();
        if (clinical.PreviousFunction is { } a && clinical.CurrentFunction is { } b)
        {
            var work = new List<string>();
            if (a.WorkStatus != Cases.WorkStatus.Unknown && b.WorkStatus != Cases.WorkStatus.Unknown)
            {
                work.Add(a.WorkStatus == b.WorkStatus
                    ? $"stayed on {WorkStatus(b.WorkStatus)}"
                    : $"went from {WorkStatus(a.WorkStatus)} to {WorkStatus(b.WorkStatus)}");
            }
            if (a.WorkHoursPerDay is { } h0 && b.WorkHoursPerDay is { } h1)
            {
                work.Add(h0 == h1 ? $"at {Number(h1)} hours a day" : $"with working hours going from {Number(h0)} to {Number(h1)} a day");
            }
            if (a.LiftingLimitLb is { } l0 && b.LiftingLimitLb is { } l1)
            {
                work.Add(l0 == l1 ? $"with the same {Number(l1)}-pound lifting limit" : $"with the lifting limit going from {Number(l0)} to {Number(l1)} pounds");
            }
            var when = a.Date is { } d0 && b.Date is { } d1 ? $"from {Date(d0)} to {Date(d1)} " : "";
            if (work.Count > 0)
            {
                clauses.Add($"{when}the worker {string.Join(", ", work)}");
            }
            if (a.OpioidAgents is { } o0 && b.OpioidAgents is { } o1)
            {
                clauses.Add(o0 == o1
                    ? o1 == 0 ? "no opioids were used at either visit" : $"the worker still uses {Count(o1, "opioid agent")}"
                    : $"opioid use went from {Count(o0, "agent")} to {Count(o1, "agent")}");
            }
            if (a.MorphineEquivalentMgPerDay is { } m0 && b.MorphineEquivalentMgPerDay is { } m1)
            {
                clauses.Add(m0 == m1
                    ? $"the morphine-equivalent dose stayed at {Number(m1)} mg a day"
                    : $"the morphine-equivalent dose went from {Number(m0)} to {Number(m1)} mg a day");
            }
        }
        var e = clinical.FunctionalEvidence;
        StatedTrend(clauses, "work restrictions", e.WorkRestrictions, "eased", "did not ease");
        StatedTrend(clauses, "activities of daily living", e.ActivitiesOfDailyLiving, "improved", "did not improve");
        StatedTrend(clauses, "dependence on medical care", e.TreatmentDependence, "fell", "did not fall");
        return clauses.Count == 0 ? "no function was recorded" : List(clauses);
    }

    private static void StatedTrend(List<string> clauses, string what, Trend trend, string better, string notBetter)
    {
        if (trend != Trend.Unknown)
        {
            clauses.Add($"the record states that {what} {(trend == Trend.Improved ? better : notBetter)}");
        }
    }

    // ------------------------------------------------------------------ the other criteria

    public static string? Other(Context x, in CriterionResult c)
    {
        var g = x.G;
        var rule = c.Rule;
        var treatment = TreatmentName(g, x.Item.Item.Treatment);
        return c.Reason switch
        {
            Reason.RadiculopathyCorroborated => $"Radiculopathy is documented on examination and corroborated by imaging or electrodiagnostic testing, as {Where(rule!)} require.",
            Reason.RadiculopathyNotCorroborated => $"{Capitalize(Where(rule!))} call for radiculopathy documented on examination and corroborated by imaging or electrodiagnostic testing; the record does not show both.",
            Reason.RadiculopathyUndocumented => $"{Capitalize(Where(rule!))} call for radiculopathy documented on examination and corroborated by imaging or electrodiagnostic testing; the record does not document these findings.",
            Reason.ExceedsSessionLimit => $"{Capitalize(Where(rule!))} allow at most {c.Limit} per session; {c.Requested} are requested.",
            Reason.ExceedsFrequency => $"{Capitalize(Where(rule!))} allow at most {c.Limit} sessions a week; {c.Requested} a week are requested.",
            Reason.ResponseSufficient => $"The last injection gave {c.Prior}% relief for {c.Requested} weeks, enough for a repeat under {Where(rule!)}.",
            Reason.ResponseInsufficient => $"A repeat injection needs {RepeatNeed(rule!)}; the last one gave {(c.Prior < 0 ? "an undocumented degree of" : $"{c.Prior}%")} relief{(c.Requested < 0 ? "" : $" for {c.Requested} weeks")}.",
            Reason.ResponseUndocumented => $"A repeat injection needs {RepeatNeed(rule!)}; the record does not document the response to the last one.",
            Reason.IntervalTooShort => $"Only {Count(c.Prior, "month")} have passed since the last session, and {Where(rule!)} call for at least {c.Limit}.",
            Reason.IntervalUndocumented => $"The date of the last session is not recorded, so the interval of at least {Count(c.Limit, "month")} that {Where(rule!)} require cannot be checked.",
            Reason.NotReturnedToWork => $"Care for a flare-up is supported once the worker has returned to work, and the worker is off work.",
            Reason.WorkStatusUndocumented => "Care for a flare-up is supported once the worker has returned to work, and the current work status is not documented.",
            Reason.TooSoonAfterInjury => $"{Capitalize(Where(rule!))} call for symptoms of at least {Count(c.Limit, "month")}; the injury was {Count(c.Prior, "month")} before the request.",
            Reason.TooLongAfterInjury => $"{Capitalize(Where(rule!))} support this only within {Count(c.Limit, "month")} of the injury; the request comes {Count(c.Prior, "month")} after it.",
            Reason.AdjunctHomeExercise => $"A home exercise program is documented alongside the {treatment}.",
            Reason.AdjunctConcurrentItem => $"It is requested together with {TreatmentName(g, c.Subject!)}, as {Where(rule!)} expect.",
            Reason.AdjunctOngoingTreatment => $"It accompanies ongoing {TreatmentName(g, c.Subject!)}, as {Where(rule!)} expect.",
            Reason.AdjunctAbsent when c.Code == CriterionCode.AdjunctProgram =>
                $"{Capitalize(Where(rule!))} support {treatment} only as part of {TreatmentName(g, c.Subject!)}, and none is ongoing or requested.",
            Reason.AdjunctAbsent => $"{Capitalize(Where(rule!))} support {treatment} only alongside exercise, and the record shows no home exercise program or active therapy.",
            Reason.AdjunctUndocumented => $"{Capitalize(Where(rule!))} support {treatment} only alongside exercise, and the record does not document a home exercise program or active therapy.",
            Reason.PassiveBeyondCourse => $"{Capitalize(Where(rule!))} reserve passive care for sparing use in the chronic phase; with {Count(c.Prior, "passive session")} already given, {c.Requested} more would come to {c.Prior + c.Requested}, past the {c.Limit} the course allows.",
            Reason.ExceedsCap => $"{rule!.Row.Section} also caps {treatment} at {c.Limit} visits per industrial injury for injuries on or after {Date(rule.Row.InjuryOnOrAfter ?? default)}; {c.Prior} prior and {c.Requested} requested visits come to {c.Prior + c.Requested}.",
            Reason.WithinCap => $"The total stays within the {c.Limit}-visit cap of {rule!.Row.Section} ({c.Prior + c.Requested} of {c.Limit}).",
            Reason.PostSurgicalExempt => "Post-surgical physical medicine does not count toward the statutory visit cap.",
            _ => null,
        };
    }

    private static string RepeatNeed(CompiledRule rule)
    {
        var row = rule.Row;
        var need = $"at least {row.RepeatMinReliefPercent}% pain relief";
        if (row.RepeatMinReliefWeeks is { } weeks)
        {
            need += $" lasting {Count(weeks, "week")}";
        }
        return row.RepeatRequiresMedicationReduction ? need + " with reduced medication use" : need;
    }

    // ------------------------------------------------------------------ findings and the conclusion

    public static string? Finding(Context x, in FindingResult f)
    {
        var g = x.G;
        return f.Code switch
        {
            FindingCode.NonMtusCitedWhereMtusAddresses =>
                $"The claims administrator relied on {f.Subject}, which is not part of the MTUS; because the MTUS addresses " +
                $"{TreatmentName(g, x.Item.Item.Treatment)}, the MTUS governs this decision{(f.Rule is null ? "" : $" ({f.Rule.Row.Section})")}.",
            FindingCode.PostSurgicalPeriodEnded =>
                $"The post-surgical period after {ProcedureName(g, f.Subject)} ended on {Date(x.Item.Facts.PostSurgicalPeriodEnd ?? default)}, so the chronic pain guidelines govern.",
            FindingCode.PostSurgicalCourseNotListed =>
                $"The post-surgical table lists no course for {ProcedureName(g, f.Subject)}; it gives only a presumptive " +
                $"{Count(f.Rule?.Row.PostSurgicalPeriodMonths ?? 6, "month")} period of post-surgical care.",
            FindingCode.ItemRegionOutsideSurgery =>
                $"The request is for a body region other than the one treated by {ProcedureName(g, f.Subject)}, so the post-surgical table does not govern it.",
            FindingCode.CareTypeNotDistinguished => "The guideline does not set a separate course for this type of care.",
            _ => null,
        };
    }

    public static string Conclusion(Context x)
    {
        var item = x.Item;
        var description = x.Description;
        return item.Determination switch
        {
            Determination.MedicallyNecessary => $"Therefore, the request for {description} is medically necessary.",
            Determination.Modified =>
                $"Therefore, the request for {description} is medically necessary in part: {Count(item.ApprovableQuantity, UnitWords.Of(x.Unit, 1), x.Unit)} " +
                $"of the {item.Item.Quantity} requested are certified.",
            Determination.InsufficientInformation =>
                $"Therefore, the request for {description} cannot be decided on this record and is pended for the information listed.",
            Determination.PhysicianReviewRequired =>
                $"Therefore, the request for {description} is referred to a physician reviewer.",
            _ => $"Therefore, the request for {description} is not medically necessary.",
        };
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>"page 99 of the MTUS Chronic Pain Medical Treatment Guidelines" or "the MTUS Regulations (8 CCR 9792.20(f))".</summary>
    public static string Where(CompiledRule rule)
    {
        var row = rule.Row;
        if (row.Pages.Count == 1)
        {
            return $"page {row.Pages[0]} of the {row.Guideline}";
        }
        if (row.Pages.Count > 1)
        {
            return $"pages {rule.PagesText} of the {row.Guideline}";
        }
        return row.Section.Length > 0 ? $"the {row.Guideline} ({row.Section})" : $"the {row.Guideline}";
    }

    private static string ConditionClause(CompiledRule rule) =>
        rule.ConditionDescription is { } c ? $" for {c}" : "";

    private static string PageClause(CompiledRule rule) =>
        rule.Row.Section.Length > 0 ? $" ({rule.Row.Section})" : "";
}

/// <summary>What a sentence template may read: the case decision, the item and its unit.</summary>
internal readonly record struct Context(CaseDecision Decision, ItemDecision Item, string Unit, string Description)
{
    public CompiledGuideline G => Decision.Guideline;
}
