using BenchmarkDotNet.Attributes;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Rationale;

namespace ImrGrpc.Benchmarks;

/// <summary>
/// Rendering the seed determination (two items): the whole rationale section as letter text and as Markdown, and the
/// one-line detail of every criterion EvaluateRequest returns. Per case; halve for per item.
/// </summary>
[MemoryDiagnoser]
public class RationaleBenchmarks
{
    private CaseDecision _decision = null!;

    [GlobalSetup]
    public void Setup()
    {
        var request = BenchmarkCases.SeedCase().Request;
        _decision = DecisionEngine.Evaluate(SeedGuidelines.CompileInForceOn(request.RequestDate), request);
    }

    [Benchmark]
    public CaseRationale RenderText() => RationaleRenderer.Render(_decision, RationaleFormat.Text, null);

    [Benchmark]
    public CaseRationale RenderMarkdown() => RationaleRenderer.Render(_decision, RationaleFormat.Markdown, null);

    /// <summary>DetailFormatter.Criterion for each criterion of both items (what EvaluateRequest puts in each criterion's detail).</summary>
    [Benchmark]
    public int CriterionDetails()
    {
        var length = 0;
        foreach (var item in _decision.Items)
        {
            foreach (var criterion in item.Criteria)
            {
                length += DetailFormatter.Criterion(_decision, item, criterion).Length;
            }
        }
        return length;
    }
}
