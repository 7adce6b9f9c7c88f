namespace ImrGrpc.Engine.Evaluation;

/// <summary>The contract's criterion codes and their plain-English labels.</summary>
public static class CriterionCodes
{
    public static string Code(CriterionCode code) => code switch
    {
        CriterionCode.Recommended => "recommended",
        CriterionCode.Indication => "indication",
        CriterionCode.TrialCourse => "trial_course",
        CriterionCode.RecommendedCourse => "recommended_course",
        CriterionCode.PerSessionLimit => "per_session_limit",
        CriterionCode.Frequency => "frequency",
        CriterionCode.CourseWeeks => "course_weeks",
        CriterionCode.FunctionalImprovement => "functional_improvement",
        CriterionCode.RepeatResponse => "repeat_response",
        CriterionCode.TreatmentInterval => "treatment_interval",
        CriterionCode.ReturnToWork => "return_to_work",
        CriterionCode.TimeSinceInjury => "time_since_injury",
        CriterionCode.AdjunctActiveTherapy => "adjunct_active_therapy",
        CriterionCode.AdjunctProgram => "adjunct_program",
        CriterionCode.PassiveModalitySparing => "passive_modality_sparing",
        CriterionCode.StatutoryCap => "statutory_cap",
        CriterionCode.PostSurgicalPeriod => "post_surgical_period",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    public static string Label(CriterionCode code) => code switch
    {
        CriterionCode.Recommended => "recommended for this case",
        CriterionCode.Indication => "indication",
        CriterionCode.TrialCourse => "trial course",
        CriterionCode.RecommendedCourse => "recommended course",
        CriterionCode.PerSessionLimit => "per-session limit",
        CriterionCode.Frequency => "frequency",
        CriterionCode.CourseWeeks => "weeks of the course",
        CriterionCode.FunctionalImprovement => "functional improvement",
        CriterionCode.RepeatResponse => "response to the prior injection",
        CriterionCode.TreatmentInterval => "interval since the last session",
        CriterionCode.ReturnToWork => "return to work",
        CriterionCode.TimeSinceInjury => "time since injury",
        CriterionCode.AdjunctActiveTherapy => "adjunct to active therapy",
        CriterionCode.AdjunctProgram => "adjunct to a program",
        CriterionCode.PassiveModalitySparing => "sparing use of passive care",
        CriterionCode.StatutoryCap => "statutory visit cap",
        CriterionCode.PostSurgicalPeriod => "post-surgical period",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    /// <summary>The finding codes of the contract.</summary>
    public static string Code(FindingCode code) => code switch
    {
        FindingCode.ConditionGroupMatched => "condition_group_matched",
        FindingCode.DefaultRowApplied => "default_row_applied",
        FindingCode.NonMtusGuidelineApplied => "non_mtus_guideline_applied",
        FindingCode.NonMtusCitedWhereMtusAddresses => "non_mtus_cited_where_mtus_addresses",
        FindingCode.PostSurgicalRowApplied => "post_surgical_row_applied",
        FindingCode.InitialCourseDerived => "initial_course_derived",
        FindingCode.PostSurgicalPeriodEnded => "post_surgical_period_ended",
        FindingCode.PostSurgicalCourseNotListed => "post_surgical_course_not_listed",
        FindingCode.ItemRegionOutsideSurgery => "item_region_outside_surgery",
        FindingCode.TreatmentOutsidePostSurgicalGuidelines => "treatment_outside_post_surgical_guidelines",
        FindingCode.CareTypeNotDistinguished => "care_type_not_distinguished",
        FindingCode.CareTypeDoesNotLiftExclusion => "care_type_does_not_lift_exclusion",
        FindingCode.PhaseSetBySurgeryDate => "phase_set_by_surgery_date",
        FindingCode.NoGuidelineAddresses => "no_guideline_addresses",
        FindingCode.TreatmentEntryCited => "treatment_entry_cited",
        FindingCode.PriorWithoutRegionCounted => "prior_without_region_counted",
        FindingCode.PriorWithoutRegionNotCounted => "prior_without_region_not_counted",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };
}
