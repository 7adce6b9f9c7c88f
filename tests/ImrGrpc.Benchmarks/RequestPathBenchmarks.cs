using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using ImrGrpc.Contract.Mapping;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;
using Imr.V1;

namespace ImrGrpc.Benchmarks;

/// <summary>
/// EvaluateRequest's own work for examples/seed-case.json, stage by stage, as the server does it per call: parse the
/// protobuf body, map it to the engine's case (collecting field problems), check its codes against the version, decide
/// it (decision id included), map the decision to the response message, serialize it. What is left of a call's cost
/// is the transport (Kestrel, HTTP/2, grpc-dotnet), which the health check measures on its own.
/// </summary>
[MemoryDiagnoser]
public class RequestPathBenchmarks
{
    private byte[] _body = null!;
    private EvaluateRequestRequest _message = null!;
    private CompiledGuideline _guideline = null!;
    private CaseRequest _case = null!;
    private CaseDecision _decision = null!;
    private EvaluateRequestResponse _response = null!;
    private readonly List<FieldProblem> _problems = [];
    private readonly List<CaseProblem> _caseProblems = [];
    private ResponseParts _parts = null!;

    [GlobalSetup]
    public void Setup()
    {
        var json = File.ReadAllText(Path.Combine(RepositoryRoot(), "examples", "seed-case.json"));
        _message = JsonParser.Default.Parse<EvaluateRequestRequest>(json);
        _body = _message.ToByteArray();
        _case = RequestMapper.Map(_message, _problems) ?? throw new InvalidOperationException("the seed case does not map");
        _guideline = SeedGuidelines.CompileInForceOn(_case.RequestDate);
        _parts = new ResponseParts(_guideline);
        _decision = DecisionEngine.Evaluate(_guideline, _case);
        _response = ResponseMapper.ToResponse(_decision, _parts);
    }

    [Benchmark]
    public EvaluateRequestRequest Parse() => EvaluateRequestRequest.Parser.ParseFrom(_body);

    [Benchmark]
    public CaseRequest? MapRequest()
    {
        _problems.Clear();
        return RequestMapper.Map(_message, _problems);
    }

    [Benchmark]
    public int ValidateCodes()
    {
        _caseProblems.Clear();
        CaseChecker.Check(_guideline, _case, _caseProblems);
        return _caseProblems.Count;
    }

    [Benchmark]
    public CaseDecision Evaluate() => DecisionEngine.Evaluate(_guideline, _case);

    [Benchmark]
    public string DecisionId() => DecisionIds.Compute(_case, _guideline.Version.ContentHash);

    [Benchmark]
    public EvaluateRequestResponse MapResponse() => ResponseMapper.ToResponse(_decision, _parts);

    [Benchmark]
    public byte[] Serialize() => _response.ToByteArray();

    /// <summary>All of the above in a row: the server's work per EvaluateRequest call, transport aside.</summary>
    [Benchmark]
    public byte[] WholeCall()
    {
        var message = EvaluateRequestRequest.Parser.ParseFrom(_body);
        _problems.Clear();
        var request = RequestMapper.Map(message, _problems)!;
        var decision = CaseDecider.Decide(_guideline, request).Decision!;
        return ResponseMapper.ToResponse(decision, _parts).ToByteArray();
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImrGrpc.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("run the benchmarks from inside the repository (examples/seed-case.json is read from it)");
    }
}
