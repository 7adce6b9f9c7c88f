using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Model;
using static ImrGrpc.Engine.Evaluation.CriterionCode;
using static ImrGrpc.Engine.Evaluation.CriterionStatus;

namespace ImrGrpc.Engine.Tests;

/// <summary>Each criterion's outcomes, table by table, with the numbers at the boundaries.</summary>
public sealed class CriteriaTests
{
    [Theory]
    [InlineData("knee", NotMet)]
    [InlineData("ankle_foot", NotMet)]
    [InlineData("forearm_wrist_hand", NotMet)]
    [InlineData("lumbar_spine", Met)]
    [InlineData("cervical_spine", Met)]
    public void Manipulation_is_recommended_only_for_regions_not_excluded(string region, CriterionStatus expected)
    {
        var item = CaseBuilder.Chronic().Regions(region).Hep(true).Item("manipulation", 6, region).DecideFirst();
        Assert.Equal(expected, item.Status(Recommended));
        Assert.Equal(expected == Met ? Determination.MedicallyNecessary : Determination.NotMedicallyNecessary, item.Determination);
    }

    [Theory]
    // prior, requested, trial status, course status
    [InlineData(0, 6, Met, Met)]
    [InlineData(0, 7, NotMet, Met)]
    [InlineData(3, 3, Met, Met)]
    [InlineData(3, 4, NotMet, Met)]
    [InlineData(6, 12, NotApplicable, Met)]
    [InlineData(6, 13, NotApplicable, NotMet)]
    public void Manipulation_trial_and_course_boundaries(int prior, int requested, CriterionStatus trial, CriterionStatus course)
    {
        var builder = CaseBuilder.Chronic().Hep(true).Improved().Item("manipulation", requested, "lumbar_spine");
        if (prior > 0)
        {
            builder.Prior("manipulation", prior, "2013-01-01", "2013-02-01", "lumbar_spine");
        }
        var item = builder.DecideFirst();
        Assert.Equal(trial, item.Status(TrialCourse));
        Assert.Equal(course, item.Status(RecommendedCourse));
    }

    [Theory]
    [InlineData(0, 10, Met)]
    [InlineData(0, 11, NotMet)]
    [InlineData(6, 4, Met)]
    [InlineData(6, 5, NotMet)]
    [InlineData(22, 6, NotMet)]
    public void Physical_therapy_course_for_myalgia(int prior, int requested, CriterionStatus expected)
    {
        var builder = CaseBuilder.Chronic().Dx("M79.1").Improved().Item("physical_therapy", requested);
        if (prior > 0)
        {
            builder.Prior("physical_therapy", prior);
        }
        var item = builder.DecideFirst();
        var course = item.Criterion(RecommendedCourse);
        Assert.Equal(expected, course.Status);
        Assert.Equal(10, course.Limit);
        Assert.Equal(prior, course.Prior);
    }

    [Fact]
    public void Aquatic_and_occupational_therapy_count_toward_the_physical_medicine_course()
    {
        var item = CaseBuilder.Chronic().Dx("M79.1").Improved()
            .Prior("aquatic_therapy", 4).Prior("occupational_therapy", 4)
            .Item("physical_therapy", 4).DecideFirst();
        Assert.Equal(8, item.Criterion(RecommendedCourse).Prior);
        Assert.Equal(NotMet, item.Status(RecommendedCourse));
    }

    [Fact]
    public void Prior_treatment_of_another_body_part_does_not_count_toward_the_course()
    {
        var item = CaseBuilder.Chronic().Dx("M79.1").Improved()
            .Prior("physical_therapy", 8, null, null, "knee")
            .Item("physical_therapy", 6, "lumbar_spine").DecideFirst();
        Assert.Equal(0, item.Criterion(RecommendedCourse).Prior);
        Assert.Equal(Met, item.Status(RecommendedCourse));
    }

