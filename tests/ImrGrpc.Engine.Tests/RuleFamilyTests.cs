using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Model;
using static ImrGrpc.Engine.Evaluation.CriterionCode;
using static ImrGrpc.Engine.Evaluation.CriterionStatus;

namespace ImrGrpc.Engine.Tests;

/// <summary>Every rule family of the seed tables, each criterion met, not met and unknown, at its boundaries.</summary>
public sealed class RuleFamilyTests
{
    private static ItemDecision Decide(CaseBuilder builder) => builder.DecideFirst(SeedBook.Mtus2009);

    private static CaseBuilder Myofascial() => CaseBuilder.Chronic().Dates("2013-07-08", "2012-11-01").Dx("M79.18").Regions("cervical_spine");

    // ------------------------------------------------------------------ trigger point injections

    [Theory]
    [InlineData(4, Met)]
    [InlineData(5, NotMet)]
    public void Trigger_points_at_most_four_per_session(int injections, CriterionStatus expected) =>
        Assert.Equal(expected, Decide(Myofascial().Item("trigger_point_injection", injections, "cervical_spine")).Status(PerSessionLimit));

    [Theory]
    [InlineData("M79.18", "cpmtg-tpi-myofascial", Met)]
    [InlineData("M54.16", "cpmtg-tpi-radicular", NotMet)]
    [InlineData("M54.50", "cpmtg-tpi-without-myofascial-pain", NotMet)]
    public void Trigger_points_only_for_myofascial_pain(string dx, string governing, CriterionStatus recommended)
    {
        var item = Decide(CaseBuilder.Chronic().Dates("2013-07-08", "2012-11-01").Dx(dx).Item("trigger_point_injection", 3, "cervical_spine"));
        Assert.Equal(governing, item.Governing!.Id);
        Assert.Equal(recommended, item.Status(Recommended));
    }

    [Theory]
    [InlineData(51, 6, Met)]
    [InlineData(50, 6, NotMet)]
    [InlineData(80, 5, NotMet)]
    [InlineData(null, 6, Unknown)]
    public void Repeat_trigger_points_need_more_than_half_relief_for_six_weeks(int? relief, int weeks, CriterionStatus expected)
    {
        var builder = Myofascial().Dates("2013-10-07", "2012-11-01").Improved().Item("trigger_point_injection", 3, "cervical_spine");
        var item = Decide(WithInjection(builder, "trigger_point_injection", "2013-07-15", relief, weeks, null));
        Assert.Equal(expected, item.Status(RepeatResponse));
    }

    [Theory]
    [InlineData("2013-09-15", Met)]
    [InlineData("2013-09-14", NotMet)]
    public void Trigger_point_sessions_at_least_two_months_apart(string requestDate, CriterionStatus expected)
    {
        var builder = Myofascial().Dates(requestDate, "2012-11-01").Improved().Item("trigger_point_injection", 3, "cervical_spine");
        Assert.Equal(expected, Decide(WithInjection(builder, "trigger_point_injection", "2013-07-15", 70, 8, null)).Status(TreatmentInterval));
    }

    [Theory]
    [InlineData("2013-02-01", Met)]
    [InlineData("2013-01-31", NotMet)]
    public void Trigger_points_after_three_months_of_symptoms(string requestDate, CriterionStatus expected) =>
        Assert.Equal(expected, Decide(Myofascial().Dates(requestDate, "2012-11-01").Item("trigger_point_injection", 3)).Status(TimeSinceInjury));

    // ------------------------------------------------------------------ epidural steroid injections

    private static CaseBuilder Radicular(bool? exam, bool? imaging, bool? emg)
    {
        var b = CaseBuilder.Chronic().Dates("2013-09-16", "2012-08-01").Dx("M54.16").Regions("lumbar_spine");
        return b.Radiculopathy(exam, imaging, emg);
    }

