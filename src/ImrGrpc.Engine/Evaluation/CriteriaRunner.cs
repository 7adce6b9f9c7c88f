using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Evaluation;

/// <summary>
/// Runs the criteria a recommended governing row calls for. The core criteria are always reported (not applicable
/// when the row does not use them); family-specific ones (indication, injection response, intervals) only when the
/// row has the column that asks for them.
/// </summary>
internal static class CriteriaRunner
{
    /// <param name="otherRegion">The claim's region beyond the item's (<see cref="PriorCounter.RegionBeyond"/>), worked out
    /// once per item by the caller: the course tally and the passive-care share both need it.</param>
    public static void Run(
        CaseContext context,
        RequestedItem item,
        CompiledRule governing,
        Phase phase,
        PriorTally tally,
        string? otherRegion,
        bool postSurgicalGoverns,
        bool capExempt,
        DateOnly? postSurgicalEnd,
        TraceBuffer<CriterionResult> criteria)
    {
        var g = context.Guideline;
        var request = context.Request;
        var clinical = request.Clinical;
        var row = governing.Row;
        var quantity = item.Quantity;
        var episode = row.CourseScope == CourseScope.Episode;
        var prior = episode ? 0 : tally.Count;

        if (row.Indication == Indication.Radiculopathy)
        {
            criteria.Add(Radiculopathy(clinical.Radiculopathy, governing));
        }
        if (row.IndicatedConditionGroups.Count > 0)
        {
            criteria.Add(IndicatedCondition(g, clinical, governing));
        }

        // Trial (or initial post-surgical) course: the first sessions, before improvement can be judged.
        var withinTrial = false;
        if (episode)
        {
            criteria.Add(new(CriterionCode.TrialCourse, CriterionStatus.NotApplicable, Reason.EpisodeNoTrial, governing));
        }
        else if (governing.Trial is { } trial)
        {
            if (prior >= trial)
            {
                criteria.Add(new(CriterionCode.TrialCourse, CriterionStatus.NotApplicable, Reason.TrialCompleted, governing, prior, quantity, trial));
            }
            else
            {
                withinTrial = prior + quantity <= trial;
                criteria.Add(new(CriterionCode.TrialCourse, withinTrial ? CriterionStatus.Met : CriterionStatus.NotMet,
                    withinTrial ? Reason.WithinTrial : Reason.ExceedsTrial, governing, prior, quantity, trial, trial - prior, QuantityBound: true));
            }
        }
        else
        {
            criteria.Add(new(CriterionCode.TrialCourse, CriterionStatus.NotApplicable, Reason.NoTrialInRow, governing));
        }

        // The whole recommended course. Within the post-surgical period a row may let care go past the general course
        // once functional improvement is documented (8 CCR 9792.24.3(c)); the period itself still bounds it.
        // A row that sets no number of visits may take it from another row (max_visits_from); that row is the one cited.
        if (governing.MaxVisits is { } max)
        {
            var courseRule = governing.MaxSource ?? governing;
            var within = prior + quantity <= max;
            if (!within && postSurgicalGoverns && row.ExtendsWithImprovement && context.Function.Overall == Evaluation.Tri.Yes)
            {
                criteria.Add(new(CriterionCode.RecommendedCourse, CriterionStatus.Met, Reason.BeyondCourseWithImprovement, courseRule, prior, quantity, max));
            }
            else
            {
                criteria.Add(new(CriterionCode.RecommendedCourse, within ? CriterionStatus.Met : CriterionStatus.NotMet,
                    within ? Reason.WithinCourse : Reason.ExceedsCourse, courseRule, prior, quantity, max, max - prior, QuantityBound: true));
            }
        }
        else
        {
            criteria.Add(new(CriterionCode.RecommendedCourse, CriterionStatus.NotApplicable, Reason.NoFixedMaximum, governing, prior, quantity));
        }

        if (row.MaxPerSession is { } perSession)
        {
            var within = quantity <= perSession;
            criteria.Add(new(CriterionCode.PerSessionLimit, within ? CriterionStatus.Met : CriterionStatus.NotMet,
                within ? Reason.WithinSessionLimit : Reason.ExceedsSessionLimit, governing, 0, quantity, perSession, perSession, QuantityBound: true));
        }

        // Courses are stated per week (CPMTG p. 99: visits over weeks). Too many a week is modifiable in UR: the same
        // weeks at the most the row allows a week.
        var requestedWeeks = item.DurationWeeks is { } dw and > 0 ? dw
            : item.FrequencyPerWeek is { } fw and > 0 ? (quantity + fw - 1) / fw : 0;
        if (row.FrequencyPerWeekMax is { } maxFrequency && item.FrequencyPerWeek is { } frequency and > 0)
        {
            var within = frequency <= maxFrequency;
            criteria.Add(within
                ? new(CriterionCode.Frequency, CriterionStatus.Met, Reason.WithinFrequency, governing, 0, frequency, maxFrequency)
                : new(CriterionCode.Frequency, CriterionStatus.NotMet, Reason.ExceedsFrequency, governing, 0, frequency, maxFrequency,
                    maxFrequency * requestedWeeks, QuantityBound: true));
        }

        // A request spread over more weeks than the whole course spans goes past the course; in UR the visits of the
        // course's weeks are what fit.
        if (row.OverWeeks is { } courseWeeks && item.DurationWeeks is { } weeks and > 0 && !episode)
        {
            var fit = item.FrequencyPerWeek is { } perWeek and > 0 ? perWeek * courseWeeks : (int)((long)quantity * courseWeeks / weeks);
            criteria.Add(weeks <= courseWeeks
                ? new(CriterionCode.CourseWeeks, CriterionStatus.Met, Reason.WithinCourseWeeks, governing, 0, weeks, courseWeeks)
                : new(CriterionCode.CourseWeeks, CriterionStatus.NotMet, Reason.ExceedsCourseWeeks, governing, 0, weeks, courseWeeks,
                    Math.Min(fit, quantity), QuantityBound: true));
        }

        criteria.Add(FunctionalImprovement(context, item, governing, phase, tally, episode, withinTrial, prior));

        if (row.RepeatMinReliefPercent is not null)
        {
            criteria.Add(RepeatResponse(governing, tally));
        }

        if (row.MinIntervalMonths is { } months)
        {
            criteria.Add(Interval(request.RequestDate, governing, tally, months));
        }

        if (row.RequiresReturnToWork)
        {
            var status = clinical.CurrentFunction?.WorkStatus ?? WorkStatus.Unknown;
            criteria.Add(status switch
            {
                WorkStatus.ModifiedDuty or WorkStatus.FullDuty => new(CriterionCode.ReturnToWork, CriterionStatus.Met, Reason.ReturnedToWork, governing),
                WorkStatus.OffWork => new(CriterionCode.ReturnToWork, CriterionStatus.NotMet, Reason.NotReturnedToWork, governing),
                _ => new(CriterionCode.ReturnToWork, CriterionStatus.Unknown, Reason.WorkStatusUndocumented, governing),
            });
        }

        if (row.MinMonthsSinceInjury is not null || row.MaxMonthsSinceInjury is not null)
        {
            criteria.Add(TimeSinceInjury(request, governing));
        }

        criteria.Add(Adjunct(context, item, governing));
        criteria.Add(PassiveSparing(context, item, governing, phase, quantity, otherRegion));
        criteria.Add(StatutoryCap(context, item, capExempt, postSurgicalEnd));
    }