    public static TheoryData<FunctionSnapshot?, FunctionSnapshot?, Trend, Trend, Trend, CriterionStatus> FunctionCases => new()
    {
        // Snapshots: a gain in restrictions and in dependence is needed.
        { Snap(WorkStatus.ModifiedDuty, 4, 10, 1), Snap(WorkStatus.FullDuty, 4, 10, 0), Trend.Unknown, Trend.Unknown, Trend.Unknown, Met },
        { Snap(WorkStatus.ModifiedDuty, 4, 10, 1), Snap(WorkStatus.ModifiedDuty, 6, 10, 0), Trend.Unknown, Trend.Unknown, Trend.Unknown, Met },
        { Snap(WorkStatus.ModifiedDuty, 4, 10, 1), Snap(WorkStatus.ModifiedDuty, 4, 20, 0), Trend.Unknown, Trend.Unknown, Trend.Unknown, Met },
        { Snap(WorkStatus.ModifiedDuty, 4, 10, 2), Snap(WorkStatus.FullDuty, 8, 25, 2), Trend.Unknown, Trend.Unknown, Trend.Unknown, NotMet },
        // Restrictions unchanged, fewer opioids: daily activities could still carry the first part, so it is undocumented.
        { Snap(WorkStatus.ModifiedDuty, 4, 10, 2), Snap(WorkStatus.ModifiedDuty, 4, 10, 1), Trend.Unknown, Trend.Unknown, Trend.Unknown, Unknown },
        { Snap(WorkStatus.ModifiedDuty, 4, 10, 2), Snap(WorkStatus.ModifiedDuty, 4, 10, 1), Trend.Unknown, Trend.Unchanged, Trend.Unknown, NotMet },
        { Snap(WorkStatus.ModifiedDuty, 4, 10, 2), Snap(WorkStatus.ModifiedDuty, 4, 10, 2), Trend.Unknown, Trend.Unknown, Trend.Unknown, NotMet },
        // Restrictions unchanged but daily activities stated improved, with fewer opioids.
        { Snap(WorkStatus.OffWork, null, null, 2), Snap(WorkStatus.OffWork, null, null, 1), Trend.Unknown, Trend.Improved, Trend.Unknown, Met },
        // Stated trends only.
        { null, null, Trend.Improved, Trend.Unknown, Trend.Improved, Met },
        { null, null, Trend.Unchanged, Trend.Unchanged, Trend.Improved, NotMet },
        { null, null, Trend.Improved, Trend.Unknown, Trend.Unchanged, NotMet },
        { null, null, Trend.Improved, Trend.Unknown, Trend.Unknown, Unknown },
        // Nothing documented.
        { null, null, Trend.Unknown, Trend.Unknown, Trend.Unknown, Unknown },
    };

    [Theory]
    [MemberData(nameof(FunctionCases))]
    public void Functional_improvement_from_snapshots_and_stated_trends(
        FunctionSnapshot? before, FunctionSnapshot? after, Trend restrictions, Trend adl, Trend dependence, CriterionStatus expected)
    {
        var builder = CaseBuilder.Chronic().Dx("M79.1").Prior("physical_therapy", 6).Item("physical_therapy", 4)
            .Evidence(restrictions, adl, dependence);
        if (before is not null && after is not null)
        {
            builder.Function(before, after);
        }
        Assert.Equal(expected, builder.DecideFirst().Status(FunctionalImprovement));
    }

    private static FunctionSnapshot Snap(WorkStatus status, double? hours, double? lifting, int? opioids) =>
        new() { WorkStatus = status, WorkHoursPerDay = hours, LiftingLimitLb = lifting, OpioidAgents = opioids };

    [Fact]
    public void Functional_improvement_does_not_apply_to_a_first_course_or_within_a_trial()
    {
        var first = CaseBuilder.Chronic().Dx("M79.1").Item("physical_therapy", 6).DecideFirst();
        Assert.Equal(NotApplicable, first.Status(FunctionalImprovement));
        Assert.Equal(Reason.FirstCourse, first.Criterion(FunctionalImprovement).Reason);

        var withinTrial = CaseBuilder.Chronic().Hep(true).Prior("manipulation", 2).Item("manipulation", 4, "lumbar_spine").DecideFirst();
        Assert.Equal(Reason.StillWithinTrial, withinTrial.Criterion(FunctionalImprovement).Reason);
        Assert.Equal(Determination.MedicallyNecessary, withinTrial.Determination);
    }

    [Theory]
    [InlineData(true, Met)]
    [InlineData(false, NotMet)]
    [InlineData(null, Unknown)]
    public void Massage_needs_exercise_alongside(bool? homeExercise, CriterionStatus expected)
    {
        var item = CaseBuilder.Chronic().Regions("cervical_spine").Hep(homeExercise).Item("massage", 4, "cervical_spine").DecideFirst();
        Assert.Equal(expected, item.Status(AdjunctActiveTherapy));
    }