    [Theory]
    [InlineData(true, true, null, Met)]
    [InlineData(true, null, true, Met)]
    [InlineData(true, false, false, NotMet)]
    [InlineData(false, true, true, NotMet)]
    [InlineData(true, null, null, Unknown)]
    [InlineData(null, null, null, Unknown)]
    public void Epidural_injection_needs_corroborated_radiculopathy(bool? exam, bool? imaging, bool? emg, CriterionStatus expected) =>
        Assert.Equal(expected, Decide(Radicular(exam, imaging, emg).Item("epidural_steroid_injection", 1, "lumbar_spine")).Status(CriterionCode.Indication));

    [Theory]
    [InlineData(2, Met)]
    [InlineData(3, NotMet)]
    public void At_most_two_diagnostic_epidural_injections(int requested, CriterionStatus expected) =>
        Assert.Equal(expected, Decide(Radicular(true, true, true).Item("epidural_steroid_injection", requested, "lumbar_spine")).Status(TrialCourse));

    [Theory]
    [InlineData(50, 6, true, Met)]
    [InlineData(49, 8, true, NotMet)]
    [InlineData(70, 5, true, NotMet)]
    [InlineData(70, 8, false, NotMet)]
    [InlineData(70, 8, null, Unknown)]
    public void Repeat_epidural_needs_half_relief_with_less_medication_for_six_weeks(int relief, int weeks, bool? lessMedication, CriterionStatus expected)
    {
        var builder = Radicular(true, true, null).Improved().Item("epidural_steroid_injection", 1, "lumbar_spine");
        Assert.Equal(expected, Decide(WithInjection(builder, "epidural_steroid_injection", "2013-06-03", relief, weeks, lessMedication)).Status(RepeatResponse));
    }

    [Fact]
    public void Epidural_injections_count_per_year()
    {
        var builder = Radicular(true, true, null).Improved().Item("epidural_steroid_injection", 1, "lumbar_spine")
            .Prior("epidural_steroid_injection", 3, "2012-01-10", "2012-05-01", "lumbar_spine");
        var item = Decide(WithInjection(builder, "epidural_steroid_injection", "2013-06-03", 70, 8, true));
        Assert.Equal(1, item.Criterion(RecommendedCourse).Prior);
        Assert.Equal(Met, item.Status(RecommendedCourse));
    }

    private static CaseBuilder WithInjection(CaseBuilder builder, string treatment, string date, int? relief, int weeks, bool? lessMedication) =>
        builder.Prior(new PriorTreatment
        {
            Treatment = treatment,
            Sessions = 1,
            StartDate = DateOnly.Parse(date),
            EndDate = DateOnly.Parse(date),
            PainReliefPercent = relief,
            ReliefDurationWeeks = weeks,
            MedicationReduced = lessMedication,
        });

    // ------------------------------------------------------------------ psychotherapy, biofeedback, programs

    [Theory]
    [InlineData("psychotherapy", 0, 4, Determination.MedicallyNecessary)]
    [InlineData("psychotherapy", 0, 5, Determination.NotMedicallyNecessary)]
    [InlineData("psychotherapy", 4, 6, Determination.MedicallyNecessary)]
    [InlineData("psychotherapy", 4, 7, Determination.NotMedicallyNecessary)]
    [InlineData("functional_restoration_program", 0, 10, Determination.MedicallyNecessary)]
    [InlineData("functional_restoration_program", 0, 11, Determination.NotMedicallyNecessary)]
    [InlineData("functional_restoration_program", 10, 10, Determination.MedicallyNecessary)]
    [InlineData("functional_restoration_program", 10, 11, Determination.NotMedicallyNecessary)]
    public void Trial_then_course_with_improvement(string treatment, int prior, int requested, Determination expected)
    {
        var builder = CaseBuilder.Chronic().Dx("G89.4").Improved().Item(treatment, requested);
        if (prior > 0)
        {
            builder.Prior(treatment, prior, "2013-01-07", "2013-03-01");
        }
        Assert.Equal(expected, Decide(builder).Determination);
    }

    [Fact]
    public void Biofeedback_goes_with_psychotherapy()
    {
        Assert.Equal(NotMet, Decide(CaseBuilder.Chronic().Dx("G89.4").Item("biofeedback", 4)).Status(AdjunctProgram));
        Assert.Equal(Met, Decide(CaseBuilder.Chronic().Dx("G89.4").Item("biofeedback", 4).Item("psychotherapy", 4)).Status(AdjunctProgram));
        Assert.Equal(Met, Decide(CaseBuilder.Chronic().Dx("G89.4").Prior("psychotherapy", 4, "2013-05-01").Item("biofeedback", 4)).Status(AdjunctProgram));
    }