    private static CriterionResult Radiculopathy(RadiculopathyFindings findings, CompiledRule rule)
    {
        var corroborated = FunctionalAssessment.Or(Tri(findings.ImagingCorroborated), Tri(findings.ElectrodiagnosticCorroborated));
        var documented = FunctionalAssessment.And(Tri(findings.ExamFindings), corroborated);
        return documented switch
        {
            Evaluation.Tri.Yes => new(CriterionCode.Indication, CriterionStatus.Met, Reason.RadiculopathyCorroborated, rule),
            Evaluation.Tri.No => new(CriterionCode.Indication, CriterionStatus.NotMet, Reason.RadiculopathyNotCorroborated, rule),
            _ => new(CriterionCode.Indication, CriterionStatus.Unknown, Reason.RadiculopathyUndocumented, rule),
        };
    }

    /// <summary>
    /// A row indicated only for listed conditions: some diagnosis on record must map to one of them (the first that does
    /// is named). No diagnosis at all leaves the indication undocumented rather than absent.
    /// </summary>
    private static CriterionResult IndicatedCondition(CompiledGuideline g, ClinicalFacts clinical, CompiledRule rule)
    {
        var diagnoses = clinical.Diagnoses;
        if (diagnoses.Count == 0)
        {
            return new(CriterionCode.Indication, CriterionStatus.Unknown, Reason.IndicatedConditionUndocumented, rule);
        }
        for (var i = 0; i < diagnoses.Count; i++)
        {
            if (g.ConditionGroupOf(diagnoses[i].Code) is { } group && CompiledGuideline.Contains(rule.Row.IndicatedConditionGroups, group.Code))
            {
                return new(CriterionCode.Indication, CriterionStatus.Met, Reason.IndicatedConditionDocumented, rule, Prior: i, Subject: group.Code);
            }
        }
        return new(CriterionCode.Indication, CriterionStatus.NotMet, Reason.IndicatedConditionAbsent, rule);
    }

