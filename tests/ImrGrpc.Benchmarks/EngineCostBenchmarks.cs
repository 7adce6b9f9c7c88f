using BenchmarkDotNet.Attributes;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Benchmarks;

/// <summary>The decision id alone (sha-256 over the normalized request), per case: part of every Evaluate.</summary>
[MemoryDiagnoser]
public class DecisionIdBenchmarks
{
    private CaseRequest _request = null!;
    private string _contentHash = "";

    public static IEnumerable<string> Cases => BenchmarkCases.Names;

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = BenchmarkCases.Seed;

    [GlobalSetup]
    public void Setup()
    {
        _request = BenchmarkCases.Get(Case).Request;
        _contentHash = SeedGuidelines.BookInForceOn(_request.RequestDate).Version.ContentHash;
    }

    [Benchmark]
    public string DecisionId() => DecisionIds.Compute(_request, _contentHash);
}

/// <summary>Compiling a guideline version: paid once per version, when the server loads or an editor publishes it.</summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private GuidelineBook _book = null!;

    public static IEnumerable<string> Versions => SeedGuidelines.VersionIds;

    [ParamsSource(nameof(Versions))]
    public string Version { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _book = SeedGuidelines.Book(Version);

    [Benchmark]
    public CompiledGuideline Compile() => GuidelineCompiler.Compile(_book);
}
