using BenchmarkDotNet.Attributes;
using ImrGrpc.Benchmarks.Peer;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;
using RulesEngine.Models;

namespace ImrGrpc.Benchmarks;

/// <summary>
/// What each side pays before its first decision on a version (the seed case's, mtus-2009): the engine compiles the
/// rule book; RulesEngine parses the JSON workflows and compiles each of them (one per treatment) on its first
/// execution. Measured in a warm process, so neither figure includes JIT or assembly loading.
/// </summary>
[MemoryDiagnoser]
public class ColdStartBenchmarks
{
    private GuidelineBook _book = null!;
    private string[] _workflowsJson = [];
    private string[] _workflowNames = [];
    private RuleParameter[] _input = [];

    [GlobalSetup]
    public void Setup()
    {
        var seed = BenchmarkCases.SeedCase();
        _book = SeedGuidelines.BookInForceOn(seed.Request.RequestDate);
        var guideline = GuidelineCompiler.Compile(_book);
        _workflowsJson = new PeerSession(guideline).WorkflowsJson;
        _workflowNames = guideline.Catalog.Treatments.Select(t => t.Code).ToArray();
        var item = seed.Request.Items[0];
        _input = PeerSession.Parameters(PeerFlattener.Flatten(guideline, seed.Request, item, seed.CourseRowByItem[item.ItemId]));
    }

    [Benchmark(Baseline = true, Description = "ImrEngine (Compile)")]
    public CompiledGuideline EngineCompile() => GuidelineCompiler.Compile(_book);

    [Benchmark(Description = "RulesEngine (load JSON + compile every workflow)")]
    public int RulesEngineLoadAndCompile()
    {
        var rules = new RulesEngine.RulesEngine(_workflowsJson, new ReSettings());
        var results = 0;
        foreach (var name in _workflowNames)
        {
            results += rules.ExecuteAllRulesAsync(name, _input).GetAwaiter().GetResult().Count;
        }
        return results;
    }
}
