using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Evaluation;

/// <summary>
/// Decides one item: picks the governing row (post-surgical table, then MTUS, then non-MTUS under the evidence
/// hierarchy), counts what the worker already received, and runs every criterion the row's columns call for.
/// </summary>
internal static class ItemEvaluator
{
    public static ItemDecision Evaluate(CaseContext context, RequestedItem item, int index)
    {
        var criteria = context.Criteria;
        var findings = context.Findings;
        try
        {
            return Decide(context, item, index, criteria, findings);
        }
        finally
        {
            criteria.Reset();
            findings.Reset();
        }
    }

    private static ItemDecision Decide(
        CaseContext context, RequestedItem item, int index, TraceBuffer<CriterionResult> criteria, TraceBuffer<FindingResult> findings)
    {
        var g = context.Guideline;
        var request = context.Request;
        var clinical = request.Clinical;
        var regions = item.BodyRegions.Count > 0 ? item.BodyRegions : clinical.BodyRegions;
        var phase = clinical.Phase == Phase.Any ? Phase.Chronic : clinical.Phase;
        var hierarchy = g.Principle(PrincipleCodes.EvidenceHierarchy, item.Treatment, phase);

        // 1. Post-surgical care: the procedure's row governs while the request falls in its period.
        CompiledRule? governing = null;
        var postGoverns = false;
        var postWithoutCourse = false;
        DateOnly? periodEnd = null;
        var postCriterion = new CriterionResult(CriterionCode.PostSurgicalPeriod, CriterionStatus.NotApplicable, Reason.NotPostSurgical, null);
        if (clinical.Surgery is { } surgery)
        {
            var rows = g.PostSurgicalRows(item.Treatment, surgery.Procedure);
            // No row for the procedure: a row for care after any surgery (post-operative TENS) may still apply.
            var listed = rows.Length > 0;
            var postRow = listed ? FirstCovering(g, rows, regions) : FirstCovering(g, AnySurgeryRows(g, item), regions);
            var periodRule = postRow ?? g.Principle(PrincipleCodes.PostSurgicalDefaultPeriod, item.Treatment, Phase.PostSurgical);
            if (periodRule?.Row.PostSurgicalPeriodMonths is { } months)
            {
                periodEnd = surgery.Date.AddMonths(months);
            }
            if (phase == Phase.PostSurgical)
            {
                if (periodRule is null)
                {
                    findings.Add(new FindingResult(FindingCode.TreatmentOutsidePostSurgicalGuidelines, null, item.Treatment));
                    phase = Phase.Chronic;
                }
                else if (listed && postRow is null)
                {
                    findings.Add(new FindingResult(FindingCode.ItemRegionOutsideSurgery, rows[0], surgery.Procedure));
                    phase = Phase.Chronic;
                }
                else if (periodEnd is { } end && request.RequestDate <= end)
                {
                    postCriterion = WithinPeriod(request, item, periodRule, surgery, end);
                    if (postRow is not null)
                    {
                        governing = postRow;
                        postGoverns = true;
                        findings.Add(new FindingResult(FindingCode.PostSurgicalRowApplied, postRow, surgery.Procedure));
                        if (postRow.TrialDerived)
                        {
                            findings.Add(new FindingResult(FindingCode.InitialCourseDerived, postRow));
                        }
                    }
                    else
                    {
                        postWithoutCourse = true;
                        findings.Add(new FindingResult(FindingCode.PostSurgicalCourseNotListed, periodRule, surgery.Procedure));
                    }
                }
                else
                {
                    postCriterion = new CriterionResult(CriterionCode.PostSurgicalPeriod, CriterionStatus.NotApplicable, Reason.PostSurgicalPeriodEnded,
                        periodRule, Limit: periodRule.Row.PostSurgicalPeriodMonths ?? 0, Subject: surgery.Procedure);
                    findings.Add(new FindingResult(FindingCode.PostSurgicalPeriodEnded, periodRule, surgery.Procedure));
                    phase = Phase.Chronic;
                }
            }
            else if (postRow is not null && periodEnd is { } end && surgery.Date <= request.RequestDate && request.RequestDate <= end)
            {
                // The surgery date and the period decide whether the post-surgical rows govern (8 CCR 9792.24.3(b)-(c)),
                // not the phase the caller happened to send.
                findings.Add(new FindingResult(FindingCode.PhaseSetBySurgeryDate, postRow, surgery.Procedure, Index: (int)phase));
                phase = Phase.PostSurgical;
                postCriterion = WithinPeriod(request, item, postRow, surgery, end);
                governing = postRow;
                postGoverns = true;
                findings.Add(new FindingResult(FindingCode.PostSurgicalRowApplied, postRow, surgery.Procedure));
                if (postRow.TrialDerived)
                {
                    findings.Add(new FindingResult(FindingCode.InitialCourseDerived, postRow));
                }
            }
        }

        // 2. Otherwise the course rows for the phase: MTUS first, non-MTUS only where MTUS is silent.
        var matchedDiagnosis = -1;
        if (governing is null && !postWithoutCourse)
        {
            var rows = g.CourseBucket(item.Treatment, phase, item.CareType);
            Selection selection = default;
            var nonMtus = false;
            if (item.CareType != CareType.Therapeutic)
            {
                // A body part the guideline excludes stays excluded whatever the request calls the care (CPMTG pp. 58-59:
                // flare-up care is described for the low back only); where no row of the care type covers the region,
                // the therapeutic rows decide it.
                var therapeutic = g.CourseBucket(item.Treatment, phase, CareType.Therapeutic);
                if (RegionExclusion(g, therapeutic, regions) is { } exclusion)
                {
                    selection = new Selection(exclusion, -1, false);
                    findings.Add(new FindingResult(FindingCode.CareTypeDoesNotLiftExclusion, exclusion, g.FirstCoveredRegion(exclusion.Row, regions)));
                }
                else
                {
                    (selection, nonMtus) = SelectInTiers(context, rows, regions);
                    if (selection.Rule is null && therapeutic.All.Length > 0)
                    {
                        (selection, nonMtus) = SelectInTiers(context, therapeutic, regions);
                        if (selection.Rule is not null)
                        {
                            findings.Add(new FindingResult(FindingCode.CareTypeNotDistinguished, null));
                        }
                    }
                }
            }
            else
            {
                (selection, nonMtus) = SelectInTiers(context, rows, regions);
            }
            if (nonMtus)
            {
                findings.Add(new FindingResult(FindingCode.NonMtusGuidelineApplied, hierarchy, item.Treatment));
            }
            governing = selection.Rule;
            matchedDiagnosis = selection.DiagnosisIndex;
            if (governing is not null)
            {
                if (selection.DefaultApplied)
                {
                    findings.Add(new FindingResult(FindingCode.DefaultRowApplied, governing));
                }
                else if (matchedDiagnosis >= 0)
                {
                    findings.Add(new FindingResult(FindingCode.ConditionGroupMatched, governing, ChoiceWords(selection.Choice), matchedDiagnosis));
                }
            }
        }

        if (governing is null)
        {
            findings.Add(new FindingResult(FindingCode.NoGuidelineAddresses, hierarchy, item.Treatment));
            criteria.Add(new CriterionResult(CriterionCode.Recommended, CriterionStatus.Unknown, Reason.NoGuidelineAddresses, null, Subject: item.Treatment));
            criteria.Add(postCriterion);
            var factsNone = new ItemFacts(phase, 0, null, null, -1, periodEnd, false);
            return Finish(context, item, index, null, criteria, findings, factsNone, forcePhysicianReview: true);
        }

        if (governing.Row.IsMtus)
        {
            var citedList = item.ClaimsAdministratorGuidelines;
            for (var i = 0; i < citedList.Count; i++)
            {
                var cited = citedList[i];
                if (g.ClassifyGuideline(cited) is { Mtus: false })
                {
                    findings.Add(new FindingResult(FindingCode.NonMtusCitedWhereMtusAddresses, hierarchy, cited));
                }
            }
        }

        var otherRegion = PriorCounter.RegionBeyond(context, regions);
        var tally = PriorCounter.Course(context, governing, regions, otherRegion, clinical.Surgery, postGoverns);
        if (tally.UnregionedSkipped > 0)
        {
            findings.Add(new FindingResult(FindingCode.PriorWithoutRegionNotCounted, null, otherRegion, tally.UnregionedSkipped));
        }
        else if (tally.Unregioned > 0)
        {
            findings.Add(new FindingResult(FindingCode.PriorWithoutRegionCounted, null, null, tally.Unregioned));
        }
        if (governing.Row.Role == RuleRole.Course && !governing.Row.NotRecommended &&
            g.Principle(PrincipleCodes.TreatmentEntry, item.Treatment, phase) is { } entry &&
            CompiledGuideline.Contains(entry.Row.Treatments, item.Treatment))
        {
            findings.Add(new FindingResult(FindingCode.TreatmentEntryCited, entry, item.Treatment));
        }
        var facts = new ItemFacts(phase, tally.Count, tally.From, tally.To, matchedDiagnosis, periodEnd, postGoverns);

        if (governing.Row.NotRecommended)
        {
            criteria.Add(new CriterionResult(CriterionCode.Recommended, CriterionStatus.NotMet, Reason.NotRecommended, governing,
                Subject: g.FirstCoveredRegion(governing.Row, regions)));
            criteria.Add(postCriterion);
            return Finish(context, item, index, governing, criteria, findings, facts, forcePhysicianReview: false);
        }

        criteria.Add(new CriterionResult(CriterionCode.Recommended, CriterionStatus.Met, Reason.RecommendedForCase, governing));
        CriteriaRunner.Run(context, item, governing, phase, tally, otherRegion, postGoverns, postGoverns || postWithoutCourse, periodEnd, criteria);
        criteria.Add(postCriterion);
        return Finish(context, item, index, governing, criteria, findings, facts, forcePhysicianReview: false);
    }

