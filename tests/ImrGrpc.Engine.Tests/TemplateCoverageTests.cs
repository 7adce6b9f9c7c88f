using System.Text.RegularExpressions;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Rationale;

namespace ImrGrpc.Engine.Tests;

/// <summary>Every criterion outcome and finding has its own wording; no raw code ever leaks into text.</summary>
public sealed partial class TemplateCoverageTests
{
    /// <summary>The outcomes that fail or leave a criterion undocumented: each must be explained in the paragraph.</summary>
    private static readonly HashSet<Reason> Shortfalls =
    [
        Reason.NotRecommended, Reason.NoGuidelineAddresses, Reason.RadiculopathyNotCorroborated, Reason.RadiculopathyUndocumented,
        Reason.ExceedsTrial, Reason.ExceedsCourse, Reason.ExceedsSessionLimit, Reason.ExceedsFrequency, Reason.ImprovementNotShown,
        Reason.ImprovementUndocumented, Reason.ResponseInsufficient, Reason.ResponseUndocumented, Reason.IntervalTooShort,
        Reason.IntervalUndocumented, Reason.NotReturnedToWork, Reason.WorkStatusUndocumented, Reason.TooSoonAfterInjury,
        Reason.TooLongAfterInjury, Reason.AdjunctAbsent, Reason.AdjunctUndocumented, Reason.PassiveBeyondCourse, Reason.ExceedsCap,
        Reason.RunsPastPostSurgicalPeriod, Reason.ExceedsCourseWeeks, Reason.IndicatedConditionAbsent, Reason.IndicatedConditionUndocumented,
    ];

    private static (CaseDecision Decision, ItemDecision Item) Sample()
    {
        var decision = CaseBuilder.Chronic().Dates("2014-03-03", "2013-08-20").Regions("shoulder").Dx("G90.511")
            .PostSurgical("rotator_cuff_repair_arthroscopic", "2014-01-13").Plateaued()
            .Prior("physical_therapy", 6, "2014-01-20", "2014-02-20", "shoulder")
            .Item("physical_therapy", 12, "shoulder").Decide();
        return (decision, decision.Items[0]);
    }

    /// <summary>What one sentence template writes into a paragraph of its own.</summary>
    private static string SentenceOf(Func<DetailText, bool> template)
    {
        using var paragraph = new DetailText(256, ' ');
        template(paragraph);
        return paragraph.ToString();
    }

    private static CriterionResult For(Reason reason, ItemDecision item)
    {
        var subject = reason switch
        {
            Reason.NotRecommended => "knee",
            Reason.AdjunctConcurrentItem or Reason.AdjunctOngoingTreatment or Reason.AdjunctAbsent => "physical_therapy",
            Reason.WithinPostSurgicalPeriod or Reason.PostSurgicalPeriodEnded or Reason.RunsPastPostSurgicalPeriod => "rotator_cuff_repair_arthroscopic",
            _ => null,
        };
        var rule = reason is Reason.WithinCap or Reason.ExceedsCap or Reason.InjuryBeforeCap
            ? TestBook.Default.RulesById["cap-pt"]
            : reason is Reason.ResponseSufficient or Reason.ResponseInsufficient or Reason.ResponseUndocumented
                ? item.Governing!.WithRepeatColumns()
                : reason is Reason.IndicatedConditionDocumented or Reason.IndicatedConditionAbsent or Reason.IndicatedConditionUndocumented
                    ? item.Governing!.WithIndicatedConditions("crps", "neuralgia_neuritis_radiculitis")
                    : item.Governing!;
        // The indication names the diagnosis by its position on the record: the sample's only diagnosis.
        var prior = reason == Reason.IndicatedConditionDocumented ? 0 : 6;
        subject = reason == Reason.IndicatedConditionDocumented ? "crps" : subject;
        return new CriterionResult(CriterionCode.Recommended, Shortfalls.Contains(reason) ? CriterionStatus.NotMet : CriterionStatus.Met,
            reason, rule, prior, 4, 10, 4, Subject: subject);
    }

    [Fact]
    public void Every_outcome_has_a_detail_line_without_raw_codes()
    {
        var (decision, item) = Sample();
        foreach (var reason in Enum.GetValues<Reason>())
        {
            var text = DetailFormatter.Criterion(decision, item, For(reason, item));
            Assert.False(string.IsNullOrWhiteSpace(text), reason.ToString());
            Assert.DoesNotMatch(RawCode(), text);
        }
    }

