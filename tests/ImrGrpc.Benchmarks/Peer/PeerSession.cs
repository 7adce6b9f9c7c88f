using ImrGrpc.Engine.Compilation;
using RulesEngine.Models;

namespace ImrGrpc.Benchmarks.Peer;

/// <summary>
/// A RulesEngine instance holding the session-limit workflows of one guideline version. Workflows are parsed when
/// it is built and each is compiled on its first execution, so callers warm it (the parity check does) before measuring.
/// </summary>
public sealed class PeerSession
{
    private readonly RulesEngine.RulesEngine _rules;

    public PeerSession(CompiledGuideline guideline)
    {
        Guideline = guideline;
        WorkflowsJson = PeerWorkflows.Build(guideline).Select(PeerWorkflows.ToJson).ToArray();
        // Loaded from JSON, as a RulesEngine deployment loads its rule files; default settings.
        _rules = new RulesEngine.RulesEngine(WorkflowsJson, new ReSettings());
    }

    public CompiledGuideline Guideline { get; }

    /// <summary>One JSON document per workflow (per treatment code).</summary>
    public string[] WorkflowsJson { get; }

    /// <summary>Runs every rule of the treatment's workflow. RulesEngine's API is asynchronous; it completes without waiting here.</summary>
    public List<RuleResultTree> Execute(string treatment, RuleParameter[] input) =>
        _rules.ExecuteAllRulesAsync(treatment, input).GetAwaiter().GetResult();

    public static RuleParameter[] Parameters(SessionFacts facts) => [new RuleParameter(PeerWorkflows.Input, facts)];
}
