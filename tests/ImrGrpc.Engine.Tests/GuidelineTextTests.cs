using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Rationale;
using static ImrGrpc.Engine.Evaluation.CriterionCode;
using static ImrGrpc.Engine.Evaluation.CriterionStatus;

namespace ImrGrpc.Engine.Tests;

/// <summary>
/// Corners of the guideline text a reviewer decides differently from a naive table lookup: where a figure comes from,
/// the conditions a treatment is limited to, the entry a treatment is cited by, and prior care the record does not place.
/// Each test names the passage it follows; the seed rows carry the reference's confidence for the figures.
/// </summary>
public sealed class GuidelineTextTests
{
    private static ItemDecision Decide(CaseBuilder builder) => builder.DecideFirst(SeedBook.Mtus2009);

    private static string Rationale(CaseBuilder builder)
    {
        var decision = builder.Decide(SeedBook.Mtus2009);
        return RationaleRenderer.Render(decision, RationaleFormat.Text).Items[0].Rationale;
    }

    // ------------------------------------------------------------------ work conditioning (CPMTG pp. 125-126)

    // The CPMTG entry sets the candidates and a program finished within 4 consecutive weeks, but no number of visits; the
    // 10 visits over 8 weeks quoted with it are ODG's. The decision uses that figure and says it is not MTUS.
    [Fact]
    public void Work_conditioning_visits_are_counted_against_the_ODG_figure_labelled_non_MTUS()
    {
        var builder = CaseBuilder.Chronic().Dates("2013-06-03", "2012-09-10").Dx("M54.50").Item("work_conditioning", 12, "lumbar_spine");
        var item = Decide(builder);
        Assert.Equal("cpmtg-work-conditioning", item.Governing!.Id);
        Assert.Null(item.Governing.Row.MaxVisits);
        var course = item.Criterion(RecommendedCourse);
        Assert.Equal(NotMet, course.Status);
        Assert.Equal(10, course.Limit);
        Assert.Equal("odg-work-conditioning", course.Rule!.Id);
        Assert.Contains(item.Citations, c => c.Id == "odg-work-conditioning" && c.Row.IsNonMtusGuideline);
        var detail = DetailFormatter.Criterion(builder.Decide(SeedBook.Mtus2009), item, course);
        Assert.Contains("non-MTUS", detail, StringComparison.Ordinal);
        var text = Rationale(builder);
        Assert.Contains("no number of visits", text, StringComparison.Ordinal);
        Assert.Contains("non-MTUS Official Disability Guidelines", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Work_conditioning_within_the_ODG_figure_is_certified()
    {
        var item = Decide(CaseBuilder.Chronic().Dates("2013-06-03", "2012-09-10").Dx("M54.50").Item("work_conditioning", 10, "lumbar_spine"));
        Assert.Equal(Determination.MedicallyNecessary, item.Determination);
    }

    // CPMTG p. 125: a program is to be finished within 4 consecutive weeks; a 6-week schedule runs past it (UR: what fits).
    [Fact]
    public void A_work_conditioning_program_spread_over_six_weeks_runs_past_the_four_the_entry_allows()
    {
        var item = CaseBuilder.Chronic().Ur().Dates("2013-06-03", "2012-09-10").Dx("M54.50")
            .Item(new RequestedItem { ItemId = "1", Treatment = "work_conditioning", Quantity = 6, FrequencyPerWeek = 1, DurationWeeks = 6, BodyRegions = ["lumbar_spine"] })
            .DecideFirst(SeedBook.Mtus2009);
        Assert.Equal(NotMet, item.Status(CourseWeeks));
        Assert.Equal(4, item.Criterion(CourseWeeks).Limit);
        Assert.Equal(Determination.Modified, item.Determination);
        Assert.Equal(4, item.ApprovableQuantity);
    }

    // ------------------------------------------------------------------ TENS (CPMTG pp. 114-116)

    // A TENS trial is for the conditions the entry lists (neuropathic pain, CRPS I/II, spasticity after spinal cord injury,
    // multiple sclerosis, phantom limb pain), and then only as an adjunct to a functional restoration program.
    [Theory]
    [InlineData("G90.511", Met, Determination.MedicallyNecessary)]
    [InlineData("G35", Met, Determination.MedicallyNecessary)]
    [InlineData("G54.6", Met, Determination.MedicallyNecessary)]
    [InlineData("E11.42", Met, Determination.MedicallyNecessary)]
    [InlineData("S34.109A", Met, Determination.MedicallyNecessary)]
    [InlineData("M54.16", Met, Determination.MedicallyNecessary)]
    [InlineData("M54.50", NotMet, Determination.NotMedicallyNecessary)]
    [InlineData("M79.1", NotMet, Determination.NotMedicallyNecessary)]
    public void A_tens_trial_only_for_the_conditions_the_entry_lists(string dx, CriterionStatus indication, Determination expected)
    {
        var item = Decide(CaseBuilder.Chronic().Dates("2013-06-03", "2012-09-10").Dx(dx)
            .Prior("functional_restoration_program", 5, "2013-05-20").Item("tens", 1));
        Assert.Equal(indication, item.Status(Indication));
        Assert.Equal(expected, item.Determination);
    }

    [Fact]
    public void A_tens_request_with_the_listed_condition_second_is_still_indicated_and_names_it()
    {
        var builder = CaseBuilder.Chronic().Dates("2013-06-03", "2012-09-10").Dx("M54.50", "G90.511")
            .Prior("functional_restoration_program", 5, "2013-05-20").Item("tens", 1);
        var item = Decide(builder);
        Assert.Equal(Met, item.Status(Indication));
        Assert.Contains("G90.511", DetailFormatter.Criterion(builder.Decide(SeedBook.Mtus2009), item, item.Criterion(Indication)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tens_request_without_a_diagnosis_is_pended_in_UR_for_it()
    {
        var builder = CaseBuilder.Chronic().Ur().Dates("2013-06-03", "2012-09-10")
            .Prior("functional_restoration_program", 5, "2013-05-20").Item("tens", 1);
        var item = Decide(builder);
        Assert.Equal(Unknown, item.Status(Indication));
        Assert.Equal(Determination.InsufficientInformation, item.Determination);
        var rationale = RationaleRenderer.Render(builder.Decide(SeedBook.Mtus2009), RationaleFormat.Text).Items[0];
        Assert.Contains(rationale.DocumentsNeeded, d => d.Contains("diagnoses", StringComparison.Ordinal));
    }

    // ------------------------------------------------------------------ aquatic therapy (CPMTG p. 22 with p. 99)

    // Aquatic therapy has its own entry (p. 22), an alternative to land-based therapy whose visits follow Physical Medicine.
    [Fact]
    public void Aquatic_therapy_cites_its_own_page_beside_the_physical_medicine_pages()
    {
        var builder = CaseBuilder.Chronic().Dates("2013-06-03", "2012-09-10").Dx("M79.1").Item("aquatic_therapy", 6, "lumbar_spine");
        var item = Decide(builder);
        Assert.Equal("cpmtg-pm-myalgia", item.Governing!.Id);
        Assert.Contains(item.Citations, c => c.Id == "cpmtg-aquatic-therapy");
        var basis = RationaleRenderer.GuidelineBasis(item.Citations);
        Assert.Contains("22", basis, StringComparison.Ordinal);
        Assert.Contains("99", basis, StringComparison.Ordinal);
        Assert.Contains(item.Findings, f => f.Code == FindingCode.TreatmentEntryCited);
        Assert.Contains("entry of its own", Rationale(builder), StringComparison.Ordinal);
    }

    [Fact]
    public void Land_based_physical_therapy_does_not_cite_the_aquatic_page()
    {
        var item = Decide(CaseBuilder.Chronic().Dates("2013-06-03", "2012-09-10").Dx("M79.1").Item("physical_therapy", 6, "lumbar_spine"));
        Assert.DoesNotContain(item.Citations, c => c.Id == "cpmtg-aquatic-therapy");
        Assert.DoesNotContain("22", RationaleRenderer.GuidelineBasis(item.Citations), StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------ prior care recorded without a body region

    // Ten earlier PT visits with no region, on a claim of the low back and the shoulder: they may have been for the
    // shoulder, so they do not use up the low back's course (9-10 visits, p. 99); the rationale says why.
    [Fact]
    public void Prior_visits_without_a_region_do_not_count_where_the_claim_has_another_region()
    {
        var builder = CaseBuilder.Chronic().Dates("2013-06-03", "2012-09-10").Dx("M79.1").Regions("lumbar_spine", "shoulder").Improved()
            .Prior("physical_therapy", 10, "2013-01-07", "2013-04-01").Item("physical_therapy", 6, "lumbar_spine");
        var item = Decide(builder);
        Assert.Equal(0, item.Criterion(RecommendedCourse).Prior);
        Assert.Equal(Determination.MedicallyNecessary, item.Determination);
        var finding = Assert.Single(item.Findings, f => f.Code == FindingCode.PriorWithoutRegionNotCounted);
        Assert.Equal(10, finding.Index);
        Assert.Equal("shoulder", finding.Subject);
        Assert.Contains("cannot be attributed", Rationale(builder), StringComparison.Ordinal);
    }

    [Fact]
    public void Prior_visits_without_a_region_count_where_the_item_region_is_the_only_one()
    {
        var builder = CaseBuilder.Chronic().Dates("2013-06-03", "2012-09-10").Dx("M79.1").Regions("lumbar_spine").Improved()
            .Prior("physical_therapy", 10, "2013-01-07", "2013-04-01").Item("physical_therapy", 6, "lumbar_spine");
        var item = Decide(builder);
        Assert.Equal(10, item.Criterion(RecommendedCourse).Prior);
        Assert.Equal(NotMet, item.Status(RecommendedCourse));
        Assert.Contains(item.Findings, f => f.Code == FindingCode.PriorWithoutRegionCounted && f.Index == 10);
        Assert.Contains("only body region on the claim", Rationale(builder), StringComparison.Ordinal);
    }

    // Another item of the same request is enough to tell the regions apart.
    [Fact]
    public void Another_item_for_another_region_tells_the_regions_apart()
    {
        var item = Decide(CaseBuilder.Chronic().Dates("2013-06-03", "2012-09-10").Dx("M79.1").Regions().Improved()
            .Prior("physical_therapy", 10, "2013-01-07", "2013-04-01")
            .Item("physical_therapy", 6, "lumbar_spine").Item("physical_therapy", 6, "knee"));
        Assert.Equal(0, item.Criterion(RecommendedCourse).Prior);
    }

    // Labor Code 4604.5(c)(1) caps visits per industrial injury, not per region: every prior visit counts there.
    [Fact]
    public void The_statutory_cap_still_counts_prior_visits_without_a_region()
    {
        var item = Decide(CaseBuilder.Chronic().Dates("2013-06-03", "2012-09-10").Dx("M79.1").Regions("lumbar_spine", "shoulder").Improved()
            .Prior("physical_therapy", 20, "2012-10-01", "2013-04-01").Item("physical_therapy", 6, "lumbar_spine"));
        Assert.Equal(20, item.Criterion(StatutoryCap).Prior);
        Assert.Equal(NotMet, item.Status(StatutoryCap));
    }
}
