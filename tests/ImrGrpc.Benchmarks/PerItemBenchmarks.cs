using BenchmarkDotNet.Attributes;
using ImrGrpc.Benchmarks.Peer;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;
using RulesEngine.Models;

namespace ImrGrpc.Benchmarks;

/// <summary>
/// Deciding items: the engine against the RulesEngine peer, on the same case, in the same run. Every invocation
/// decides exactly <see cref="ItemsPerInvoke"/> items (the seed case five times, the post-surgical case ten times,
/// the ten-item case once) and declares them as operations, so Mean and Allocated read per item. The engine's
/// figure is a whole <see cref="DecisionEngine.Evaluate"/> (row selection, prior counts, every criterion, findings,
/// citations, the decision id) divided by the items; the peer's is its six rules per item.
/// </summary>
// Not sealed: BenchmarkDotNet generates a class deriving from each benchmark class.
[MemoryDiagnoser]
public class PerItemBenchmarks
{
    public const int ItemsPerInvoke = 10;

    private CompiledGuideline _guideline = null!;
    private CaseRequest _request = null!;
    private int _repeats;
    private PeerSession _peer = null!;
    private RequestedItem[] _items = [];
    private string[] _rowIds = [];
    private RuleParameter[][] _inputs = [];

    public static IEnumerable<string> Cases => BenchmarkCases.Names;

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = BenchmarkCases.Seed;

    [GlobalSetup]
    public void Setup()
    {
        var benchmarkCase = BenchmarkCases.Get(Case);
        _request = benchmarkCase.Request;
        _guideline = SeedGuidelines.CompileInForceOn(_request.RequestDate);
        var count = _request.Items.Count;
        if (count == 0 || ItemsPerInvoke % count != 0)
        {
            throw new InvalidOperationException($"case '{Case}' has {count} items; {ItemsPerInvoke} must be a multiple of it");
        }
        _repeats = ItemsPerInvoke / count;

        // RulesEngine parses its workflows here and compiles each on first use: the parity check runs every item once,
        // so what is measured below is execution only, as for the engine, whose compilation is also done here.
        _peer = new PeerSession(_guideline);
        PeerParity.Verify(benchmarkCase, _guideline, _peer);

        _items = [.. _request.Items];
        _rowIds = _items.Select(i => benchmarkCase.CourseRowByItem[i.ItemId]).ToArray();
        _inputs = _items.Select((item, i) => PeerSession.Parameters(PeerFlattener.Flatten(_guideline, _request, item, _rowIds[i]))).ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ItemsPerInvoke, Description = "ImrEngine (Evaluate)")]
    public int ImrEngine()
    {
        var approvable = 0;
        for (var r = 0; r < _repeats; r++)
        {
            var decision = DecisionEngine.Evaluate(_guideline, _request);
            approvable += decision.Items[0].ApprovableQuantity;
        }
        return approvable;
    }

    [Benchmark(OperationsPerInvoke = ItemsPerInvoke, Description = "RulesEngine (execute)")]
    public int RulesEngineExecute()
    {
        var passed = 0;
        for (var r = 0; r < _repeats; r++)
        {
            for (var i = 0; i < _items.Length; i++)
            {
                passed += Passed(_peer.Execute(_items[i].Treatment, _inputs[i]));
            }
        }
        return passed;
    }

    [Benchmark(OperationsPerInvoke = ItemsPerInvoke, Description = "RulesEngine (flatten + execute)")]
    public int RulesEngineFlattenExecute()
    {
        var passed = 0;
        for (var r = 0; r < _repeats; r++)
        {
            for (var i = 0; i < _items.Length; i++)
            {
                var facts = PeerFlattener.Flatten(_guideline, _request, _items[i], _rowIds[i]);
                passed += Passed(_peer.Execute(_items[i].Treatment, PeerSession.Parameters(facts)));
            }
        }
        return passed;
    }

    private static int Passed(List<RuleResultTree> results)
    {
        var passed = 0;
        foreach (var result in results)
        {
            if (result.IsSuccess)
            {
                passed++;
            }
        }
        return passed;
    }
}
