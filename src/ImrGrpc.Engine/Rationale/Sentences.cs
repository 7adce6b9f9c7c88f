using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Model;
using static ImrGrpc.Engine.Rationale.DetailFormatter;
using static ImrGrpc.Engine.Rationale.Words;

namespace ImrGrpc.Engine.Rationale;

/// <summary>
/// Every sentence a rationale paragraph can contain: one template per criterion outcome or finding, in our own
/// words. A paragraph is assembled from these and nothing else; no sentence is ever written for a particular case.
/// Each template writes its sentence into the paragraph (a <see cref="DetailText"/> of sentences) and returns whether
/// it wrote one; a template with nothing to say for the outcome writes nothing.
/// </summary>
internal static class Sentences
{
    // ------------------------------------------------------------------ what was received and what the guideline allows

    public static bool Received(DetailText p, Context x)
    {
        var f = x.Item.Facts;
        var name = TreatmentName(x.G, x.Item.Item.Treatment);
        if (f.PriorCount == 0)
        {
            if (x.Item.Governing?.Row.CourseScope == CourseScope.Episode)
            {
                return p.Write($"This request is for {name} for a new episode of symptoms.");
            }
            if (f.PostSurgicalGoverns)
            {
                return p.Write($"The record shows no {name} since the surgery, so this is the first post-surgical request.");
            }
            return HasFinding(x, FindingCode.PriorWithoutRegionNotCounted)
                ? p.Write($"The record shows no earlier {name} attributed to the {ItemRegions(x)}, so this is a first request for it.")
                : p.Write($"The record shows no earlier {name}, so this is a first request.");
        }
        var period = (f.PriorFrom, f.PriorTo) switch
        {
            ({ } from, { } to) when from != to => $" between {Date(from)} and {Date(to)}",
            (_, { } to) => $" through {Date(to)}",
            _ => "",
        };
        var since = f.PostSurgicalGoverns ? " since the surgery" : "";
        return p.Write($"The worker has already received {Quantity(x, f.PriorCount)}{since}{period}.");
    }

    public static bool Course(DetailText p, Context x, CompiledRule rule, bool defaultApplied, bool nonMtus, CompiledRule? hierarchy)
    {
        var row = rule.Row;
        var name = TreatmentName(x.G, x.Item.Item.Treatment);
        if (rule.MaxSource is { } numberSource && !nonMtus)
        {
            return NumberFromElsewhere(p, rule, numberSource, name, hierarchy);
        }
        string allows;
        if (rule.RangeText.Length > 0 && rule.TrialSource is { } trialSource)
        {
            allows = $"up to {rule.RangeText} in all, the first {rule.TrialText} being the trial that {Where(trialSource)} " +
                     $"{Verb(trialSource, "require", "requires")}, with more only once functional improvement is documented";
        }
        else if (rule.RangeText.Length > 0 && rule.Trial is not null && !rule.TrialDerived)
        {
            allows = $"a trial of {rule.TrialText} and, once functional improvement is documented, up to {rule.RangeText} in all";
        }
        else if (rule.RangeText.Length > 0)
        {
            allows = row.CourseScope == CourseScope.Episode ? $"{rule.RangeText} for each flare-up" : rule.RangeText;
        }
        else if (rule.Trial is not null)
        {
            allows = $"a trial of {rule.TrialText}, with more only once functional improvement is documented";
        }
        else if (row.MaxPerSession is { } perSession)
        {
            allows = $"{name} at up to {perSession} a session, without a fixed number of sessions";
        }
        else
        {
            allows = $"{name} without a fixed number of sessions";
        }

        if (row.Procedure is not null)
        {
            var half = row.InitialCoursePercent == 50 ? "half of that" : $"{row.InitialCoursePercent}% of that";
            return p.Write($"After {ProcedureName(x.G, row.Procedure)}, {Where(rule)} {Verb(rule, "set", "sets")} a general course of " +
                   $"{rule.RangeText} within a {MonthsAdjective(row.PostSurgicalPeriodMonths ?? 0)} post-surgical period; the initial course is " +
                   $"{half}, rounded {(row.InitialCourseRounding == Rounding.Up ? "up" : "down")}: {Count(rule.Trial ?? 0, UnitOf(rule, 1), rule.UnitPlural)}.");
        }
        if (nonMtus)
        {
            var basis = hierarchy is null ? "the evidence hierarchy" : $"the evidence hierarchy of {hierarchy.Row.Section}";
            return p.Write($"No MTUS row of this guideline version addresses {name} for this case, so under {basis} the non-MTUS " +
                   $"{row.Guideline} ({row.Section}) {Verb(rule, "apply", "applies")}{ConditionClause(rule)}: {Verb(rule, "they support", "it supports")} {allows}.");
        }
        if (defaultApplied)
        {
            var named = rule.ConditionDescription is { } c ? $", the one given for {c}," : "";
            return p.Write($"No diagnosis on record has a {name} course of its own, so the default course{named} of {Where(rule)} applies: {allows}.");
        }
        return p.Write($"{WhereCapitalized(rule)} {Verb(rule, "support", "supports")} {allows}{ConditionClause(rule)}.");
    }