    /// <summary>
    /// The post-surgical period bounds the visits it covers: when the request's schedule (per week, or weeks) runs past
    /// the period's end, only the visits that fit before it are post-surgical care. Without a schedule the request is
    /// taken to fit.
    /// </summary>
    private static CriterionResult WithinPeriod(CaseRequest request, RequestedItem item, CompiledRule periodRule, Surgery surgery, DateOnly end)
    {
        var months = periodRule.Row.PostSurgicalPeriodMonths ?? 0;
        var days = end.DayNumber - request.RequestDate.DayNumber + 1;
        var fit = item.Quantity;
        if (item.FrequencyPerWeek is { } perWeek and > 0)
        {
            fit = (int)Math.Min(item.Quantity, (long)days * perWeek / 7);
        }
        else if (item.DurationWeeks is { } weeks and > 0 && weeks * 7 > days)
        {
            fit = (int)((long)item.Quantity * days / (weeks * 7L));
        }
        return fit < item.Quantity
            ? new CriterionResult(CriterionCode.PostSurgicalPeriod, CriterionStatus.NotMet, Reason.RunsPastPostSurgicalPeriod, periodRule,
                Requested: item.Quantity, Limit: months, Allow: fit, QuantityBound: true, Subject: surgery.Procedure)
            : new CriterionResult(CriterionCode.PostSurgicalPeriod, CriterionStatus.Met, Reason.WithinPostSurgicalPeriod, periodRule,
                Limit: months, Subject: surgery.Procedure);
    }

