using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Model;
using static ImrGrpc.Engine.Evaluation.CriterionCode;
using static ImrGrpc.Engine.Evaluation.CriterionStatus;

namespace ImrGrpc.Engine.Tests;

/// <summary>Row selection (condition groups, defaults, hierarchy) and how criteria become a determination.</summary>
public sealed class SelectionAndOutcomeTests
{
    [Theory]
    [InlineData("M79.1", "pm-myalgia", false)]
    [InlineData("M60.9", "pm-myalgia", false)]
    [InlineData("M54.16", "pm-neuralgia", false)]
    [InlineData("m5416", "pm-neuralgia", false)]
    [InlineData("M54.50", "pm-myalgia", true)]
    [InlineData("S83.2", "pm-myalgia", true)]
    public void Diagnosis_maps_to_its_condition_group_or_the_default_row(string code, string governing, bool isDefault)
    {
        var item = CaseBuilder.Chronic().Dx(code).Item("physical_therapy", 6).DecideFirst();
        Assert.Equal(governing, item.Governing!.Id);
        Assert.Equal(isDefault, item.Findings.Any(f => f.Code == FindingCode.DefaultRowApplied));
    }

    [Fact]
    public void Longest_icd_prefix_wins()
    {
        var g = TestBook.Default;
        Assert.Equal("myofascial_pain", g.ConditionGroupOf("M79.18")!.Code);
        Assert.Equal("myalgia_myositis", g.ConditionGroupOf("M79.10")!.Code);
        Assert.Null(g.ConditionGroupOf("Z99.9"));
    }

    [Fact]
    public void First_diagnosis_with_its_own_row_chooses_the_course()
    {
        var item = CaseBuilder.Chronic().Dx("M54.50", "M54.16", "M79.1").Item("physical_therapy", 6).DecideFirst();
        Assert.Equal("pm-neuralgia", item.Governing!.Id);
        Assert.Equal(1, item.Facts.MatchedDiagnosis);
    }

    // CPMTG p. 99 sets 9-10 visits for myalgia and 24 for CRPS. The myalgia course is also the default one, so a
    // myalgia code listed before a CRPS code must not cut the CRPS course to 10; the trace says which diagnosis and why.
    [Fact]
    public void A_diagnosis_with_its_own_course_beats_the_default_course_whatever_the_order()
    {
        var item = CaseBuilder.Chronic().Dx("M79.1", "G90.511").Regions("forearm_wrist_hand").Improved()
            .Prior("physical_therapy", 10).Item("physical_therapy", 6, "forearm_wrist_hand").DecideFirst(SeedBook.Mtus2009);
        Assert.Equal("cpmtg-pm-crps", item.Governing!.Id);
        Assert.Equal(24, item.Criterion(CriterionCode.RecommendedCourse).Limit);
        Assert.Equal(Determination.MedicallyNecessary, item.Determination);
        var finding = item.Findings.Single(f => f.Code == FindingCode.ConditionGroupMatched);
        Assert.Equal(1, finding.Index);
        Assert.Contains("course of its own", finding.Subject);
    }

    [Fact]
    public void Between_two_courses_of_their_own_the_most_specific_code_governs()
    {
        var item = CaseBuilder.Chronic().Dx("M54.1", "G90.511").Item("physical_therapy", 6).DecideFirst(SeedBook.Mtus2009);
        Assert.Equal("cpmtg-pm-crps", item.Governing!.Id);
        Assert.Contains("most specific", item.Findings.Single(f => f.Code == FindingCode.ConditionGroupMatched).Subject);
    }

    [Fact]
    public void Non_mtus_row_governs_only_where_mtus_is_silent_and_says_so()
    {
        var item = CaseBuilder.Chronic().InPhase(Phase.Acute).Item("physical_therapy", 6).DecideFirst();
        Assert.Equal("odg-pt-general", item.Governing!.Id);
        Assert.False(item.Governing.Row.IsMtus);
        Assert.Contains(item.Findings, f => f.Code == FindingCode.NonMtusGuidelineApplied && f.Rule!.Id == "hierarchy");
        Assert.Contains(item.Citations, c => c.Id == "hierarchy");
    }

    [Fact]
    public void Citing_odg_where_mtus_addresses_the_topic_is_a_finding()
    {
        var item = CaseBuilder.Chronic().Hep(true).Item(new RequestedItem
        {
            ItemId = "1", Treatment = "massage", Quantity = 4, ClaimsAdministratorGuidelines = ["MTUS Chronic Pain", "ODG"],
        }).DecideFirst();
        var finding = Assert.Single(item.Findings, f => f.Code == FindingCode.NonMtusCitedWhereMtusAddresses);
        Assert.Equal("ODG", finding.Subject);
    }

    [Fact]
    public void Treatment_no_row_addresses_goes_to_a_physician()
    {
        var item = CaseBuilder.Chronic().Item("yoga", 6).DecideFirst();
        Assert.Equal(Determination.PhysicianReviewRequired, item.Determination);
        Assert.True(item.RequiresPhysicianReview);
        Assert.Equal(Unknown, item.Status(Recommended));
        Assert.Contains(item.Findings, f => f.Code == FindingCode.NoGuidelineAddresses);
    }