    /// <summary>A row that sets the course's weeks and conditions but takes its number of visits from another row.</summary>
    private static bool NumberFromElsewhere(DetailText p, CompiledRule rule, CompiledRule numberSource, string name, CompiledRule? hierarchy)
    {
        var row = rule.Row;
        var weeks = row.OverWeeks is { } w ? $" over at most {Count(w, "week")}" : "";
        var trial = rule.Trial is not null ? $", after a trial of {rule.TrialText}" : "";
        var source = numberSource.Row;
        var basis = source.IsNonMtusGuideline
            ? $"the non-MTUS {source.Guideline}, {source.Section}, which {(hierarchy is null ? "the evidence hierarchy" : hierarchy.Row.Section)} " +
              "allows on a question the MTUS leaves open"
            : $"the {source.Guideline}, {source.Section}";
        return p.Write($"{WhereCapitalized(rule)} {Verb(rule, "support", "supports")} {name}{weeks}{trial}{ConditionClause(rule)} but " +
               $"{Verb(rule, "set", "sets")} no number of visits; the number used here, {numberSource.RangeText}, is that of {basis}.");
    }

    /// <summary>The treatment's own entry, cited beside the row whose course its visits count against.</summary>
    public static bool TreatmentEntry(DetailText p, Context x, in FindingResult f)
    {
        var entry = f.Rule!;
        return p.Write($"{TreatmentTitle(x.G, x.Item.Item.Treatment)} has an entry of its own in {Where(entry)}, which counts its visits against the course that follows.");
    }

    public static bool NotRecommended(DetailText p, Context x, in CriterionResult c)
    {
        var rule = c.Rule!;
        var name = TreatmentName(x.G, x.Item.Item.Treatment);
        var scope = rule.Row.CareType == CareType.Maintenance
            ? "as elective or maintenance care once a plateau is reached"
            : rule.Row.ConditionGroup is not null && rule.ConditionDescription is { } condition
                ? $"for {condition}"
                : c.Subject is { } region
                    ? $"for the {RegionName(x.G, region)}"
                    : "without a diagnosis the guideline names for it";
        var why = rule.Row.IsDefault && rule.Row.Notes.Length > 0 ? $" {Sentence(rule.Row.Notes)}" : "";
        return p.Write($"{WhereCapitalized(rule)} {Verb(rule, "do", "does")} not recommend {name} {scope}.{why}");
    }

    public static bool NoGuideline(DetailText p, Context x, CompiledRule? hierarchy)
    {
        var name = TreatmentName(x.G, x.Item.Item.Treatment);
        var basis = hierarchy is null ? "" : $" ({hierarchy.Row.Section})";
        return p.Write($"No row of guideline version {x.G.Version.Id}, MTUS or non-MTUS, addresses {name} for this case. The " +
               $"guidelines' silence is not a ground for denial{basis}; a physician reviewer has to weigh the medical " +
               $"evidence for this item.");
    }

    // ------------------------------------------------------------------ comparisons with the limits