    /// <summary>Why the diagnosis was chosen, for the trace; null when it was the only candidate.</summary>
    private static string? ChoiceWords(DiagnosisChoice choice) => choice switch
    {
        DiagnosisChoice.ItemRegion => "its row is limited to the body region the item treats",
        DiagnosisChoice.SpecificCourse => "it has a course of its own, where the other diagnoses have only the default course",
        DiagnosisChoice.MostSpecificCode => "its code is the most specific of the diagnoses with a course",
        DiagnosisChoice.ListedFirst => "the diagnoses with a course tie on region, course and code, and it is listed first",
        _ => null,
    };

    /// <summary>The MTUS tier first; the non-MTUS tier only where no MTUS row addresses the case.</summary>
    private static (Selection Selection, bool NonMtus) SelectInTiers(CaseContext context, RowBucket rows, IReadOnlyList<string> regions)
    {
        var selection = RowSelector.Select(context, rows, regions, mtus: true);
        if (selection.Rule is not null)
        {
            return (selection, false);
        }
        selection = RowSelector.Select(context, rows, regions, mtus: false);
        return (selection, selection.Rule is not null);
    }

    /// <summary>A not-recommended row limited to body regions that covers one of the item's regions, MTUS first.</summary>
    private static CompiledRule? RegionExclusion(CompiledGuideline g, RowBucket rows, IReadOnlyList<string> regions)
    {
        if (regions.Count == 0)
        {
            return null;
        }
        CompiledRule? fallback = null;
        foreach (var rule in rows.All)
        {
            if (!rule.Row.NotRecommended || !rule.RegionSpecific || rule.Row.ConditionGroup is not null || !g.RowCoversAny(rule.Row, regions))
            {
                continue;
            }
            if (rule.Row.IsMtus)
            {
                return rule;
            }
            fallback ??= rule;
        }
        return fallback;
    }

    /// <summary>Post-surgical rows that name no procedure: care after any operation.</summary>
    private static CompiledRule[] AnySurgeryRows(CompiledGuideline g, RequestedItem item)
    {
        var rows = g.CourseRows(item.Treatment, Phase.PostSurgical, item.CareType);
        var count = 0;
        foreach (var row in rows)
        {
            if (row.Row.Phase == Phase.PostSurgical && row.Row.Procedure is null)
            {
                count++;
            }
        }
        if (count == 0)
        {
            return [];
        }
        var result = new CompiledRule[count];
        var i = 0;
        foreach (var row in rows)
        {
            if (row.Row.Phase == Phase.PostSurgical && row.Row.Procedure is null)
            {
                result[i++] = row;
            }
        }
        return result;
    }