    [Fact]
    public void Massage_requested_with_physical_therapy_is_an_adjunct()
    {
        var decision = CaseBuilder.Chronic().Dx("M79.1").Item("massage", 4).Item("physical_therapy", 6).Decide();
        var massage = decision.Items[0];
        Assert.Equal(Met, massage.Status(AdjunctActiveTherapy));
        Assert.Equal(Reason.AdjunctConcurrentItem, massage.Criterion(AdjunctActiveTherapy).Reason);
    }

    [Theory]
    [InlineData(0, 6, Met)]
    [InlineData(2, 4, Met)]
    [InlineData(2, 5, NotMet)]
    [InlineData(8, 6, NotMet)]
    public void Passive_care_is_used_sparingly_in_the_chronic_phase(int priorMassage, int requested, CriterionStatus expected)
    {
        var builder = CaseBuilder.Chronic().Hep(true).Improved().Item("massage", requested);
        if (priorMassage > 0)
        {
            builder.Prior("massage", priorMassage);
        }
        var item = builder.DecideFirst();
        Assert.Equal(expected, item.Status(PassiveModalitySparing));
        Assert.Equal("passive", item.Criterion(PassiveModalitySparing).Rule!.Id);
    }

    // CPMTG 2009: massage has its own course (p. 60), manipulation its own trial (pp. 58-59); the passive-care page
    // (p. 98) does not merge them, so eight earlier massages leave a first manipulation trial of the low back intact.
    [Fact]
    public void Prior_massage_does_not_use_up_a_first_manipulation_trial()
    {
        var item = CaseBuilder.Chronic().Hep(true).Prior("massage", 8, "2013-01-07", "2013-03-04", "lumbar_spine")
            .Item("manipulation", 6, "lumbar_spine").DecideFirst(SeedBook.Mtus2009);
        Assert.Equal("cpmtg-manip-low-back", item.Governing!.Id);
        Assert.Equal(Determination.MedicallyNecessary, item.Determination);
        Assert.Equal(0, item.Criterion(PassiveModalitySparing).Prior);
        Assert.Equal(Met, item.Status(TrialCourse));
    }

    // The pooling the guideline does make (PT, OT and aquatic therapy share the Physical Medicine course, p. 99) stays.
    [Fact]
    public void Physical_medicine_visits_still_pool_across_therapy_kinds()
    {
        var item = CaseBuilder.Chronic().Improved().Prior("occupational_therapy", 6).Prior("aquatic_therapy", 3)
            .Item("physical_therapy", 2).DecideFirst(SeedBook.Mtus2009);
        Assert.Equal(NotMet, item.Status(RecommendedCourse));
        Assert.Equal(9, item.Criterion(RecommendedCourse).Prior);
    }

    // Labor Code 4604.5(c)(2)(A): visits past the 24-visit cap are allowed when the employer authorizes them in writing.
    [Theory]
    [InlineData(0, NotMet)]
    [InlineData(6, Met)]
    public void Visits_the_employer_authorized_in_writing_extend_the_statutory_cap(int authorized, CriterionStatus expected)
    {
        var item = CaseBuilder.Chronic().Dates("2013-06-01", "2012-01-01").Prior("physical_therapy", 24)
            .Item(new RequestedItem { ItemId = "1", Treatment = "physical_therapy", Quantity = 6, EmployerAuthorizedVisits = authorized })
            .DecideFirst();
        Assert.Equal(expected, item.Status(StatutoryCap));
        Assert.Equal(24 + authorized, item.Criterion(StatutoryCap).Limit);
    }

    [Theory]
    [InlineData("2004-01-01", 18, 6, Met)]
    [InlineData("2004-01-01", 19, 6, NotMet)]
    [InlineData("2003-12-31", 19, 6, NotApplicable)]
    public void Statutory_cap_of_24_visits_for_injuries_from_2004(string injury, int prior, int requested, CriterionStatus expected)
    {
        var item = CaseBuilder.Chronic().Dates("2013-06-01", injury).Dx("M79.1").Improved()
            .Prior("physical_therapy", prior, null, null, "knee")
            .Item("physical_therapy", requested, "lumbar_spine").DecideFirst();
        var cap = item.Criterion(StatutoryCap);
        Assert.Equal(expected, cap.Status);
        if (expected != NotApplicable)
        {
            Assert.Equal(prior, cap.Prior);
            Assert.Equal(24, cap.Limit);
        }
    }

