using System.Text;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;

namespace ImrGrpc.Benchmarks.TablePeer;

/// <summary>
/// Checks that the table-driven peer decides a request exactly as the engine does, item by item: the same governing
/// row id, and the same criteria in the same order with the same status (met, not met, unknown, not applicable).
/// A benchmark of two engines that decide differently compares nothing, so any difference throws.
/// </summary>
public static class TableParity
{
    /// <summary>One line per item ("governing row: criterion=status ..."); throws when the two differ.</summary>
    public static IReadOnlyList<string> Verify(string name, CaseRequest request, CompiledGuideline guideline, TableDrivenPeer peer)
    {
        var decision = DecisionEngine.Evaluate(guideline, request);
        var peerDecisions = peer.Decide(request);
        var lines = new List<string>();
        var problems = new List<string>();
        if (peerDecisions.Length != decision.Items.Count)
        {
            problems.Add($"the engine decided {decision.Items.Count} items, the peer {peerDecisions.Length}");
        }
        for (var i = 0; i < Math.Min(peerDecisions.Length, decision.Items.Count); i++)
        {
            var item = decision.Items[i];
            var mine = peerDecisions[i];
            var where = $"{name} item {item.Item.ItemId} ({item.Item.Treatment})";
            if (item.Governing?.Id != mine.GoverningRowId)
            {
                problems.Add($"{where}: the engine governed with '{item.Governing?.Id ?? "(none)"}', the peer with '{mine.GoverningRowId ?? "(none)"}'");
            }
            var engine = item.Criteria.Select(c => (Criterion: CriterionCodes.Code(c.Code), Status: c.Status.ToString())).ToArray();
            var peerCriteria = mine.Criteria.Select(c => (c.Criterion, c.Status)).ToArray();
            if (!engine.SequenceEqual(peerCriteria))
            {
                problems.Add($"{where}: criteria differ\n      engine: {Describe(engine)}\n      peer:   {Describe(peerCriteria)}");
            }
            lines.Add(new StringBuilder()
                .Append($"{name,-13} item {item.Item.ItemId,-3} {item.Item.Treatment,-26} {mine.GoverningRowId ?? "(none)",-38} ")
                .Append(Describe(peerCriteria)).ToString());
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The table-driven RulesEngine peer ({peer.Layout}) and the engine disagree on '{name}':\n  " + string.Join("\n  ", problems));
        }
        return lines;
    }

    private static string Describe(IEnumerable<(string Criterion, string Status)> criteria) =>
        string.Join(" ", criteria.Select(c => $"{c.Criterion}={Short(c.Status)}"));

    private static string Short(string status) => status switch
    {
        nameof(CriterionStatus.Met) => "met",
        nameof(CriterionStatus.NotMet) => "NOT-MET",
        nameof(CriterionStatus.Unknown) => "unknown",
        nameof(CriterionStatus.NotApplicable) => "n/a",
        _ => status,
    };
}
