using BenchmarkDotNet.Attributes;
using ImrGrpc.Benchmarks.TablePeer;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Benchmarks;

/// <summary>
/// Cost per item as requests grow: the ten-item case's items decided as ten one-item requests (<c>Items</c> = 1), as
/// the ten-item request (10), and as one request with the ten items ten times over (100, ids 1-100). The item mix is
/// the same at every size; every invocation decides exactly 100 items. The engine's per-request work (the decision id,
/// the diagnosis groups, the functional assessment) spreads over more items; its per-item scans over the other items
/// (concurrent active therapy, adjunct programs) grow with them.
/// </summary>
[MemoryDiagnoser]
public class ItemScalingBenchmarks
{
    public const int ItemsPerInvoke = 100;

    private CompiledGuideline _guideline = null!;
    private TableDrivenPeer _peer = null!;
    private CaseRequest[] _requests = [];
    private int _repeats;

    [Params(1, 10, 100)]
    public int Items { get; set; } = 10;

    [GlobalSetup]
    public void Setup()
    {
        var shape = BenchmarkCases.TenItemCase().Request;
        _requests = Requests(shape, Items);
        _repeats = ItemsPerInvoke / _requests.Sum(r => r.Items.Count);
        var book = SeedGuidelines.BookInForceOn(shape.RequestDate);
        _guideline = GuidelineCompiler.Compile(book);
        _peer = new TableDrivenPeer(book, TableLayout.PerTreatment);
        for (var i = 0; i < _requests.Length; i++)
        {
            TableParity.Verify($"{Items}-item request {i + 1}", _requests[i], _guideline, _peer);
        }
    }

    /// <summary>The case's items split into one-item requests, or repeated (with new ids) to the size asked.</summary>
    public static CaseRequest[] Requests(CaseRequest shape, int items)
    {
        if (items == 1)
        {
            return shape.Items.Select(item => shape with { CaseId = $"{shape.CaseId}-{item.ItemId}", Items = [item] }).ToArray();
        }
        var list = Enumerable.Range(0, items)
            .Select(i => shape.Items[i % shape.Items.Count] with { ItemId = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .ToArray();
        return [shape with { CaseId = $"{shape.CaseId}-{items}", Items = list }];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ItemsPerInvoke, Description = "ImrEngine (Evaluate)")]
    public int ImrEngine()
    {
        var approvable = 0;
        for (var r = 0; r < _repeats; r++)
        {
            foreach (var request in _requests)
            {
                approvable += DecisionEngine.Evaluate(_guideline, request).Items[0].ApprovableQuantity;
            }
        }
        return approvable;
    }

    [Benchmark(OperationsPerInvoke = ItemsPerInvoke, Description = "RE table-driven, workflow per treatment")]
    public int RulesEngine_Table_PerTreatment()
    {
        var criteria = 0;
        for (var r = 0; r < _repeats; r++)
        {
            foreach (var request in _requests)
            {
                criteria += _peer.Decide(request)[0].Criteria.Length;
            }
        }
        return criteria;
    }
}

/// <summary>
/// Cost per item as the guideline table grows to 10x and 100x its rows (<see cref="GrownTables"/>: half the new rows
/// in the physical-therapy chronic bucket, half for unrelated treatments), for the engine and both layouts of the
/// table-driven RulesEngine peer. Same cases and decisions as <see cref="PerItemBenchmarks"/> (setup checks that the
/// grown table decides every item as the seed table does, and that each peer agrees with the engine); 10 items per
/// invocation.
/// </summary>
[MemoryDiagnoser]
public class TableScalingBenchmarks
{
    public const int ItemsPerInvoke = 10;

    private CompiledGuideline _guideline = null!;
    private CaseRequest _request = null!;
    private GuidelineBook _book = null!;
    private TableDrivenPeer _peer = null!;
    private int _repeats;

    [Params(1, 10, 100)]
    public int Growth { get; set; } = 1;

    public static IEnumerable<string> Cases => [BenchmarkCases.Seed, BenchmarkCases.TenItems];

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = BenchmarkCases.Seed;

    [GlobalSetup(Target = nameof(ImrEngine))]
    public void SetupEngine() => Common();

    [GlobalSetup(Target = nameof(RulesEngine_Table_OneWorkflow))]
    public void SetupOneWorkflow() => Peer(TableLayout.OneWorkflow);

    [GlobalSetup(Target = nameof(RulesEngine_Table_PerTreatment))]
    public void SetupPerTreatment() => Peer(TableLayout.PerTreatment);

    private void Peer(TableLayout layout)
    {
        Common();
        _peer = new TableDrivenPeer(_book, layout);
        TableParity.Verify(Case, _request, _guideline, _peer);
        Console.WriteLine($"// {_book.Version.Id}, {layout}: {_peer.SelectionRules} selection rules, {_peer.CriteriaWorkflows} criteria workflows");
    }

    private void Common()
    {
        _request = BenchmarkCases.Get(Case).Request;
        _repeats = ItemsPerInvoke / _request.Items.Count;
        var seed = SeedGuidelines.BookInForceOn(_request.RequestDate);
        _book = GrownTables.Grow(seed, Growth);
        _guideline = GuidelineCompiler.Compile(_book);
        var expected = Outcomes(GuidelineCompiler.Compile(seed), _request);
        var actual = Outcomes(_guideline, _request);
        if (!expected.SequenceEqual(actual))
        {
            throw new InvalidOperationException($"{_book.Version.Id} decides case '{Case}' differently from {seed.Version.Id}");
        }
        var bucket = _guideline.CourseRows("physical_therapy", Phase.Chronic, CareType.Therapeutic).Length;
        Console.WriteLine($"// {_book.Version.Id}: {_book.Rules.Count} rows, {bucket} in the physical-therapy chronic bucket, {_book.Catalog.ConditionGroups.Count} condition groups");
    }

    private static string[] Outcomes(CompiledGuideline guideline, CaseRequest request) =>
        DecisionEngine.Evaluate(guideline, request).Items
            .Select(i => $"{i.Governing?.Id} {string.Join(",", i.Criteria.Select(c => $"{c.Code}={c.Status}"))} {i.Determination} {i.ApprovableQuantity}")
            .ToArray();

    [Benchmark(Baseline = true, OperationsPerInvoke = ItemsPerInvoke, Description = "ImrEngine (Evaluate)")]
    public int ImrEngine()
    {
        var approvable = 0;
        for (var r = 0; r < _repeats; r++)
        {
            approvable += DecisionEngine.Evaluate(_guideline, _request).Items[0].ApprovableQuantity;
        }
        return approvable;
    }

    [Benchmark(OperationsPerInvoke = ItemsPerInvoke, Description = "RE table-driven, one workflow")]
    public int RulesEngine_Table_OneWorkflow() => Decide();

    [Benchmark(OperationsPerInvoke = ItemsPerInvoke, Description = "RE table-driven, workflow per treatment")]
    public int RulesEngine_Table_PerTreatment() => Decide();

    private int Decide()
    {
        var criteria = 0;
        for (var r = 0; r < _repeats; r++)
        {
            criteria += _peer.Decide(_request)[0].Criteria.Length;
        }
        return criteria;
    }
}