    private static Tri Tri(bool? value) => value switch
    {
        true => Evaluation.Tri.Yes,
        false => Evaluation.Tri.No,
        _ => Evaluation.Tri.Unknown,
    };

    private static CriterionResult FunctionalImprovement(
        CaseContext context, RequestedItem item, CompiledRule governing, Phase phase, PriorTally tally, bool episode, bool withinTrial, int prior)
    {
        var g = context.Guideline;
        var principle = g.Principle(PrincipleCodes.FunctionalImprovement, item.Treatment, phase)
            ?? g.Principle(PrincipleCodes.FunctionalImprovementDefinition, item.Treatment, phase)
            ?? governing;
        if (!governing.Row.RequiresFunctionalImprovement || episode)
        {
            return new(CriterionCode.FunctionalImprovement, CriterionStatus.NotApplicable, Reason.ImprovementNotRequired, null);
        }
        if (tally.Count == 0)
        {
            return new(CriterionCode.FunctionalImprovement, CriterionStatus.NotApplicable, Reason.FirstCourse, null, prior, item.Quantity);
        }
        if (withinTrial || (governing.Trial is { } trial && prior < trial))
        {
            return new(CriterionCode.FunctionalImprovement, CriterionStatus.NotApplicable, Reason.StillWithinTrial, null, prior, item.Quantity, governing.Trial ?? 0);
        }
        return context.Function.Overall switch
        {
            Evaluation.Tri.Yes => new(CriterionCode.FunctionalImprovement, CriterionStatus.Met, Reason.ImprovementShown, principle, prior, item.Quantity),
            Evaluation.Tri.No => new(CriterionCode.FunctionalImprovement, CriterionStatus.NotMet, Reason.ImprovementNotShown, principle, prior, item.Quantity),
            _ => new(CriterionCode.FunctionalImprovement, CriterionStatus.Unknown, Reason.ImprovementUndocumented, principle, prior, item.Quantity),
        };
    }

    private static CriterionResult RepeatResponse(CompiledRule governing, PriorTally tally)
    {
        var row = governing.Row;
        if (tally.Count == 0 || tally.Last is not { } last)
        {
            return new(CriterionCode.RepeatResponse, CriterionStatus.NotApplicable, Reason.FirstInjection, governing);
        }
        var minPercent = row.RepeatMinReliefPercent ?? 0;
        var relief = last.PainReliefPercent is { } percent ? (percent >= minPercent ? Evaluation.Tri.Yes : Evaluation.Tri.No) : Evaluation.Tri.Unknown;
        var lasted = row.RepeatMinReliefWeeks is not { } minWeeks ? Evaluation.Tri.Yes
            : last.ReliefDurationWeeks is { } weeks ? (weeks >= minWeeks ? Evaluation.Tri.Yes : Evaluation.Tri.No) : Evaluation.Tri.Unknown;
        var medication = !row.RepeatRequiresMedicationReduction ? Evaluation.Tri.Yes : Tri(last.MedicationReduced);
        var all = FunctionalAssessment.And(FunctionalAssessment.And(relief, lasted), medication);
        return all switch
        {
            Evaluation.Tri.Yes => new(CriterionCode.RepeatResponse, CriterionStatus.Met, Reason.ResponseSufficient, governing, last.PainReliefPercent ?? 0, last.ReliefDurationWeeks ?? 0, minPercent),
            Evaluation.Tri.No => new(CriterionCode.RepeatResponse, CriterionStatus.NotMet, Reason.ResponseInsufficient, governing, last.PainReliefPercent ?? -1, last.ReliefDurationWeeks ?? -1, minPercent),
            _ => new(CriterionCode.RepeatResponse, CriterionStatus.Unknown, Reason.ResponseUndocumented, governing, last.PainReliefPercent ?? -1, last.ReliefDurationWeeks ?? -1, minPercent),
        };
    }

