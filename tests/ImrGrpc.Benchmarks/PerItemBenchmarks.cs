using BenchmarkDotNet.Attributes;
using ImrGrpc.Benchmarks.Peer;
using ImrGrpc.Benchmarks.TablePeer;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;
using RulesEngine.Models;

namespace ImrGrpc.Benchmarks;

/// <summary>
/// Deciding items: the engine against the two RulesEngine peers, on the same case, in the same run. Every invocation
/// decides exactly <see cref="ItemsPerInvoke"/> items (the seed case five times, the post-surgical case ten times,
/// the ten-item case once) and declares them as operations, so Mean and Allocated read per item.
/// <list type="bullet">
/// <item><c>ImrEngine</c>: a whole <see cref="DecisionEngine.Evaluate"/> from the request (row selection, prior
/// counts, every criterion, findings, citations, determination) divided by the items; the decision id is worked out
/// when a response asks for it, and "+ decision id" measures the two together.</item>
/// <item><c>RE table-driven</c>: <see cref="TableDrivenPeer.Decide"/> from the request: build the inputs, execute the
/// selection rules generated from the version's course rows, pick the governing row (C#), count priors, execute that
/// row's criteria rules. No decision id, findings, citations or determination. "executions only" runs the same two
/// executions and the precedence step on inputs built in setup.</item>
/// <item><c>RE row-given</c>: the six-rule peer, handed the governing row's numbers with its input (no selection).</item>
/// </list>
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
    private TableDrivenPeer _tableOne = null!;
    private TableDrivenPeer _tablePerTreatment = null!;
    private PreparedItem[] _prepared = [];

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

        // RulesEngine parses its workflows here and compiles each on first use: the parity checks run every item once,
        // so what is measured below is execution only, as for the engine, whose compilation is also done here.
        _peer = new PeerSession(_guideline);
        PeerParity.Verify(benchmarkCase, _guideline, _peer);

        var book = SeedGuidelines.BookInForceOn(_request.RequestDate);
        _tableOne = new TableDrivenPeer(book, TableLayout.OneWorkflow);
        _tablePerTreatment = new TableDrivenPeer(book, TableLayout.PerTreatment);
        TableParity.Verify(Case, _request, _guideline, _tableOne);
        TableParity.Verify(Case, _request, _guideline, _tablePerTreatment);
        _prepared = _tableOne.Prepare(_request);

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

    /// <summary>The engine's decision with the decision id the response carries (the peers compute none).</summary>
    [Benchmark(OperationsPerInvoke = ItemsPerInvoke, Description = "ImrEngine (Evaluate + decision id)")]
    public int ImrEngine_WithDecisionId()
    {
        var length = 0;
        for (var r = 0; r < _repeats; r++)
        {
            length += DecisionEngine.Evaluate(_guideline, _request).DecisionId.Length;
        }
        return length;
    }

    [Benchmark(OperationsPerInvoke = ItemsPerInvoke, Description = "RE table-driven, one workflow")]
    public int RulesEngine_Table_OneWorkflow() => Table(_tableOne);

    [Benchmark(OperationsPerInvoke = ItemsPerInvoke, Description = "RE table-driven, workflow per treatment")]
    public int RulesEngine_Table_PerTreatment() => Table(_tablePerTreatment);

    [Benchmark(OperationsPerInvoke = ItemsPerInvoke, Description = "RE table-driven, one workflow, executions only")]
    public int RulesEngine_Table_ExecutionsOnly()
    {
        var criteria = 0;
        for (var r = 0; r < _repeats; r++)
        {
            for (var i = 0; i < _prepared.Length; i++)
            {
                criteria += _tableOne.Execute(_prepared[i]).Criteria.Length;
            }
        }
        return criteria;
    }

    [Benchmark(OperationsPerInvoke = ItemsPerInvoke, Description = "RE row-given (execute)")]
    public int RulesEngine_RowGiven_Execute()
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

    [Benchmark(OperationsPerInvoke = ItemsPerInvoke, Description = "RE row-given (flatten + execute)")]
    public int RulesEngine_RowGiven_FlattenExecute()
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

    private int Table(TableDrivenPeer peer)
    {
        var criteria = 0;
        for (var r = 0; r < _repeats; r++)
        {
            criteria += peer.Decide(_request)[0].Criteria.Length;
        }
        return criteria;
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
