using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using Imr.V1;
using ImrGrpc.LoadTest.Cli;

namespace ImrGrpc.LoadTest.Calls;

/// <summary>The method a run calls and the requests it rotates through, each parsed once and serialized once.</summary>
internal sealed class RpcTarget
{
    private RpcTarget(MethodDescriptor method, IReadOnlyList<string> files, byte[][] payloads)
    {
        Method = RawMethod.For(method);
        FullName = $"{method.Service.FullName}/{method.Name}";
        Files = files;
        Payloads = payloads;
    }

    public Method<byte[], DiscardedResponse> Method { get; }

    /// <summary>The gRPC path without the leading slash, e.g. "imr.v1.GuidelineDecisionService/EvaluateRequest".</summary>
    public string FullName { get; }

    /// <summary>The request files in rotation order; empty when the method's default request is used.</summary>
    public IReadOnlyList<string> Files { get; }

    public byte[][] Payloads { get; }

    public static RpcTarget Load(LoadMethod method, IReadOnlyList<string> specs)
    {
        var files = RequestFiles.Resolve(specs);
        var evaluate = GuidelineDecisionService.Descriptor.FindMethodByName("EvaluateRequest");
        var explain = GuidelineDecisionService.Descriptor.FindMethodByName("ExplainRationale");
        var check = Health.Descriptor.FindMethodByName("Check");
        return method switch
        {
            LoadMethod.Evaluate => Build(evaluate, files, EvaluateRequestRequest.Descriptor, ParseCase),
            // The file holds the case; the rationale request wraps it so one file drives both methods.
            LoadMethod.Explain => Build(explain, files, EvaluateRequestRequest.Descriptor,
                static json => new ExplainRationaleRequest { Request = ParseCase(json) }),
            LoadMethod.Health when files.Count == 0 => new RpcTarget(check, files, [new HealthCheckRequest().ToByteArray()]),
            LoadMethod.Health => Build(check, files, HealthCheckRequest.Descriptor,
                static json => JsonParser.Default.Parse<HealthCheckRequest>(json)),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };
    }

    private static EvaluateRequestRequest ParseCase(string json) => JsonParser.Default.Parse<EvaluateRequestRequest>(json);

    private static RpcTarget Build(MethodDescriptor method, IReadOnlyList<string> files, MessageDescriptor fileType, Func<string, IMessage> parse)
    {
        var payloads = new byte[files.Count][];
        for (var i = 0; i < files.Count; i++)
        {
            var json = Read(files[i]);
            try
            {
                payloads[i] = parse(json).ToByteArray();
            }
            catch (Exception e) when (e is InvalidJsonException or InvalidProtocolBufferException or FormatException)
            {
                throw new RequestFileException($"{files[i]} is not a valid {fileType.FullName} in the proto JSON mapping: {OneLine(e.Message)}");
            }
        }

        return new RpcTarget(method, files, payloads);
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RequestFileException($"cannot read {path}: {OneLine(e.Message)}");
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