    private static CriterionResult Interval(DateOnly requestDate, CompiledRule governing, PriorTally tally, int months)
    {
        if (tally.Count == 0 && tally.Last is null)
        {
            return new(CriterionCode.TreatmentInterval, CriterionStatus.NotApplicable, Reason.NoEarlierTreatment, governing, Limit: months);
        }
        if (tally.LastDate is not { } last)
        {
            return new(CriterionCode.TreatmentInterval, CriterionStatus.Unknown, Reason.IntervalUndocumented, governing, Limit: months);
        }
        var elapsed = MonthsBetween(last, requestDate);
        return last.AddMonths(months) <= requestDate
            ? new(CriterionCode.TreatmentInterval, CriterionStatus.Met, Reason.IntervalSufficient, governing, elapsed, 0, months)
            : new(CriterionCode.TreatmentInterval, CriterionStatus.NotMet, Reason.IntervalTooShort, governing, elapsed, 0, months);
    }

    private static CriterionResult TimeSinceInjury(CaseRequest request, CompiledRule governing)
    {
        var row = governing.Row;
        var months = MonthsBetween(request.InjuryDate, request.RequestDate);
        if (row.MinMonthsSinceInjury is { } min && request.InjuryDate.AddMonths(min) > request.RequestDate)
        {
            return new(CriterionCode.TimeSinceInjury, CriterionStatus.NotMet, Reason.TooSoonAfterInjury, governing, months, 0, min);
        }
        if (row.MaxMonthsSinceInjury is { } max && request.InjuryDate.AddMonths(max) < request.RequestDate)
        {
            return new(CriterionCode.TimeSinceInjury, CriterionStatus.NotMet, Reason.TooLongAfterInjury, governing, months, 0, max);
        }
        return new(CriterionCode.TimeSinceInjury, CriterionStatus.Met, Reason.WithinTimeSinceInjury, governing, months, 0,
            row.MaxMonthsSinceInjury ?? row.MinMonthsSinceInjury ?? 0);
    }

    /// <summary>Whole months from one date to a later one.</summary>
    internal static int MonthsBetween(DateOnly from, DateOnly to)
    {
        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        return from.AddMonths(months) > to ? months - 1 : months;
    }

    private static CriterionResult Adjunct(CaseContext context, RequestedItem item, CompiledRule governing)
    {
        var row = governing.Row;
        var g = context.Guideline;
        var request = context.Request;
        switch (row.Adjunct)
        {
            case AdjunctRequirement.ActiveTherapy:
            {
                if (request.Clinical.HomeExerciseProgram == true)
                {
                    return new(CriterionCode.AdjunctActiveTherapy, CriterionStatus.Met, Reason.AdjunctHomeExercise, governing);
                }
                if (ConcurrentItem(g, request, item, program: null) is { } concurrent)
                {
                    return new(CriterionCode.AdjunctActiveTherapy, CriterionStatus.Met, Reason.AdjunctConcurrentItem, governing, Subject: concurrent);
                }
                if (OngoingPrior(g, request, program: null) is { } ongoing)
                {
                    return new(CriterionCode.AdjunctActiveTherapy, CriterionStatus.Met, Reason.AdjunctOngoingTreatment, governing, Subject: ongoing);
                }
                return request.Clinical.HomeExerciseProgram == false
                    ? new(CriterionCode.AdjunctActiveTherapy, CriterionStatus.NotMet, Reason.AdjunctAbsent, governing)
                    : new(CriterionCode.AdjunctActiveTherapy, CriterionStatus.Unknown, Reason.AdjunctUndocumented, governing);
            }
            case AdjunctRequirement.Program when row.AdjunctTreatment is { } program:
            {
                if (ConcurrentItem(g, request, item, program) is { } concurrent)
                {
                    return new(CriterionCode.AdjunctProgram, CriterionStatus.Met, Reason.AdjunctConcurrentItem, governing, Subject: concurrent);
                }
                if (OngoingPrior(g, request, program) is { } ongoing)
                {
                    return new(CriterionCode.AdjunctProgram, CriterionStatus.Met, Reason.AdjunctOngoingTreatment, governing, Subject: ongoing);
                }
                return new(CriterionCode.AdjunctProgram, CriterionStatus.NotMet, Reason.AdjunctAbsent, governing, Subject: program);
            }
            default:
                return new(CriterionCode.AdjunctActiveTherapy, CriterionStatus.NotApplicable, Reason.AdjunctNotRequired, null);
        }
    }

    /// <summary>Whether a treatment satisfies an adjunct: the named program, or any active therapy when none is named.</summary>
    private static bool Qualifies(CompiledGuideline g, string treatment, string? program) =>
        program is null
            ? g.Treatments.TryGetValue(treatment, out var info) && info.Active
            : string.Equals(treatment, program, StringComparison.Ordinal);