    [Theory]
    [InlineData("2014-07-13", true)]
    [InlineData("2014-07-14", false)]
    public void Post_surgical_row_governs_through_the_last_day_of_the_period(string requestDate, bool postSurgical)
    {
        var item = CaseBuilder.Chronic().Dates(requestDate, "2013-08-20").Dx("M75.121").Regions("shoulder")
            .PostSurgical("rotator_cuff_repair_arthroscopic", "2014-01-13")
            .Item("physical_therapy", 12, "shoulder").DecideFirst();
        if (postSurgical)
        {
            Assert.Equal("pstg-rotator-cuff", item.Governing!.Id);
            Assert.Equal(Met, item.Status(PostSurgicalPeriod));
            Assert.Equal(12, item.Criterion(TrialCourse).Limit);
            Assert.Equal(Reason.PostSurgicalExempt, item.Criterion(StatutoryCap).Reason);
            Assert.Equal(Determination.MedicallyNecessary, item.Determination);
        }
        else
        {
            Assert.Equal("pm-myalgia", item.Governing!.Id);
            Assert.Equal(Reason.PostSurgicalPeriodEnded, item.Criterion(PostSurgicalPeriod).Reason);
            Assert.Contains(item.Findings, f => f.Code == FindingCode.PostSurgicalPeriodEnded);
        }
    }

    [Fact]
    public void Initial_post_surgical_course_is_half_the_general_course_rounded_up()
    {
        var book = TestBook.Compile(rows => rows.Replace("pstg-rotator-cuff", r => r with { MaxVisits = 25 }));
        var item = CaseBuilder.Chronic().Dates("2014-03-03", "2013-08-20").Regions("shoulder")
            .PostSurgical("rotator_cuff_repair_arthroscopic", "2014-01-13")
            .Item("physical_therapy", 14, "shoulder").DecideFirst(book);
        Assert.Equal(13, item.Criterion(TrialCourse).Limit);
        Assert.Equal(NotMet, item.Status(TrialCourse));
        Assert.Contains(item.Findings, f => f.Code == FindingCode.InitialCourseDerived);
    }

    [Fact]
    public void Post_surgical_visits_before_the_surgery_do_not_count_toward_the_post_surgical_course()
    {
        var item = CaseBuilder.Chronic().Dates("2014-03-03", "2013-08-20").Regions("shoulder")
            .PostSurgical("rotator_cuff_repair_arthroscopic", "2014-01-13")
            .Prior("physical_therapy", 20, "2013-09-01", "2013-12-20", "shoulder")
            .Prior("physical_therapy", 4, "2014-01-20", "2014-02-20", "shoulder")
            .Item("physical_therapy", 8, "shoulder").DecideFirst();
        Assert.Equal(4, item.Criterion(TrialCourse).Prior);
        Assert.Equal(Met, item.Status(TrialCourse));
    }

    [Theory]
    [InlineData(6, Determination.MedicallyNecessary)]
    [InlineData(8, Determination.NotMedicallyNecessary)]
    public void Acupuncture_first_request_within_the_trial(int requested, Determination expected)
    {
        var item = CaseBuilder.Chronic().Regions("cervical_spine").Item("acupuncture", requested, "cervical_spine").DecideFirst();
        Assert.Equal(expected, item.Determination);
        Assert.Equal(NotApplicable, item.Status(RecommendedCourse));
    }

    [Fact]
    public void Frequency_above_the_rows_maximum_is_not_met()
    {
        var item = CaseBuilder.Chronic().Dx("M79.1").Item(new RequestedItem
        {
            ItemId = "1", Treatment = "physical_therapy", Quantity = 8, FrequencyPerWeek = 4,
        }).DecideFirst();
        Assert.Equal(NotMet, item.Status(Frequency));
    }

    // CPMTG p. 99: myalgia 9-10 visits over 8 weeks, at most 3 a week. 4 a week for 2 weeks is too frequent; UR
    // certifies the same 2 weeks at 3 a week (6) instead of refusing the whole request. IMR stays all-or-nothing.
    [Fact]
    public void Too_frequent_a_schedule_is_modified_in_ur_to_the_weekly_maximum()
    {
        RequestedItem Item() => new() { ItemId = "1", Treatment = "physical_therapy", Quantity = 8, FrequencyPerWeek = 4, DurationWeeks = 2 };
        var ur = CaseBuilder.Chronic().Ur().Dx("M79.1").Item(Item()).DecideFirst(SeedBook.Mtus2009);
        Assert.Equal(Determination.Modified, ur.Determination);
        Assert.Equal(6, ur.ApprovableQuantity);
        var imr = CaseBuilder.Chronic().Dx("M79.1").Item(Item()).DecideFirst(SeedBook.Mtus2009);
        Assert.Equal(Determination.NotMedicallyNecessary, imr.Determination);
    }