    [Theory]
    [InlineData("2014-01-01", Met)]
    [InlineData("2014-01-02", NotMet)]
    public void Work_conditioning_within_two_years_of_injury(string requestDate, CriterionStatus expected) =>
        Assert.Equal(expected, Decide(CaseBuilder.Chronic().Dates(requestDate, "2012-01-01").Item("work_conditioning", 10)).Status(TimeSinceInjury));

    [Fact]
    public void Tens_only_with_a_functional_restoration_program_after_three_months()
    {
        Assert.Equal(NotMet, Decide(CaseBuilder.Chronic().Dx("M54.16").Item("tens", 1)).Status(AdjunctProgram));
        var withProgram = Decide(CaseBuilder.Chronic().Dx("M54.16").Prior("functional_restoration_program", 5, "2013-05-20").Item("tens", 1));
        Assert.Equal(Met, withProgram.Status(AdjunctProgram));
        Assert.Equal(Determination.MedicallyNecessary, withProgram.Determination);
        var tooSoon = Decide(CaseBuilder.Chronic().Dx("M54.16").Dates("2013-03-31", "2013-01-01").Prior("functional_restoration_program", 5, "2013-03-20").Item("tens", 1));
        Assert.Equal(NotMet, tooSoon.Status(TimeSinceInjury));
    }

    [Theory]
    [InlineData("2014-02-27", "cpmtg-tens-postoperative")]
    [InlineData("2014-02-28", "cpmtg-tens-chronic")]
    public void Post_operative_tens_within_a_month_of_surgery(string requestDate, string governing)
    {
        var item = Decide(CaseBuilder.Chronic().Dates(requestDate, "2013-06-01").Regions("knee").PostSurgical("knee_arthroplasty", "2014-01-27").Item("tens", 1, "knee"));
        Assert.Equal(governing, item.Governing!.Id);
    }

    // ------------------------------------------------------------------ manipulation care types

    [Theory]
    [InlineData(WorkStatus.FullDuty, "2013-07-01", 2, Determination.MedicallyNecessary)]
    [InlineData(WorkStatus.ModifiedDuty, "2013-07-01", 2, Determination.MedicallyNecessary)]
    [InlineData(WorkStatus.OffWork, "2013-07-01", 2, Determination.NotMedicallyNecessary)]
    [InlineData(WorkStatus.FullDuty, "2013-06-30", 2, Determination.NotMedicallyNecessary)]
    [InlineData(WorkStatus.FullDuty, "2013-07-01", 3, Determination.NotMedicallyNecessary)]
    public void Flare_up_care_after_return_to_work_every_four_months(WorkStatus status, string requestDate, int visits, Determination expected)
    {
        var item = Decide(CaseBuilder.Chronic().Dates(requestDate, "2011-03-01")
            .Function(new FunctionSnapshot { WorkStatus = WorkStatus.OffWork }, new FunctionSnapshot { WorkStatus = status })
            .Prior("manipulation", 12, "2013-01-07", "2013-03-01", "lumbar_spine")
            .Item(new RequestedItem { ItemId = "1", Treatment = "manipulation", Quantity = visits, BodyRegions = ["lumbar_spine"], CareType = CareType.FlareUp }));
        Assert.Equal("cpmtg-manip-flare-up", item.Governing!.Id);
        Assert.Equal(expected, item.Determination);
    }