    private static CompiledRule? FirstCovering(CompiledGuideline g, CompiledRule[] rows, IReadOnlyList<string> regions)
    {
        CompiledRule? fallback = null;
        foreach (var row in rows)
        {
            if (!g.RowCoversAny(row.Row, regions))
            {
                continue;
            }
            if (row.Row.IsMtus)
            {
                return row;
            }
            fallback ??= row;
        }
        return fallback;
    }

    private static ItemDecision Finish(
        CaseContext context,
        RequestedItem item,
        int index,
        CompiledRule? governing,
        TraceBuffer<CriterionResult> criteria,
        TraceBuffer<FindingResult> findings,
        ItemFacts facts,
        bool forcePhysicianReview)
    {
        var quantityNotMet = false;
        var otherNotMet = false;
        var unknown = false;
        var allow = item.Quantity;
        foreach (ref readonly var c in criteria.Span)
        {
            switch (c.Status)
            {
                case CriterionStatus.NotMet when c.QuantityBound:
                    quantityNotMet = true;
                    break;
                case CriterionStatus.NotMet:
                    otherNotMet = true;
                    break;
                case CriterionStatus.Unknown:
                    unknown = true;
                    break;
            }
            if (c.QuantityBound && c.Status is CriterionStatus.Met or CriterionStatus.NotMet)
            {
                allow = Math.Min(allow, Math.Max(0, c.Allow));
            }
        }

        var ur = context.Request.ReviewType == ReviewType.Ur;
        Determination determination;
        if (forcePhysicianReview)
        {
            determination = Determination.PhysicianReviewRequired;
        }
        else if (otherNotMet)
        {
            determination = Determination.NotMedicallyNecessary;
        }
        else if (unknown)
        {
            determination = ur ? Determination.InsufficientInformation : Determination.NotMedicallyNecessary;
        }
        else if (quantityNotMet)
        {
            determination = ur && allow > 0 ? Determination.Modified : Determination.NotMedicallyNecessary;
        }
        else
        {
            determination = Determination.MedicallyNecessary;
        }
        var approvable = otherNotMet || unknown || forcePhysicianReview ? 0 : allow;
        var imr = ur ? ImrOutcome.None : determination switch
        {
            Determination.MedicallyNecessary => ImrOutcome.Overturned,
            Determination.PhysicianReviewRequired => ImrOutcome.None,
            _ => ImrOutcome.Upheld,
        };

        var citations = Citations(context, item.Treatment, facts.EffectivePhase, governing, criteria.Span, findings.Span);
        return new ItemDecision(item, index, governing, criteria.ToArray(), findings.ToArray(), citations, facts, determination, imr, approvable);
    }

    /// <summary>Every row the decision rests on, governing row first, each once.</summary>
    private static CompiledRule[] Citations(
        CaseContext context, string treatment, Phase phase, CompiledRule? governing,
        ReadOnlySpan<CriterionResult> criteria, ReadOnlySpan<FindingResult> findings)
    {
        var g = context.Guideline;
        var buffer = context.Citations;
        try
        {
            if (governing is not null)
            {
                buffer.AddDistinct(governing);
                if (governing.TrialSource is { } trialSource)
                {
                    buffer.AddDistinct(trialSource);
                }
            }
            foreach (ref readonly var c in criteria)
            {
                if (c.Rule is null || (c.Status == CriterionStatus.NotApplicable && c.Reason != Reason.PostSurgicalExempt))
                {
                    continue;
                }
                buffer.AddDistinct(c.Rule);
                if (c.Code == CriterionCode.FunctionalImprovement &&
                    g.Principle(PrincipleCodes.FunctionalImprovementDefinition, treatment, phase) is { } definition)
                {
                    buffer.AddDistinct(definition);
                }
            }
            foreach (ref readonly var f in findings)
            {
                if (f.Rule is not null && f.Code is FindingCode.NonMtusGuidelineApplied or FindingCode.NonMtusCitedWhereMtusAddresses
                    or FindingCode.NoGuidelineAddresses or FindingCode.PostSurgicalCourseNotListed or FindingCode.InitialCourseDerived
                    or FindingCode.TreatmentEntryCited)
                {
                    buffer.AddDistinct(f.Rule);
                    if (f.Code == FindingCode.InitialCourseDerived &&
                        g.Principle(PrincipleCodes.PostSurgicalInitialCourse, treatment, Phase.PostSurgical) is { } initial)
                    {
                        buffer.AddDistinct(initial);
                    }
                }
            }
            return buffer.ToRules();
        }
        finally
        {
            buffer.Reset();
        }
    }
}