    // CPMTG p. 99: neuralgia 8-10 visits over 4 weeks. 2 a week for 6 weeks is spread past the course's weeks; UR
    // certifies the 4 weeks' worth (8).
    [Fact]
    public void A_schedule_longer_than_the_course_weeks_is_checked_and_modified_to_what_fits()
    {
        var item = CaseBuilder.Chronic().Ur().Dx("M54.16").Item(new RequestedItem
        {
            ItemId = "1", Treatment = "physical_therapy", Quantity = 10, FrequencyPerWeek = 2, DurationWeeks = 6,
        }).DecideFirst(SeedBook.Mtus2009);
        Assert.Equal(NotMet, item.Status(CourseWeeks));
        Assert.Equal(Determination.Modified, item.Determination);
        Assert.Equal(8, item.ApprovableQuantity);
    }
}

/// <summary>
/// 8 CCR 9792.20(f): functional improvement is a clinically significant gain in activities of daily living or a
/// reduction in work restrictions, together with a reduction in dependency on continued medical treatment.
/// </summary>
public sealed class FunctionalImprovementTests
{
    private static CaseBuilder Pt(FunctionSnapshot before, FunctionSnapshot after) =>
        CaseBuilder.Chronic().Dx("M79.1").Function(before, after).Prior("physical_therapy", 6).Item("physical_therapy", 4);

    [Fact]
    public void No_opioids_at_either_visit_says_nothing_about_dependence()
    {
        var item = Pt(new FunctionSnapshot { LiftingLimitLb = 10, OpioidAgents = 0 }, new FunctionSnapshot { LiftingLimitLb = 25, OpioidAgents = 0 })
            .DecideFirst();
        Assert.Equal(Unknown, item.Status(FunctionalImprovement));
        var decision = Pt(new FunctionSnapshot { LiftingLimitLb = 10, OpioidAgents = 0 }, new FunctionSnapshot { LiftingLimitLb = 25, OpioidAgents = 0 })
            .Ur().Decide();
        Assert.Equal(Determination.InsufficientInformation, decision.Items[0].Determination);
        Assert.Contains("none to reduce", Rationale.DetailFormatter.Criterion(decision, decision.Items[0], decision.Items[0].Criterion(FunctionalImprovement)) + decision.FunctionFacts);
    }

    [Fact]
    public void One_more_pound_of_lifting_is_not_a_clinically_significant_gain_and_the_detail_says_by_how_much()
    {
        var decision = Pt(new FunctionSnapshot { LiftingLimitLb = 10, OpioidAgents = 1 }, new FunctionSnapshot { LiftingLimitLb = 11, OpioidAgents = 0 })
            .Evidence(Trend.Unknown, Trend.Unchanged, Trend.Unknown).Decide();
        var item = decision.Items[0];
        Assert.Equal(NotMet, item.Status(FunctionalImprovement));
        var detail = Rationale.DetailFormatter.Criterion(decision, item, item.Criterion(FunctionalImprovement));
        Assert.Contains("Lifting limit 10 -> 11 lb (+1 lb, under the 5 lb that counts)", detail);
        Assert.Contains("opioid agents 1 -> 0 (-1, counts)", detail);
    }

    [Fact]
    public void A_gain_on_one_restriction_does_not_count_while_another_worsens()
    {
        var item = Pt(new FunctionSnapshot { LiftingLimitLb = 10, WorkHoursPerDay = 8, OpioidAgents = 1 },
                      new FunctionSnapshot { LiftingLimitLb = 25, WorkHoursPerDay = 4, OpioidAgents = 0 })
            .Evidence(Trend.Unknown, Trend.Unchanged, Trend.Unknown).DecideFirst();
        Assert.Equal(NotMet, item.Status(FunctionalImprovement));
    }

    [Fact]
    public void An_editor_can_set_what_counts_on_the_definition_row()
    {
        var lenient = TestBook.Compile(rows => rows.Replace("fi-definition", r => r with { FiMinLiftingGainLb = 1 }));
        var item = Pt(new FunctionSnapshot { LiftingLimitLb = 10, OpioidAgents = 1 }, new FunctionSnapshot { LiftingLimitLb = 11, OpioidAgents = 0 })
            .DecideFirst(lenient);
        Assert.Equal(Met, item.Status(FunctionalImprovement));
    }
}