    // CPMTG pp. 58-59: manipulation of the knee, ankle/foot and forearm/wrist/hand is not recommended, and the
    // flare-up course (1-2 visits every 4-6 months after a return to work) is part of the low back entry only.
    [Theory]
    [InlineData("knee", "cpmtg-manip-knee")]
    [InlineData("ankle_foot", "cpmtg-manip-ankle-foot")]
    [InlineData("forearm_wrist_hand", "cpmtg-manip-forearm-wrist-hand")]
    public void A_flare_up_request_does_not_escape_a_body_part_exclusion(string region, string exclusion)
    {
        var item = Decide(CaseBuilder.Chronic().Dates("2013-08-01", "2011-03-01").Regions(region)
            .Function(new FunctionSnapshot { WorkStatus = WorkStatus.OffWork }, new FunctionSnapshot { WorkStatus = WorkStatus.FullDuty })
            .Item(new RequestedItem { ItemId = "1", Treatment = "manipulation", Quantity = 2, BodyRegions = [region], CareType = CareType.FlareUp }));
        Assert.Equal(exclusion, item.Governing!.Id);
        Assert.Equal(NotMet, item.Status(Recommended));
        Assert.Equal(Determination.NotMedicallyNecessary, item.Determination);
        Assert.Contains(item.Findings, f => f.Code == FindingCode.CareTypeDoesNotLiftExclusion);
    }

    [Fact]
    public void A_neck_flare_up_is_decided_by_the_therapeutic_rows_and_says_so()
    {
        var item = Decide(CaseBuilder.Chronic().Dates("2013-08-01", "2011-03-01").Regions("cervical_spine").Hep(true)
            .Item(new RequestedItem { ItemId = "1", Treatment = "manipulation", Quantity = 2, BodyRegions = ["cervical_spine"], CareType = CareType.FlareUp }));
        Assert.Equal("cpmtg-manip-general", item.Governing!.Id);
        Assert.Contains(item.Findings, f => f.Code == FindingCode.CareTypeNotDistinguished);
    }

    [Fact]
    public void Flare_up_with_no_work_status_is_unknown()
    {
        var item = Decide(CaseBuilder.Chronic().Dates("2013-08-01", "2011-03-01").Prior("manipulation", 12, "2013-01-07", "2013-03-01")
            .Item(new RequestedItem { ItemId = "1", Treatment = "manipulation", Quantity = 2, BodyRegions = ["lumbar_spine"], CareType = CareType.FlareUp }));
        Assert.Equal(Unknown, item.Status(ReturnToWork));
    }

    [Fact]
    public void Maintenance_manipulation_is_not_recommended()
    {
        var item = Decide(CaseBuilder.Chronic().Item(new RequestedItem
        {
            ItemId = "1", Treatment = "manipulation", Quantity = 4, BodyRegions = ["lumbar_spine"], CareType = CareType.Maintenance,
        }));
        Assert.Equal("cpmtg-manip-maintenance", item.Governing!.Id);
        Assert.Equal(NotMet, item.Status(Recommended));
    }

    [Theory]
    [InlineData("manipulation", "lc-4604-5-chiropractic")]
    [InlineData("occupational_therapy", "lc-4604-5-ot")]
    [InlineData("aquatic_therapy", "lc-4604-5-pt")]
    public void Each_family_has_its_own_24_visit_cap(string treatment, string cap)
    {
        // 20 physical therapy visits do not count toward chiropractic or occupational therapy caps.
        var item = Decide(CaseBuilder.Chronic().Dx("M79.1").Hep(true).Improved().Prior("physical_therapy", 20, null, null, "knee").Item(treatment, 6, "lumbar_spine"));
        var criterion = item.Criterion(StatutoryCap);
        Assert.Equal(cap, criterion.Rule!.Id);
        Assert.Equal(treatment == "aquatic_therapy" ? 20 : 0, criterion.Prior);
    }

    // ------------------------------------------------------------------ post-surgical table and hierarchy

    [Theory]
    [InlineData("meniscectomy", "knee", 12, 6)]
    [InlineData("rotator_cuff_repair_open", "shoulder", 30, 15)]
    [InlineData("carpal_tunnel_release", "forearm_wrist_hand", 8, 4)]
    [InlineData("lumbar_fusion", "lumbar_spine", 34, 17)]
    [InlineData("lateral_epicondylar_release", "elbow", 12, 6)]
    public void Post_surgical_initial_course_is_half_of_the_general_course(string procedure, string region, int general, int initial)
    {
        var item = Decide(CaseBuilder.Chronic().Dates("2014-03-01", "2013-06-01").Regions(region).PostSurgical(procedure, "2014-02-01")
            .Item("physical_therapy", initial, region));
        Assert.Equal(general, item.Governing!.Row.MaxVisits);
        Assert.Equal(initial, item.Criterion(TrialCourse).Limit);
        Assert.Equal(Determination.MedicallyNecessary, item.Determination);
    }