    [Fact]
    public void Every_shortfall_has_a_sentence_and_a_summary_phrase()
    {
        var (decision, item) = Sample();
        var x = new Context(decision, item, "visits", "Physical therapy x 12");
        foreach (var reason in Shortfalls)
        {
            var c = For(reason, item);
            var sentence = SentenceOf(p => reason switch
            {
                Reason.NotRecommended => Sentences.NotRecommended(p, x, c),
                Reason.NoGuidelineAddresses => Sentences.NoGuideline(p, x, null),
                Reason.ImprovementNotShown or Reason.ImprovementUndocumented => Sentences.FunctionalImprovement(p, x, c),
                Reason.ExceedsTrial or Reason.ExceedsCourse => Sentences.Comparison(p, x, c),
                _ => Sentences.Other(p, x, c),
            });
            Assert.False(string.IsNullOrWhiteSpace(sentence), $"no sentence for {reason}");
            Assert.DoesNotMatch(RawCode(), sentence!);
            Assert.EndsWith(".", sentence);
        }
        var summary = DetailFormatter.Summary(decision, item);
        Assert.DoesNotMatch(RawCode(), summary.Replace(item.Governing!.Id, ""));
    }

    [Fact]
    public void Every_finding_has_a_detail_line_without_raw_codes()
    {
        var (decision, item) = Sample();
        foreach (var code in Enum.GetValues<FindingCode>())
        {
            var finding = new FindingResult(code, item.Governing,
                code is FindingCode.ConditionGroupMatched ? "its code is the most specific" :
                code is FindingCode.NonMtusCitedWhereMtusAddresses ? "ODG" : code is FindingCode.NonMtusGuidelineApplied or FindingCode.NoGuidelineAddresses
                    or FindingCode.TreatmentOutsidePostSurgicalGuidelines or FindingCode.TreatmentEntryCited ? "physical_therapy"
                    : code is FindingCode.PriorWithoutRegionNotCounted ? "knee" : "rotator_cuff_repair_arthroscopic",
                Index: 0);
            var withDiagnosis = CaseBuilder.Chronic().Dx("M79.1").Item("physical_therapy", 6).Decide();
            var text = DetailFormatter.Finding(code == FindingCode.ConditionGroupMatched ? withDiagnosis : decision, item, finding);
            Assert.False(string.IsNullOrWhiteSpace(text), code.ToString());
            Assert.DoesNotMatch(RawCode(), text.Replace(item.Governing!.Id, "").Replace("pm-myalgia", ""));
            Assert.NotEqual("", CriterionCodes.Code(code));
        }
    }

    [Fact]
    public void Every_criterion_code_has_a_contract_name_and_a_label()
    {
        foreach (var code in Enum.GetValues<CriterionCode>())
        {
            Assert.Matches("^[a-z_]+$", CriterionCodes.Code(code));
            Assert.DoesNotMatch(RawCode(), CriterionCodes.Label(code));
        }
    }

    [GeneratedRegex(@"\b[a-z]+_[a-z_]+\b")]
    private static partial Regex RawCode();
}

internal static class RuleTestExtensions
{
    /// <summary>A copy of the rule compiled with the repeat-injection columns set, for templates that read them.</summary>
    public static Compilation.CompiledRule WithRepeatColumns(this Compilation.CompiledRule rule) =>
        Compilation.GuidelineCompiler.Compile(new Model.GuidelineBook(
            TestBook.Default.Version, TestBook.Catalog,
            [rule.Row with { RepeatMinReliefPercent = 50, RepeatMinReliefWeeks = 6, RepeatRequiresMedicationReduction = true }])).Rules[0];

    /// <summary>A copy of the rule compiled with the conditions it is indicated for.</summary>
    public static Compilation.CompiledRule WithIndicatedConditions(this Compilation.CompiledRule rule, params string[] groups) =>
        Compilation.GuidelineCompiler.Compile(new Model.GuidelineBook(
            TestBook.Default.Version, TestBook.Catalog, [rule.Row with { IndicatedConditionGroups = groups }])).Rules[0];
}