    [Fact]
    public void Unlisted_surgery_within_the_presumptive_period_goes_to_a_physician()
    {
        var item = CaseBuilder.Chronic().Dates("2014-03-01", "2013-01-01").Regions("shoulder")
            .PostSurgical("unlisted_release", "2014-01-10").Item("physical_therapy", 6, "shoulder").DecideFirst();
        Assert.Equal(Determination.PhysicianReviewRequired, item.Determination);
        Assert.Contains(item.Findings, f => f.Code == FindingCode.PostSurgicalCourseNotListed);
    }

    [Fact]
    public void Imr_is_all_or_nothing_and_ur_may_modify()
    {
        var imr = CaseBuilder.Chronic().Hep(true).Item("manipulation", 12, "lumbar_spine").DecideFirst();
        Assert.Equal(Determination.NotMedicallyNecessary, imr.Determination);
        Assert.Equal(ImrOutcome.Upheld, imr.ImrOutcome);

        var ur = CaseBuilder.Chronic().Ur().Hep(true).Item("manipulation", 12, "lumbar_spine").DecideFirst();
        Assert.Equal(Determination.Modified, ur.Determination);
        Assert.Equal(6, ur.ApprovableQuantity);
        Assert.Equal(ImrOutcome.None, ur.ImrOutcome);
        Assert.True(ur.RequiresPhysicianReview);
    }

    [Fact]
    public void Undocumented_improvement_is_a_denial_in_imr_and_pended_in_ur()
    {
        var imr = CaseBuilder.Chronic().Dx("M79.1").Prior("physical_therapy", 6).Item("physical_therapy", 4).DecideFirst();
        Assert.Equal(Determination.NotMedicallyNecessary, imr.Determination);
        Assert.Equal(0, imr.ApprovableQuantity);

        var ur = CaseBuilder.Chronic().Ur().Dx("M79.1").Prior("physical_therapy", 6).Item("physical_therapy", 4).DecideFirst();
        Assert.Equal(Determination.InsufficientInformation, ur.Determination);
    }

    [Fact]
    public void A_failed_clinical_criterion_is_not_modified_even_in_ur()
    {
        var item = CaseBuilder.Chronic().Ur().Dx("M79.1").Plateaued().Prior("physical_therapy", 8).Item("physical_therapy", 4).DecideFirst();
        Assert.Equal(Determination.NotMedicallyNecessary, item.Determination);
        Assert.Equal(0, item.ApprovableQuantity);
    }

    [Fact]
    public void Certified_item_approves_the_whole_quantity()
    {
        var item = CaseBuilder.Chronic().Dx("M79.1").Improved().Prior("physical_therapy", 6).Item("physical_therapy", 4).DecideFirst();
        Assert.Equal(Determination.MedicallyNecessary, item.Determination);
        Assert.Equal(ImrOutcome.Overturned, item.ImrOutcome);
        Assert.Equal(4, item.ApprovableQuantity);
        Assert.False(item.RequiresPhysicianReview);
    }

    [Fact]
    public void Citations_start_with_the_governing_row_and_carry_the_principles_used()
    {
        var item = CaseBuilder.Chronic().Dx("M79.1").Plateaued().Prior("physical_therapy", 22).Item("physical_therapy", 6).DecideFirst();
        Assert.Equal(["pm-myalgia", "fi", "fi-definition", "cap-pt"], item.Citations.Select(c => c.Id));
    }

    [Fact]
    public void Decision_id_depends_on_the_request_and_the_content_hash_only()
    {
        var request = CaseBuilder.Chronic().Dx("M79.1").Item("physical_therapy", 6).Build();
        var a = DecisionEngine.Evaluate(TestBook.Default, request).DecisionId;
        var b = DecisionEngine.Evaluate(TestBook.Compile(), request with { }).DecisionId;
        var otherRules = DecisionEngine.Evaluate(TestBook.Compile(hash: "other-hash"), request).DecisionId;
        var otherRequest = DecisionEngine.Evaluate(TestBook.Default, request with { CaseId = "T-2" }).DecisionId;

        Assert.Equal(a, b);
        Assert.NotEqual(a, otherRules);
        Assert.NotEqual(a, otherRequest);
    }

    [Fact]
    public void Rows_are_selected_the_same_whatever_order_they_are_stored_in()
    {
        var reversed = TestBook.Compile(rows => Enumerable.Reverse(rows).ToList());
        var request = CaseBuilder.Chronic().Dx("M79.1", "M54.16").Hep(true).Item("physical_therapy", 6).Item("manipulation", 6, "lumbar_spine").Build();
        var a = DecisionEngine.Evaluate(TestBook.Default, request);
        var b = DecisionEngine.Evaluate(reversed, request);
        Assert.Equal(a.Items.Select(i => i.Governing!.Id), b.Items.Select(i => i.Governing!.Id));
        Assert.Equal(a.Items.Select(i => i.Determination), b.Items.Select(i => i.Determination));
    }

    [Fact]
    public void The_rationale_says_when_an_unverified_row_governed_and_only_then()
    {
        var builder = CaseBuilder.Chronic().Dx("M79.1").Item("physical_therapy", 6);
        var verified = Rationale.RationaleRenderer.Render(builder.Decide(), Rationale.RationaleFormat.Text).Items[0].Rationale;
        Assert.DoesNotContain("no editor has yet checked", verified);

        var unverified = TestBook.Compile(rows => rows.Replace("pm-myalgia", r => r with { Confidence = Confidence.Low }));
        var text = Rationale.RationaleRenderer.Render(builder.Decide(unverified), Rationale.RationaleFormat.Text).Items[0].Rationale;
        Assert.Contains("row pm-myalgia of version test-1, which no editor has yet checked against the DWC text", text);
    }
}