    /// <summary>Another item of the same request whose treatment qualifies.</summary>
    private static string? ConcurrentItem(CompiledGuideline g, CaseRequest request, RequestedItem item, string? program)
    {
        var items = request.Items;
        for (var i = 0; i < items.Count; i++)
        {
            var other = items[i];
            if (!ReferenceEquals(other, item) && Qualifies(g, other.Treatment, program))
            {
                return other.Treatment;
            }
        }
        return null;
    }

    /// <summary>Days after its last session that a prior treatment still counts as ongoing.</summary>
    internal const int OngoingDays = 30;

    private static string? OngoingPrior(CompiledGuideline g, CaseRequest request, string? program)
    {
        var cutoff = request.RequestDate.AddDays(-OngoingDays);
        var priors = request.PriorTreatments;
        for (var i = 0; i < priors.Count; i++)
        {
            var prior = priors[i];
            if (Qualifies(g, prior.Treatment, program) && prior.StartDate is not null && (prior.EndDate is null || prior.EndDate >= cutoff))
            {
                return prior.Treatment;
            }
        }
        return null;
    }

    private static CriterionResult PassiveSparing(CaseContext context, RequestedItem item, CompiledRule governing, Phase phase, int quantity, string? otherRegion)
    {
        var g = context.Guideline;
        if (!g.Treatments.TryGetValue(item.Treatment, out var info) || !info.Passive)
        {
            return new(CriterionCode.PassiveModalitySparing, CriterionStatus.NotApplicable, Reason.NotPassive, null);
        }
        if (phase != Phase.Chronic)
        {
            return new(CriterionCode.PassiveModalitySparing, CriterionStatus.NotApplicable, Reason.NotChronicPhase, null);
        }
        if (g.Principle(PrincipleCodes.PassiveModalitySparing, item.Treatment, Phase.Chronic) is not { } principle)
        {
            return new(CriterionCode.PassiveModalitySparing, CriterionStatus.NotApplicable, Reason.NoPassivePrinciple, null);
        }
        if ((governing.MaxVisits ?? governing.Trial) is not { } limit)
        {
            return new(CriterionCode.PassiveModalitySparing, CriterionStatus.NotApplicable, Reason.NoFixedMaximum, principle);
        }
        var regions = item.BodyRegions.Count > 0 ? item.BodyRegions : context.Request.Clinical.BodyRegions;
        // A flare-up is its own short episode: earlier courses do not use up its allowance.
        var passivePrior = governing.Row.CourseScope == CourseScope.Episode ? 0 : PriorCounter.Passive(context, governing, regions, otherRegion).Count;
        var within = passivePrior + quantity <= limit;
        return new(CriterionCode.PassiveModalitySparing, within ? CriterionStatus.Met : CriterionStatus.NotMet,
            within ? Reason.PassiveWithinCourse : Reason.PassiveBeyondCourse, principle, passivePrior, quantity, limit, limit - passivePrior, QuantityBound: true);
    }

    private static CriterionResult StatutoryCap(CaseContext context, RequestedItem item, bool postSurgicalExempt, DateOnly? postSurgicalEnd)
    {
        var g = context.Guideline;
        var request = context.Request;
        var cap = g.StatutoryCap(item.Treatment);
        if (cap is null)
        {
            return new(CriterionCode.StatutoryCap, CriterionStatus.NotApplicable, Reason.NoCapForTreatment, null);
        }
        if (postSurgicalExempt)
        {
            var exception = g.Principle(PrincipleCodes.PostSurgicalCapException, item.Treatment, Phase.PostSurgical) ?? cap;
            return new(CriterionCode.StatutoryCap, CriterionStatus.NotApplicable, Reason.PostSurgicalExempt, exception);
        }
        if (cap.Row.InjuryOnOrAfter is { } since && request.InjuryDate < since)
        {
            return new(CriterionCode.StatutoryCap, CriterionStatus.NotApplicable, Reason.InjuryBeforeCap, cap);
        }
        // Labor Code 4604.5(c)(2)(A): the employer may authorize visits past the cap in writing.
        var limit = cap.Row.MaxVisits is { } max ? max + item.EmployerAuthorizedVisits : int.MaxValue;
        var prior = PriorCounter.Cap(context, cap, request.Clinical.Surgery, postSurgicalEnd).Count;
        var within = prior + item.Quantity <= limit;
        return new(CriterionCode.StatutoryCap, within ? CriterionStatus.Met : CriterionStatus.NotMet,
            within ? Reason.WithinCap : Reason.ExceedsCap, cap, prior, item.Quantity, limit, limit - prior, QuantityBound: true);
    }
}