    public static bool Comparison(DetailText p, Context x, in CriterionResult c)
    {
        var requested = Count(c.Requested, UnitWords.Of(x.Unit, 1), x.Unit);
        var total = c.Prior + c.Requested;
        var limit = Count(c.Limit, UnitWords.Of(x.Unit, 1), x.Unit);
        var trial = c.Rule is { TrialDerived: true } ? $"initial course of {limit}" : $"trial of {limit}";
        return c.Reason switch
        {
            Reason.ExceedsCourse when c.Prior > 0 =>
                p.Write($"With {c.Prior} already given, {c.Requested} more would bring the total to {total}, beyond the {limit} the course allows."),
            Reason.ExceedsCourse => p.Write($"Requesting {requested} goes beyond the {limit} the course allows."),
            Reason.BeyondCourseWithImprovement =>
                p.Write($"With {c.Prior} already given, {c.Requested} more would bring the total to {total}, past the general course of {limit}; " +
                $"within the post-surgical period care may continue past it while functional improvement is documented, and the " +
                $"documented improvement is taken here as the sign that more is to be gained."),
            Reason.WithinCourse when c.Prior > 0 =>
                p.Write($"With {c.Prior} already given, {c.Requested} more would bring the total to {total}, within the course."),
            Reason.WithinCourse => p.Write($"Requesting {requested} stays within that course."),
            Reason.ExceedsTrial when c.Prior > 0 =>
                p.Write($"With {c.Prior} already given, {c.Requested} more would go past the {trial}; only {Math.Max(0, c.Allow)} more fit " +
                $"within it before improvement has to be shown."),
            Reason.ExceedsTrial => p.Write($"Requesting {requested} goes past the {trial}, which has to come first so that its effect can be judged."),
            Reason.WithinTrial when c.Prior > 0 => p.Write($"With {c.Prior} already given, {c.Requested} more would stay within the {trial}."),
            Reason.WithinTrial => p.Write($"Requesting {requested} stays within the {trial}."),
            _ => false,
        };
    }

    // ------------------------------------------------------------------ functional improvement

    public static bool FunctionalImprovement(DetailText p, Context x, in CriterionResult c)
    {
        if (c.Reason is not (Reason.ImprovementShown or Reason.ImprovementNotShown or Reason.ImprovementUndocumented))
        {
            return false;
        }
        // The rule, then what the record shows, appended piece by piece to the paragraph: every item of a case with
        // this criterion says it, and composing it as strings first cost about 1.7 KB per item.
        var principle = c.Rule;
        var definition = x.G.Principle(PrincipleCodes.FunctionalImprovementDefinition, x.Item.Item.Treatment, x.Item.Facts.EffectivePhase);
        if (principle is null)
        {
            p.Write("The guidelines make");
        }
        else
        {
            p.Write(WhereCapitalized(principle));
            p.Append(' ');
            p.Append(Verb(principle, "make", "makes"));
        }
        p.Append(" further treatment depend on documented functional improvement");
        if (definition is not null && !ReferenceEquals(definition, principle))
        {
            p.Append(" as defined in ");
            p.Append(definition.Row.Section);
        }
        p.Append(": fewer work restrictions or better daily activities, together with less dependence on medical care.");
        switch (c.Reason)
        {
            case Reason.ImprovementShown:
                p.Append(" The record shows it: ");
                p.Append(x.Decision.FunctionProse);
                p.Append('.');
                break;
            case Reason.ImprovementNotShown:
                p.Append(" The record does not: ");
                p.Append(x.Decision.FunctionProse);
                p.Append('.');
                p.Append(Thresholds(x.Decision));
                break;
            default:
                p.Append($" After {Quantity(x, c.Prior)}, the record does not document {string.Join(", nor ", MissingFunction(x.Decision.Function))}, " +
                    "so improvement cannot be confirmed.");
                break;
        }
        return true;
    }

    /// <summary>Why a change that was recorded did not count: under the version's thresholds, or cancelled by a worsening.</summary>
    private static string Thresholds(CaseDecision decision)
    {
        var f = decision.Function;
        if (!f.BelowThreshold && !f.Offset)
        {
            return "";
        }
        var t = decision.Guideline.FunctionThresholds;
        var sizes = f.BelowThreshold
            ? $" A change counts as clinically significant from {Count(t.MinWorkHoursGain, "more hour")} of work a day, " +
              $"{Count(t.MinLiftingGainLb, "more pound")} of lifting, one work-status step, one opioid agent fewer or a " +
              $"{t.MinMedReductionPercent}% lower morphine-equivalent dose, as this guideline version reads the regulation."
            : "";
        var offset = f.Offset ? " A gain on one measure does not count while another measure of the same kind went the other way." : "";
        return sizes + offset;
    }

