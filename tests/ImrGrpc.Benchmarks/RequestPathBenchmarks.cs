using System.Buffers;
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
    private readonly RequestReader _reader = new();

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

    /// <summary>The body read into reused messages, as the server reads it (RequestReader), instead of <see cref="Parse"/>.</summary>
    [Benchmark]
    public bool Read() => _reader.TryReadEvaluate(new ReadOnlySequence<byte>(_body), out _);

    /// <summary>Read and mapped, as the served method receives the request (<see cref="Parse"/> + <see cref="MapRequest"/> before).</summary>
    [Benchmark]
    public MappedEvaluateRequest ReadAndMap()
    {
        _reader.TryReadEvaluate(new ReadOnlySequence<byte>(_body), out var read);
        return MappedEvaluateRequest.Map(read);
    }

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

    /// <summary>What the server does instead of the two rows above: the response bytes written from the decision.</summary>
    [Benchmark]
    public int WriteResponse() => WriteIntoPooledBuffer(_decision, _parts);

    /// <summary>The response written as the server writes it, into a buffer it does not allocate (a pooled one here).</summary>
    internal static int WriteIntoPooledBuffer(CaseDecision decision, ResponseParts parts) =>
        WriteIntoPooledBuffer(EvaluateResponseWriter.Prepare(decision, parts));

    /// <summary>A prepared response written into a pooled buffer, as the transport's marshaller writes it.</summary>
    internal static int WriteIntoPooledBuffer(IPreparedMessage prepared)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(prepared.Size);
        prepared.WriteTo(bytes);
        ArrayPool<byte>.Shared.Return(bytes);
        return prepared.Size;
    }

    /// <summary>
    /// The server's work per EvaluateRequest call, transport aside: read and map, decide (codes checked, decision id)
    /// and the response written into a buffer, as the served path does (the transport owns the buffer there).
    /// </summary>
    [Benchmark]
    public int WholeCall() => ServedCall(_reader, new ReadOnlySequence<byte>(_body), _guideline, _parts);

    internal static int ServedCall(RequestReader reader, ReadOnlySequence<byte> body, CompiledGuideline guideline, ResponseParts parts)
    {
        reader.TryReadEvaluate(body, out var message);
        var request = MappedEvaluateRequest.Map(message).Request!;
        var decision = CaseDecider.Decide(guideline, request).Decision!;
        return WriteIntoPooledBuffer(decision, parts);
    }

    /// <summary><see cref="WholeCall"/> with the body parsed by Google.Protobuf, as it was served before RequestReader.</summary>
    [Benchmark]
    public int WholeCallParsed()
    {
        var message = EvaluateRequestRequest.Parser.ParseFrom(_body);
        _problems.Clear();
        var request = RequestMapper.Map(message, _problems)!;
        var decision = CaseDecider.Decide(_guideline, request).Decision!;
        return WriteIntoPooledBuffer(decision, _parts);
    }

    /// <summary>The same call through the message tree and Google.Protobuf, as it was served before the writer.</summary>
    [Benchmark]
    public byte[] WholeCallMessageTree()
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