    [Fact]
    public void Acute_physical_therapy_falls_back_to_odg_and_marks_it_non_mtus()
    {
        var item = CaseBuilder.Chronic().InPhase(Phase.Acute).Dates("2018-03-05", "2018-01-15").Dx("M54.50").Item("physical_therapy", 6, "lumbar_spine")
            .DecideFirst(SeedBook.Version("mtus-2017"));
        Assert.Equal("odg-pt-low-back-pain", item.Governing!.Id);
        Assert.False(item.Governing.Row.IsMtus);
        Assert.Contains(item.Findings, f => f.Code == FindingCode.NonMtusGuidelineApplied);
        Assert.Contains(item.Citations, c => c.Id == "reg-evidence-hierarchy" && c.Row.Section == "8 CCR 9792.21.1");
    }

    [Fact]
    public void Current_requests_use_the_carried_over_chronic_pain_rows_flagged_low()
    {
        var item = CaseBuilder.Chronic().Dates("2026-11-02", "2026-03-02").Dx("M79.1").Item("physical_therapy", 6, "cervical_spine")
            .DecideFirst(SeedBook.Version("mtus-2017"));
        Assert.Equal("cpmtg-pm-myalgia", item.Governing!.Id);
        Assert.Equal(Confidence.Low, item.Governing.Row.Confidence);
        Assert.Contains("Carried over", item.Governing.Row.ConfidenceReason);
    }

    // ------------------------------------------------------------------ acupuncture under the 2017 ACOEM-based MTUS

    // 8 CCR 9792.24.1(c)-(d): 3-6 treatments to produce functional improvement, extended only when it is documented.
    // The ACOEM low back figure (up to 12) is the whole course, not 12 up front.
    [Fact]
    public void Twelve_first_acupuncture_sessions_for_the_low_back_go_past_the_9792_24_1_trial()
    {
        var builder = CaseBuilder.Chronic().Dates("2018-05-07", "2017-08-01").Dx("M54.50").Item("acupuncture", 12, "lumbar_spine");
        var imr = builder.DecideFirst(SeedBook.Version("mtus-2017"));
        Assert.Equal("acoem-low-back-acupuncture", imr.Governing!.Id);
        Assert.Equal(NotMet, imr.Status(TrialCourse));
        Assert.Equal(6, imr.Criterion(TrialCourse).Limit);
        Assert.Equal(Determination.NotMedicallyNecessary, imr.Determination);
        Assert.Contains(imr.Citations, c => c.Id == "acup-schedule");

        var ur = builder.Ur().DecideFirst(SeedBook.Version("mtus-2017"));
        Assert.Equal(Determination.Modified, ur.Determination);
        Assert.Equal(6, ur.ApprovableQuantity);
    }

    [Fact]
    public void Acupuncture_past_the_trial_needs_documented_improvement_within_the_acoem_total()
    {
        var after = CaseBuilder.Chronic().Dates("2018-05-07", "2017-08-01").Dx("M54.50").Plateaued()
            .Prior("acupuncture", 6, "2018-02-05", "2018-03-16").Item("acupuncture", 6, "lumbar_spine")
            .DecideFirst(SeedBook.Version("mtus-2017"));
        Assert.Equal(NotApplicable, after.Status(TrialCourse));
        Assert.Equal(Met, after.Status(RecommendedCourse));
        Assert.Equal(NotMet, after.Status(FunctionalImprovement));
    }

    // ------------------------------------------------------------------ post-surgical period (8 CCR 9792.24.3)

    private static CaseBuilder RotatorCuff(string requestDate, string sentPhase = "post_surgical")
    {
        var builder = CaseBuilder.Chronic().Dates(requestDate, "2013-08-20").Regions("shoulder")
            .PostSurgical("rotator_cuff_repair_arthroscopic", "2014-01-13");
        return sentPhase == "chronic" ? builder.InPhase(Phase.Chronic) : builder;
    }

