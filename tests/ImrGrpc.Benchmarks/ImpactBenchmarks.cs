using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using ImrGrpc.Contract.Mapping;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Impact;
using Imr.V1;

namespace ImrGrpc.Benchmarks;

/// <summary>
/// Where a case of `admin impact --cases big.jsonl` spends its time, stage by stage, per case over the admin's 64
/// built-in cases as JSON lines (what tools/cases/build_big_corpus.py varies a million times): parse the line (protobuf
/// JSON, as the server's JSON mapping reads it), map it to the engine's case, then decide it under both versions and
/// classify every item (what each replay worker does per case). Reading the file and handing batches between threads
/// are what is left.
/// </summary>
[MemoryDiagnoser]
public class ImpactBenchmarks
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));
    private string[] _lines = null!;
    private EvaluateRequestRequest[] _messages = null!;
    private ImpactCase[] _cases = null!;
    private CompiledGuideline _before = null!;
    private CompiledGuideline _after = null!;
    private ImpactTally _tally = null!;
    private long _position;

    [GlobalSetup]
    public void Setup()
    {
        var corpus = Path.Combine(RequestPathBenchmarks.RepositoryRoot(), "tui", "ImrGrpc.Admin", "Corpus", "default-impact-cases.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(corpus));
        _lines = doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => JsonSerializer.Serialize(c.GetProperty("request"))).ToArray();
        _messages = _lines.Select(l => Parser.Parse<EvaluateRequestRequest>(l)).ToArray();
        _cases = _messages.Select((m, i) => new ImpactCase($"line {i + 1}", RequestMapper.Map(m, []) ?? throw new InvalidOperationException($"line {i + 1} does not map"))).ToArray();
        // A draft replacing the version in force with its predecessor's rows is as costly to decide as any other.
        _before = GuidelineCompiler.Compile(SeedGuidelines.Book("mtus-2017"));
        _after = GuidelineCompiler.Compile(SeedGuidelines.Book("mtus-2016"));
        _tally = new ImpactTally(_before, _after, ImpactLimits.Default);
    }

    [Benchmark(Description = "parse 64 lines (protobuf JSON)")]
    public int Parse()
    {
        var n = 0;
        foreach (var line in _lines)
        {
            n += Parser.Parse<EvaluateRequestRequest>(line).Items.Count;
        }
        return n;
    }

    [Benchmark(Description = "map 64 requests (RequestMapper)")]
    public int Map()
    {
        var n = 0;
        var problems = new List<FieldProblem>();
        foreach (var message in _messages)
        {
            n += RequestMapper.Map(message, problems)?.Items.Count ?? 0;
        }
        return n;
    }

    [Benchmark(Description = "decide 64 cases under both versions and classify (ImpactTally.Add)")]
    public long Tally()
    {
        foreach (var @case in _cases)
        {
            _tally.Add(_position++, @case);
        }
        return _tally.Cases;
    }
}
