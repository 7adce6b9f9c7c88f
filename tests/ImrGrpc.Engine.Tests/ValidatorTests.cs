using ImrGrpc.Engine.Model;
using ImrGrpc.Engine.Validation;

namespace ImrGrpc.Engine.Tests;

/// <summary>What publishing refuses, one rule at a time, and that the shipped seed passes.</summary>
public sealed class ValidatorTests
{
    private static GuidelineBook Seed(string id = "mtus-2009") => SeedBook.Version(id).Book;

    private static IReadOnlyList<ValidationProblem> ValidateWith(Func<List<RuleRow>, List<RuleRow>> edit)
    {
        var book = Seed();
        return GuidelineValidator.Validate(book with { Rules = edit(book.Rules.ToList()) });
    }

    [Theory]
    [InlineData("mtus-2009")]
    [InlineData("mtus-2015")]
    [InlineData("mtus-2016")]
    [InlineData("mtus-2017")]
    public void The_seed_versions_have_no_errors(string id)
    {
        var problems = GuidelineValidator.Validate(Seed(id));
        Assert.Empty(problems.Where(p => p.Severity == Severity.Error).Select(p => p.ToString()));
    }

    public static TheoryData<string, string, string> Broken => new()
    {
        { "min-above-max", "cpmtg-pm-myalgia", "minimum 11 is above the maximum 10" },
        { "trial-above-max", "cpmtg-manip-low-back", "trial 20 is above the maximum 18" },
        { "unknown-treatment", "cpmtg-massage", "unknown treatment 'reiki'" },
        { "unknown-region", "cpmtg-manip-knee", "unknown body region 'kneee'" },
        { "unknown-group", "cpmtg-pm-neuralgia", "unknown condition group 'neuralgia'" },
        { "no-citation", "cpmtg-massage", "cites neither pages nor a section" },
        { "duplicate-key", "cpmtg-pm-crps-copy", "has the same key as row cpmtg-pm-crps" },
        { "unmapped-group", "cpmtg-pm-neuralgia", "no ICD-10 prefix maps to 'low_back_pain_unmapped'" },
        { "unknown-principle", "cpmtg-functional-improvement", "is not a principle any criterion cites" },
        { "no-default", null!, "treatment 'physical_therapy' has no default row" },
        { "shadowed-odg", "odg-pt-copy", "never used" },
        { "negative", "cpmtg-massage", "-1 is negative" },
        { "procedure-without-row", null!, "procedure 'meniscectomy' has no post-surgical row" },
        { "trial-from-unknown", "cpmtg-massage", "no row 'acup-scheduel' in this version" },
        { "trial-from-no-trial", "cpmtg-manip-low-back", "is not a course row that sets a trial of its own" },
        { "max-from-unknown", "cpmtg-work-conditioning", "no row 'odg-work-conditionin' in this version" },
        { "max-from-and-own-max", "cpmtg-work-conditioning", "sets its own max_visits" },
        { "max-from-no-max", "cpmtg-work-conditioning", "is not a course row that sets a maximum of its own" },
        { "unknown-indicated-group", "cpmtg-tens-chronic", "unknown condition group 'ms'" },
        { "entry-without-treatment", "cpmtg-aquatic-therapy", "must name the treatments" },
        { "negative-relief-weeks", "cpmtg-massage", "-2 is negative" },
        { "percent-above-100", "cpmtg-massage", "150% is not between 0 and 100" },
        { "unknown-adjunct-without-program", "cpmtg-massage", "unknown treatment 'yoga'" },
        { "principle-on-a-course-row", "cpmtg-massage", "'milestones' is not a principle any criterion cites" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_table_is_refused_with_the_row_and_the_reason(string breakage, string ruleId, string message)
    {
        var problems = ValidateWith(rows => breakage switch
        {
            "min-above-max" => rows.Replace("cpmtg-pm-myalgia", r => r with { MinVisits = 11 }),
            "trial-above-max" => rows.Replace("cpmtg-manip-low-back", r => r with { TrialVisits = 20 }),
            "unknown-treatment" => rows.Replace("cpmtg-massage", r => r with { Treatments = ["reiki"] }),
            "unknown-region" => rows.Replace("cpmtg-manip-knee", r => r with { BodyRegions = ["kneee"] }),
            "unknown-group" => rows.Replace("cpmtg-pm-neuralgia", r => r with { ConditionGroup = "neuralgia" }),
            "no-citation" => rows.Replace("cpmtg-massage", r => r with { Pages = [], Section = "" }),
            "duplicate-key" => [.. rows, rows.Single(r => r.Id == "cpmtg-pm-crps") with { Id = "cpmtg-pm-crps-copy" }],
            "unmapped-group" => rows.Replace("cpmtg-pm-neuralgia", r => r with { ConditionGroup = "low_back_pain_unmapped" }),
            "unknown-principle" => rows.Replace("cpmtg-functional-improvement", r => r with { Principle = "milestones" }),
            "no-default" => rows.Replace("cpmtg-pm-myalgia", r => r with { IsDefault = false })
                .Where(r => r.Id != "odg-pt-general").ToList(),
            "shadowed-odg" => [.. rows, rows.Single(r => r.Id == "odg-pt-general") with { Id = "odg-pt-copy", Phase = Phase.Chronic, TrialVisits = 5 }],
            "negative" => rows.Replace("cpmtg-massage", r => r with { MinVisits = -1 }),
            "procedure-without-row" => rows.Where(r => r.Id != "pstg-meniscectomy").ToList(),
            "trial-from-unknown" => rows.Replace("cpmtg-massage", r => r with { TrialFrom = "acup-scheduel" }),
            "trial-from-no-trial" => rows.Replace("cpmtg-manip-low-back", r => r with { TrialVisits = null, TrialFrom = "cpmtg-massage" }),
            "max-from-unknown" => rows.Replace("cpmtg-work-conditioning", r => r with { MaxVisitsFrom = "odg-work-conditionin" }),
            "max-from-and-own-max" => rows.Replace("cpmtg-work-conditioning", r => r with { MaxVisits = 10 }),
            "max-from-no-max" => rows.Replace("cpmtg-work-conditioning", r => r with { MaxVisitsFrom = "cpmtg-tens-chronic" }),
            "unknown-indicated-group" => rows.Replace("cpmtg-tens-chronic", r => r with { IndicatedConditionGroups = ["crps", "ms"] }),
            "entry-without-treatment" => rows.Replace("cpmtg-aquatic-therapy", r => r with { Treatments = [] }),
            "negative-relief-weeks" => rows.Replace("cpmtg-massage", r => r with { RepeatMinReliefWeeks = -2 }),
            "percent-above-100" => rows.Replace("cpmtg-massage", r => r with { RepeatMinReliefPercent = 150 }),
            "unknown-adjunct-without-program" => rows.Replace("cpmtg-massage", r => r with { AdjunctTreatment = "yoga" }),
            "principle-on-a-course-row" => rows.Replace("cpmtg-massage", r => r with { Principle = "milestones" }),
            _ => rows,
        });
        var errors = problems.Where(p => p.Severity == Severity.Error).ToList();
        Assert.Contains(errors, p => p.RuleId == ruleId && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_weeks_are_a_warning_not_an_error()
    {
        var problems = GuidelineValidator.Validate(Seed());
        Assert.Contains(problems, p => p.Severity == Severity.Warning && p.RuleId == "cpmtg-massage" && p.Field == "over_weeks");
    }

    /// <summary>The editor checks a row with <see cref="GuidelineValidator.CheckRow"/>; publishing must find the same in it.</summary>
    [Theory]
    [InlineData("mtus-2009")]
    [InlineData("mtus-2017")]
    public void The_row_check_the_editor_runs_finds_what_publishing_finds_in_that_row(string id)
    {
        var book = Seed(id);
        var broken = book with
        {
            Rules = book.Rules.ToList().Replace("cpmtg-pm-myalgia", r => r with { MinVisits = 12, TrialWeeks = 20, Treatments = [.. r.Treatments, "reiki"] }),
        };
        var atPublish = GuidelineValidator.Validate(broken);
        foreach (var row in broken.Rules)
        {
            var alone = GuidelineValidator.CheckRow(row, broken.Catalog);
            Assert.All(alone, p => Assert.Contains(p, atPublish));
        }
        var myalgia = GuidelineValidator.CheckRow(broken.Rules.Single(r => r.Id == "cpmtg-pm-myalgia"), broken.Catalog);
        Assert.Equal(
            [(Severity.Error, "treatments"), (Severity.Error, "min_visits"), (Severity.Warning, "trial_weeks")],
            myalgia.Select(p => (p.Severity, p.Field!)));
    }
}
