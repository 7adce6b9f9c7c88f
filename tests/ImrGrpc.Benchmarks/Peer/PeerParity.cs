using System.Text;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;

namespace ImrGrpc.Benchmarks.Peer;

/// <summary>
/// Checks that the RulesEngine peer passes and fails the same criteria as the engine on a case, item by item, and
/// that the engine governed each item with the row the peer read its numbers from. A benchmark of two engines that
/// decide differently compares nothing, so any difference throws.
/// </summary>
public static class PeerParity
{
    private static readonly (string Rule, CriterionCode Code)[] Compared =
    [
        (PeerWorkflows.Rules.Recommended, CriterionCode.Recommended),
        (PeerWorkflows.Rules.TrialCourse, CriterionCode.TrialCourse),
        (PeerWorkflows.Rules.RecommendedCourse, CriterionCode.RecommendedCourse),
        (PeerWorkflows.Rules.FunctionalImprovement, CriterionCode.FunctionalImprovement),
        (PeerWorkflows.Rules.AdjunctActiveTherapy, CriterionCode.AdjunctActiveTherapy),
        (PeerWorkflows.Rules.StatutoryCap, CriterionCode.StatutoryCap),
    ];

    /// <summary>
    /// Returns one line per item: each peer rule's outcome with the engine's status in brackets
    /// ("recommended_course=FAIL(NotMet)"); throws when the two differ.
    /// </summary>
    public static IReadOnlyList<string> Verify(BenchmarkCase benchmarkCase, CompiledGuideline guideline, PeerSession peer)
    {
        var request = benchmarkCase.Request;
        var decision = DecisionEngine.Evaluate(guideline, request);
        var lines = new List<string>();
        var problems = new List<string>();
        foreach (var item in decision.Items)
        {
            var where = $"{benchmarkCase.Name} item {item.Item.ItemId} ({item.Item.Treatment})";
            var rowId = benchmarkCase.CourseRowByItem[item.Item.ItemId];
            var facts = PeerFlattener.Flatten(guideline, request, item.Item, rowId);
            var results = peer.Execute(item.Item.Treatment, PeerSession.Parameters(facts))
                .ToDictionary(r => r.Rule.RuleName, StringComparer.Ordinal);

            var recommended = item.Criteria.First(c => c.Code == CriterionCode.Recommended);
            var notRecommended = recommended.Status == CriterionStatus.NotMet;
            if (!notRecommended && item.Governing?.Id != rowId)
            {
                problems.Add($"{where}: the engine governed with '{item.Governing?.Id}', the peer read '{rowId}'");
            }

            var line = new StringBuilder($"{benchmarkCase.Name,-13} item {item.Item.ItemId,-2} {item.Item.Treatment,-26} {item.Determination,-22}");
            foreach (var (ruleName, code) in Compared)
            {
                if (!results.TryGetValue(ruleName, out var result))
                {
                    problems.Add($"{where}: the peer has no rule '{ruleName}'");
                    continue;
                }
                if (!string.IsNullOrEmpty(result.ExceptionMessage))
                {
                    problems.Add($"{where}: rule '{ruleName}' failed to run: {result.ExceptionMessage}");
                    continue;
                }
                if (notRecommended && code != CriterionCode.Recommended)
                {
                    // The engine stops at "not recommended" and reports no other criterion.
                    continue;
                }
                var engine = item.Criteria.Where(c => c.Code == code).Select(c => (CriterionStatus?)c.Status).FirstOrDefault();
                // A criterion the engine does not report does not apply: the peer's rule must pass.
                var enginePasses = engine is null or CriterionStatus.Met or CriterionStatus.NotApplicable;
                line.Append(' ').Append(ruleName).Append('=').Append(result.IsSuccess ? "pass" : "FAIL")
                    .Append('(').Append(engine switch { CriterionStatus.NotApplicable or null => "n/a", { } s => s.ToString() }).Append(')');
                if (enginePasses != result.IsSuccess)
                {
                    problems.Add($"{where}: {ruleName}: engine {engine?.ToString() ?? "(not reported)"}, peer {(result.IsSuccess ? "pass" : "fail")}");
                }
            }
            lines.Add(line.ToString());
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The RulesEngine peer and the engine disagree on case '{benchmarkCase.Name}':\n  " + string.Join("\n  ", problems));
        }
        return lines;
    }
}
