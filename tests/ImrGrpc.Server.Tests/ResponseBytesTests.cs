using System.Security.Cryptography;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Imr.V1;

namespace ImrGrpc.Server.Tests;

/// <summary>
/// The bytes the server puts on the wire for every example and reviewer case (EvaluateRequest, ExplainRationale as text
/// and Markdown), by their sha-256, against tests/data/response-hashes.json. Request-path optimizations must leave every
/// one unchanged. Run with UPDATE_RESPONSES=1 only after an intended change to what the service answers, and say why.
/// </summary>
public sealed class ResponseBytesTests(ImrServerFactory factory) : ServerTest(factory)
{
    private const string Service = "imr.v1.GuidelineDecisionService";

    private static Method<TRequest, byte[]> RawMethod<TRequest>(string name, MessageParser<TRequest> parser) where TRequest : IMessage<TRequest> =>
        new(MethodType.Unary, Service, name, Marshallers.Create<TRequest>(r => r.ToByteArray(), parser.ParseFrom), Marshallers.Create(b => b, b => b));

    private static readonly Method<EvaluateRequestRequest, byte[]> Evaluate = RawMethod("EvaluateRequest", EvaluateRequestRequest.Parser);
    private static readonly Method<ExplainRationaleRequest, byte[]> Explain = RawMethod("ExplainRationale", ExplainRationaleRequest.Parser);

    private static string HashesPath => Path.Combine(GoldenRationaleTests.RepositoryRoot(), "tests", "data", "response-hashes.json");

    [Fact]
    public async Task Every_case_answers_the_same_bytes_as_recorded()
    {
        var invoker = Channel.CreateCallInvoker();
        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, c) in ExampleCases.Decided())
        {
            actual[$"{c.Name}.evaluate"] = Sha(await invoker.AsyncUnaryCall(Evaluate, null, default, c.Request));
            foreach (var (format, suffix) in new[] { (RationaleFormat.Text, "explain-text"), (RationaleFormat.Markdown, "explain-markdown") })
            {
                actual[$"{c.Name}.{suffix}"] = Sha(await invoker.AsyncUnaryCall(Explain, null, default,
                    new ExplainRationaleRequest { Request = c.Request, Format = format }));
            }
        }
        // A large request: the seed case's items repeated to the 100-item limit, each with its own id.
        var seed = JsonParser.Default.Parse<EvaluateRequestRequest>(await File.ReadAllTextAsync(
            Path.Combine(GoldenRationaleTests.RepositoryRoot(), "examples", "seed-case.json")));
        var large = seed.Clone();
        large.Items.Clear();
        for (var i = 0; i < 100; i++)
        {
            var item = seed.Items[i % seed.Items.Count].Clone();
            item.ItemId = $"item-{i + 1}";
            large.Items.Add(item);
        }
        actual["seed-100-items.evaluate"] = Sha(await invoker.AsyncUnaryCall(Evaluate, null, default, large));
        actual["seed-100-items.explain-text"] = Sha(await invoker.AsyncUnaryCall(Explain, null, default, new ExplainRationaleRequest { Request = large }));

        if (Environment.GetEnvironmentVariable("UPDATE_RESPONSES") == "1")
        {
            await File.WriteAllTextAsync(HashesPath, JsonSerializer.Serialize(actual, new JsonSerializerOptions { WriteIndented = true }) + "\n");
            return;
        }
        var expected = JsonSerializer.Deserialize<SortedDictionary<string, string>>(await File.ReadAllTextAsync(HashesPath))!;
        Assert.Equal(expected.Keys, actual.Keys);
        var differing = expected.Where(e => actual[e.Key] != e.Value).Select(e => e.Key).ToList();
        Assert.True(differing.Count == 0, $"{differing.Count} responses changed: {string.Join(", ", differing.Take(10))}");
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