    /// <summary>The functional facts in prose, from the snapshots and the stated trends (once per case:
    /// <see cref="CaseDecision.FunctionProse"/>).</summary>
    internal static string DescribeFunction(CaseDecision decision)
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

    public static bool Other(DetailText p, Context x, in CriterionResult c)
    {
        var g = x.G;
        var rule = c.Rule;
        var name = TreatmentName(g, x.Item.Item.Treatment);
        return c.Reason switch
        {
            Reason.RadiculopathyCorroborated =>
                p.Write($"Radiculopathy is documented on examination and corroborated by imaging or electrodiagnostic testing, as {Where(rule!)} {Verb(rule!, "require", "requires")}."),
            Reason.RadiculopathyNotCorroborated =>
                p.Write($"{WhereCapitalized(rule!)} {Verb(rule!, "call", "calls")} for radiculopathy found on examination and corroborated by imaging or electrodiagnostic testing; the record does not show both."),
            Reason.RadiculopathyUndocumented =>
                p.Write($"{WhereCapitalized(rule!)} {Verb(rule!, "call", "calls")} for radiculopathy found on examination and corroborated by imaging or electrodiagnostic testing; the record documents neither."),
            Reason.IndicatedConditionDocumented =>
                p.Write($"{WhereCapitalized(rule!)} {Verb(rule!, "support", "supports")} {name} only for {rule!.IndicatedGroupsText}. " +
                $"The diagnosis {x.Decision.Request.Clinical.Diagnoses[c.Prior].Code}, {GroupName(g, c.Subject!)}, is one of them."),
            Reason.IndicatedConditionAbsent =>
                p.Write($"{WhereCapitalized(rule!)} {Verb(rule!, "support", "supports")} {name} only for {rule!.IndicatedGroupsText}; no diagnosis on record is among them."),
            Reason.IndicatedConditionUndocumented =>
                p.Write($"{WhereCapitalized(rule!)} {Verb(rule!, "support", "supports")} {name} only for {rule!.IndicatedGroupsText}; the record lists no diagnosis."),
            Reason.ExceedsSessionLimit =>
                p.Write($"{WhereCapitalized(rule!)} {Verb(rule!, "allow", "allows")} at most {Quantity(x, c.Limit)} in one session, and the request is for {c.Requested}."),
            Reason.ExceedsFrequency =>
                p.Write($"{WhereCapitalized(rule!)} {Verb(rule!, "allow", "allows")} at most {Count(c.Limit, "session")} a week, and the request is for {c.Requested} a week."),
            Reason.ExceedsCourseWeeks =>
                p.Write($"The course {Where(rule!)} {Verb(rule!, "set", "sets")} spans {Count(c.Limit, "week")}, and the request is spread over {c.Requested}; " +
                $"{Count(Math.Max(0, c.Allow), UnitWords.Of(x.Unit, 1), x.Unit)} fit within the course's weeks."),
            Reason.ResponseSufficient =>
                p.Write($"The last injection gave {c.Prior}% relief lasting {Count(c.Requested, "week")}, enough for a repeat under {Where(rule!)}."),
            Reason.ResponseInsufficient =>
                p.Write($"A repeat injection needs {RepeatNeed(rule!)}; the last one gave {Relief(c)}."),
            Reason.ResponseUndocumented =>
                p.Write($"A repeat injection needs {RepeatNeed(rule!)}; the record does not document how the last one worked."),
            Reason.IntervalSufficient =>
                p.Write($"The last session was {Count(c.Prior, "month")} before this request, at least the {Count(c.Limit, "month")} that {Where(rule!)} {Verb(rule!, "call", "calls")} for."),
            Reason.IntervalTooShort =>
                p.Write($"The last session was only {Count(c.Prior, "month")} before this request, and {Where(rule!)} {Verb(rule!, "call", "calls")} for at least {Count(c.Limit, "month")}."),
            Reason.IntervalUndocumented =>
                p.Write($"The date of the last session is not recorded, so the interval of at least {Count(c.Limit, "month")} that {Where(rule!)} {Verb(rule!, "require", "requires")} cannot be checked."),
            Reason.ReturnedToWork => p.Write("The worker is back at work, as care for a flare-up presupposes."),
            Reason.NotReturnedToWork => p.Write("Care for a flare-up presupposes a return to work, and the worker is off work."),
            Reason.WorkStatusUndocumented => p.Write("Care for a flare-up presupposes a return to work, and the current work status is not documented."),
            Reason.WithinTimeSinceInjury when rule?.Row.MaxMonthsSinceInjury is { } max =>
                p.Write($"The request comes {Count(c.Prior, "month")} after the injury, within the {max} that {Where(rule)} {Verb(rule, "allow", "allows")}."),
            Reason.WithinTimeSinceInjury => p.Write($"Symptoms have lasted {Count(c.Prior, "month")} since the injury, long enough under {Where(rule!)}."),
            Reason.TooSoonAfterInjury =>
                p.Write($"{WhereCapitalized(rule!)} {Verb(rule!, "call", "calls")} for symptoms lasting at least {Count(c.Limit, "month")}, and the injury was {Count(c.Prior, "month")} before the request."),
            Reason.TooLongAfterInjury =>
                p.Write($"{WhereCapitalized(rule!)} {Verb(rule!, "support", "supports")} this only within {Count(c.Limit, "month")} of the injury, and the request comes {Count(c.Prior, "month")} after it."),
            Reason.AdjunctHomeExercise => p.Write($"A home exercise program is documented alongside the {name}."),
            Reason.AdjunctConcurrentItem => p.Write($"It is requested together with {TreatmentName(g, c.Subject!)}, as {Where(rule!)} {Verb(rule!, "expect", "expects")}."),
            Reason.AdjunctOngoingTreatment => p.Write($"It would accompany {TreatmentName(g, c.Subject!)} that is still under way, as {Where(rule!)} {Verb(rule!, "expect", "expects")}."),
            Reason.AdjunctAbsent when c.Code == CriterionCode.AdjunctProgram =>
                p.Write($"{WhereCapitalized(rule!)} {Verb(rule!, "support", "supports")} {name} only as part of {TreatmentName(g, c.Subject!)}, and none is under way or requested."),
            Reason.AdjunctAbsent =>
                p.Write($"{WhereCapitalized(rule!)} {Verb(rule!, "support", "supports")} {name} only alongside exercise, and the record shows no home exercise program or active therapy."),
            Reason.AdjunctUndocumented =>
                p.Write($"{WhereCapitalized(rule!)} {Verb(rule!, "support", "supports")} {name} only alongside exercise, and the record does not document a home exercise program or active therapy."),
            Reason.PassiveBeyondCourse =>
                p.Write($"{WhereCapitalized(rule!)} {Verb(rule!, "reserve", "reserves")} passive care for sparing use in the chronic phase; with {Count(c.Prior, "passive session")} already given, {c.Requested} more would come to {c.Prior + c.Requested}, past the {c.Limit} the course allows."),
            Reason.ExceedsCap =>
                p.Write($"{rule!.Row.Section} also caps {name} at {c.Limit} visits per industrial injury for injuries on or after {Date(rule.Row.InjuryOnOrAfter ?? default)}" +
                $"{(x.Item.Item.EmployerAuthorizedVisits > 0 ? $", counting the {x.Item.Item.EmployerAuthorizedVisits} more the employer authorized in writing" : "")}; " +
                $"{c.Prior} earlier and {c.Requested} requested visits come to {c.Prior + c.Requested}."),
            Reason.WithinCap => p.Write($"The total stays within the {c.Limit}-visit cap of {rule!.Row.Section} ({c.Prior + c.Requested} of {c.Limit})."),
            Reason.PostSurgicalExempt => p.Write("Post-surgical physical medicine does not count toward the statutory visit cap."),
            Reason.RunsPastPostSurgicalPeriod =>
                p.Write($"The post-surgical period after {ProcedureName(g, c.Subject)} ends on {Date(x.Item.Facts.PostSurgicalPeriodEnd ?? default)}, and at the " +
                $"schedule requested only {Count(Math.Max(0, c.Allow), UnitWords.Of(x.Unit, 1), x.Unit)} of the {c.Requested} fall within it; the post-surgical table does not reach past that date."),
            _ => false,
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
        return row.RepeatRequiresMedicationReduction ? need + " with less medication" : need;
    }

    private static string Relief(in CriterionResult c) => (c.Prior, c.Requested) switch
    {
        ( < 0, _) => "relief the record does not quantify",
        (var p, < 0) => $"{p}% relief for an unrecorded time",
        (var p, var w) => $"{p}% relief lasting {Count(w, "week")}",
    };

    // ------------------------------------------------------------------ findings and the conclusion

    public static bool Finding(DetailText p, Context x, in FindingResult f)
    {
        var g = x.G;
        return f.Code switch
        {
            FindingCode.NonMtusCitedWhereMtusAddresses =>
                p.Write($"The claims administrator relied on {f.Subject}, which is not part of the MTUS; because the MTUS addresses " +
                $"{TreatmentName(g, x.Item.Item.Treatment)}, the MTUS governs this decision{(f.Rule is null ? "" : $" ({f.Rule.Row.Section})")}."),
            FindingCode.PostSurgicalPeriodEnded =>
                p.Write($"The post-surgical period after {ProcedureName(g, f.Subject)} ended on {Date(x.Item.Facts.PostSurgicalPeriodEnd ?? default)}, so the chronic pain guidelines govern."),
            FindingCode.PostSurgicalCourseNotListed =>
                p.Write($"The post-surgical table lists no course for {ProcedureName(g, f.Subject)}; it gives only a presumptive " +
                $"{MonthsAdjective(f.Rule?.Row.PostSurgicalPeriodMonths ?? 6)} period of post-surgical care."),
            FindingCode.ItemRegionOutsideSurgery =>
                p.Write($"The request is for a body region other than the one treated by {ProcedureName(g, f.Subject)}, so the post-surgical table does not govern it."),
            FindingCode.TreatmentOutsidePostSurgicalGuidelines =>
                p.Write($"The post-surgical guidelines do not address {TreatmentName(g, x.Item.Item.Treatment)}, so it is decided under the chronic pain guidelines."),
            FindingCode.CareTypeNotDistinguished => p.Write("The guidelines set no separate course for this type of care."),
            FindingCode.ConditionGroupMatched when f.Subject is { } why =>
                p.Write($"Of the diagnoses on record, {x.Decision.Request.Clinical.Diagnoses[f.Index].Code} ({f.Rule?.ConditionDescription}) " +
                $"decides the course, because {why}."),
            FindingCode.PhaseSetBySurgeryDate =>
                p.Write($"Although the request was sent as {PhaseWords((Phase)f.Index)}, it falls within the post-surgical period after " +
                $"{ProcedureName(g, f.Subject)}, so the post-surgical table governs it."),
            FindingCode.PriorWithoutRegionCounted =>
                p.Write($"Of these, {Count(f.Index, UnitWords.Of(x.Unit, 1), x.Unit)} {(f.Index == 1 ? "is" : "are")} recorded without a body region and " +
                $"{(f.Index == 1 ? "counts" : "count")} toward this course, since the {ItemRegions(x)} " +
                $"{(ItemRegionCount(x) == 1 ? "is the only body region" : "are the only body regions")} on the claim."),
            FindingCode.PriorWithoutRegionNotCounted =>
                p.Write($"The record also lists {Quantity(x, f.Index)} without a body region; because the claim also involves the " +
                $"{RegionName(g, f.Subject ?? "")}, {(f.Index == 1 ? "it" : "they")} cannot be attributed to the {ItemRegions(x)} and " +
                $"{(f.Index == 1 ? "does" : "do")} not count toward this course."),
            FindingCode.CareTypeDoesNotLiftExclusion =>
                p.Write($"Calling the request {CareWords(x.Item.Item.CareType)} does not change this: the exclusion of the " +
                $"{RegionName(g, f.Subject ?? "")} holds whatever kind of care is asked for."),
            _ => false,
        };
    }

    /// <summary>Said whenever a row the decision rests on has not been checked against the DWC text.</summary>
    public static bool Unverified(DetailText p, Context x)
    {
        List<string>? ids = null;
        foreach (var rule in x.Item.Citations)
        {
            if (!rule.Verified)
            {
                (ids ??= []).Add(rule.Id);
            }
        }
        if (ids is null)
        {
            return false;
        }
        var rows = ids.Count == 1 ? $"row {ids[0]}" : $"rows {List(ids)}";
        return p.Write($"This decision relies on guideline {rows} of version {x.G.Version.Id}, which no editor has yet checked against " +
               $"the DWC text; {(ids.Count == 1 ? "its figures are" : "their figures are")} as transcribed from the reference.");
    }

    public static bool Conclusion(DetailText p, Context x)
    {
        var item = x.Item;
        var description = x.Description;
        return item.Determination switch
        {
            Determination.MedicallyNecessary => p.Write($"Therefore, the request for {description} is medically necessary."),
            Determination.Modified =>
                p.Write($"Therefore, the request for {description} is medically necessary in part: {item.ApprovableQuantity} of the " +
                $"{Count(item.Item.Quantity, UnitWords.Of(x.Unit, 1), x.Unit)} requested {(item.ApprovableQuantity == 1 ? "is" : "are")} certified."),
            Determination.InsufficientInformation =>
                p.Write($"Therefore, the request for {description} cannot be decided on this record and is pended for the documents listed."),
            Determination.PhysicianReviewRequired => p.Write($"Therefore, the request for {description} is referred to a physician reviewer."),
            _ => p.Write($"Therefore, the request for {description} is not medically necessary."),
        };
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>"the MTUS Chronic Pain Medical Treatment Guidelines (page 99)"; the subject of most sentences.</summary>
    public static string Where(CompiledRule rule) => rule.WhereText;

    /// <summary>"The MTUS Chronic Pain Medical Treatment Guidelines (page 99)", opening a sentence.</summary>
    public static string WhereCapitalized(CompiledRule rule) => rule.WhereTextCapitalized;

    /// <summary>The verb form that agrees with a guideline's name ("Guidelines support", "Labor Code sets").</summary>
    public static string Verb(CompiledRule rule, string plural, string singular) => rule.NameIsPlural ? plural : singular;

    /// <summary>"6 visits", "1 month", "2 epidural steroid injections" (no "injections of injections").</summary>
    public static string Quantity(in Context x, int count)
    {
        var name = TreatmentName(x.G, x.Item.Item.Treatment);
        if (name.EndsWith(x.Unit, StringComparison.Ordinal))
        {
            return count == 1 ? $"1 {UnitWords.Of(name, 1)}" : $"{count} {name}";
        }
        return $"{Count(count, UnitWords.Of(x.Unit, 1), x.Unit)} of {name}";
    }

    private static string MonthsAdjective(int months) => $"{months}-month";

    private static bool HasFinding(in Context x, FindingCode code)
    {
        foreach (var f in x.Item.Findings)
        {
            if (f.Code == code)
            {
                return true;
            }
        }
        return false;
    }

    private static IReadOnlyList<string> RegionsOf(in Context x) =>
        x.Item.Item.BodyRegions.Count > 0 ? x.Item.Item.BodyRegions : x.Decision.Request.Clinical.BodyRegions;

    private static string ItemRegions(in Context x)
    {
        var g = x.G;
        return List(RegionsOf(x).Select(r => RegionName(g, r)).ToList());
    }

    private static int ItemRegionCount(in Context x) => RegionsOf(x).Count;

    private static string CareWords(CareType care) => care switch
    {
        CareType.FlareUp => "flare-up care",
        CareType.Maintenance => "maintenance care",
        _ => "therapeutic care",
    };

    private static string ConditionClause(CompiledRule rule) =>
        rule.ConditionDescription is { } c ? $" for {c}" : "";
}

/// <summary>What a sentence template may read: the case decision, the item and its unit.</summary>
internal readonly record struct Context(CaseDecision Decision, ItemDecision Item, string Unit, string Description)
{
    public CompiledGuideline G => Decision.Guideline;
}