    // 9792.24.3(c): with functional improvement documented, care may continue past the general course while further
    // gains are expected, up to the end of the post-surgical physical medicine period (6 months for this procedure).
    [Fact]
    public void Within_the_period_documented_improvement_carries_care_past_the_general_course()
    {
        var improved = Decide(RotatorCuff("2014-05-01").Improved().Prior("physical_therapy", 24, "2014-01-20", "2014-04-25", "shoulder")
            .Item(new RequestedItem { ItemId = "1", Treatment = "physical_therapy", Quantity = 6, BodyRegions = ["shoulder"], FrequencyPerWeek = 2 }));
        Assert.Equal(Met, improved.Status(RecommendedCourse));
        Assert.Equal(Reason.BeyondCourseWithImprovement, improved.Criterion(RecommendedCourse).Reason);
        Assert.Equal(Determination.MedicallyNecessary, improved.Determination);

        var plateaued = Decide(RotatorCuff("2014-05-01").Plateaued().Prior("physical_therapy", 24, "2014-01-20", "2014-04-25", "shoulder")
            .Item("physical_therapy", 6, "shoulder"));
        Assert.Equal(NotMet, plateaued.Status(RecommendedCourse));
        Assert.Equal(Determination.NotMedicallyNecessary, plateaued.Determination);
    }

    // 9792.24.3(b)-(c): the period runs from the surgery date; the phase a caller sends does not take a request out of it.
    [Fact]
    public void A_request_inside_the_period_sent_as_chronic_gets_the_post_surgical_row()
    {
        var item = Decide(RotatorCuff("2014-03-01", "chronic").Item("physical_therapy", 12, "shoulder"));
        Assert.Equal("pstg-rotator-cuff-repair-arthroscopic", item.Governing!.Id);
        Assert.Equal(Phase.PostSurgical, item.Facts.EffectivePhase);
        Assert.Contains(item.Findings, f => f.Code == FindingCode.PhaseSetBySurgeryDate);
        Assert.Equal(Reason.PostSurgicalExempt, item.Criterion(StatutoryCap).Reason);
        Assert.Equal(Determination.MedicallyNecessary, item.Determination);
    }

    [Fact]
    public void A_request_running_past_the_period_end_is_certified_only_up_to_it_in_ur_and_says_so_in_imr()
    {
        // The period ends 2014-07-13: 14 days at 2 a week leave room for 4 of the 8 visits.
        RequestedItem Item() => new() { ItemId = "1", Treatment = "physical_therapy", Quantity = 8, BodyRegions = ["shoulder"], FrequencyPerWeek = 2 };
        var imr = Decide(RotatorCuff("2014-06-30").Improved().Prior("physical_therapy", 12, "2014-01-20", "2014-03-20", "shoulder").Item(Item()));
        Assert.Equal(NotMet, imr.Status(PostSurgicalPeriod));
        Assert.Equal(4, imr.Criterion(PostSurgicalPeriod).Allow);
        Assert.Equal(Determination.NotMedicallyNecessary, imr.Determination);

        var ur = Decide(RotatorCuff("2014-06-30").Ur().Improved().Prior("physical_therapy", 12, "2014-01-20", "2014-03-20", "shoulder").Item(Item()));
        Assert.Equal(Determination.Modified, ur.Determination);
        Assert.Equal(4, ur.ApprovableQuantity);
    }

    // 8 CCR 9792.24.3(d) lists adhesive capsulitis: the release is in the catalog, so it needs its post-surgical course
    // rather than a physician referral for the guidelines' silence.
    [Fact]
    public void Physical_therapy_after_an_adhesive_capsulitis_release_has_its_post_surgical_course()
    {
        var item = Decide(CaseBuilder.Chronic().Dates("2014-03-01", "2013-08-20").Regions("shoulder")
            .PostSurgical("adhesive_capsulitis_release", "2014-02-01").Item("physical_therapy", 12, "shoulder"));
        Assert.Equal("pstg-adhesive-capsulitis-release", item.Governing!.Id);
        Assert.Equal(12, item.Criterion(TrialCourse).Limit);
        Assert.Equal(Determination.MedicallyNecessary, item.Determination);
    }
}
