using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Imr.V1;
using ImrGrpc.Server.Errors;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ImrGrpc.Server.Tests;

/// <summary>A server with API keys whose log lines are captured at Trace.</summary>
public sealed class KeyedCapturingServerFactory : ImrServerFactory
{
    public const string Key = "k3y-for-tests-8d1e";

    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:ApiKeys:0", Key);
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft", "Trace");
        builder.UseSetting("Logging:LogLevel:Grpc", "Trace");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

/// <summary>An unauthenticated caller is refused from its headers alone: its body is never read, parsed or logged.</summary>
public sealed class AuthenticationFirstTests(KeyedCapturingServerFactory factory) : IClassFixture<KeyedCapturingServerFactory>
{
    private static readonly Marshaller<byte[]> Raw = new(b => b, b => b);

    private static readonly Method<byte[], byte[]> Evaluate = new(MethodType.Unary, "imr.v1.GuidelineDecisionService", "EvaluateRequest", Raw, Raw);

    private async Task<RpcException> RawCallAsync(byte[] body, Metadata? headers = null)
    {
        using var channel = factory.CreateChannel();
        return await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(Evaluate, null, new CallOptions(headers), body).ResponseAsync);
    }

    public static TheoryData<string> Bodies => ["garbage", "oversized", "invalid-fields"];

    private static byte[] Body(string kind) => kind switch
    {
        "garbage" => [0xff, 0xff, 0xff, 0xff, 0x0f, 0x01],
        "oversized" => new EvaluateRequestRequest { CaseId = "MARKER-OVERSIZED", Items = { new RequestedItem { Description = new string('x', 2_000_000) } } }.ToByteArray(),
        _ => new EvaluateRequestRequest { CaseId = "MARKER-CASE-ID-JaneDoe", RequestDate = "not a date" }.ToByteArray(),
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task No_key_is_unauthenticated_whatever_the_body(string kind)
    {
        var error = await RawCallAsync(Body(kind));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("API key is required", error.Status.Detail);
    }

    [Fact]
    public async Task With_the_key_the_same_garbage_is_invalid_argument()
    {
        var error = await RawCallAsync(Body("garbage"), new Metadata { { "x-api-key", KeyedCapturingServerFactory.Key } });
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task An_unauthenticated_call_logs_only_method_status_and_peer()
    {
        await RawCallAsync(Body("invalid-fields"), new Metadata { { "x-api-key", "MARKER-WRONG-KEY" } });

        var lines = factory.Logs.Lines;
        Assert.DoesNotContain(lines, l => l.Contains("MARKER", StringComparison.Ordinal) || l.Contains("JaneDoe", StringComparison.Ordinal));
        var refused = lines.Where(l => l.Contains("CallLogMiddleware", StringComparison.Ordinal) && l.Contains("status=UNAUTHENTICATED", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, l =>
        {
            Assert.Contains("call /imr.v1.GuidelineDecisionService/EvaluateRequest status=UNAUTHENTICATED peer=", l);
            Assert.DoesNotContain("case_id", l);
            Assert.DoesNotContain("duration", l);
        });
    }
}

/// <summary>A server that logs case ids with a configured HMAC key, so hashes correlate across processes.</summary>
public sealed class KeyedCaseIdServerFactory : ImrServerFactory
{
    public const string CaseIdKey = "case-id-key-for-tests-0123456789";

    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:CaseIdKey", CaseIdKey);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

/// <summary>A server whose operator opted in to case ids in clear.</summary>
public sealed class ClearCaseIdServerFactory : ImrServerFactory
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:CaseIdInClear", "true");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

public sealed class CaseIdLoggingTests(KeyedCaseIdServerFactory keyed, ClearCaseIdServerFactory clear)
    : IClassFixture<KeyedCaseIdServerFactory>, IClassFixture<ClearCaseIdServerFactory>
{
    private const string Marker = "JaneDoe-DOB-1961-02-03";

    private static async Task CallAsync(ImrServerFactory factory)
    {
        using var channel = factory.CreateChannel();
        var request = ExampleCases.Named("seed-physical-therapy").Request.Clone();
        request.CaseId = Marker;
        await factory.CreateClient(channel).EvaluateRequestAsync(request);
    }

    private static List<string> CallLines(CapturingLoggerProvider logs) =>
        logs.Lines.Where(l => l.Contains("call /imr.v1.GuidelineDecisionService/EvaluateRequest", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task With_a_configured_key_the_log_carries_its_hmac_not_the_case_id()
    {
        await CallAsync(keyed);
        var expected = CaseIdProtector.Hashed(Marker, Encoding.UTF8.GetBytes(KeyedCaseIdServerFactory.CaseIdKey));
        Assert.Contains(CallLines(keyed.Logs), l => l.Contains($"case_id={expected} ", StringComparison.Ordinal));
        Assert.DoesNotContain(keyed.Logs.Lines, l => l.Contains("JaneDoe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Opting_in_logs_the_case_id_in_clear()
    {
        await CallAsync(clear);
        Assert.Contains(CallLines(clear.Logs), l => l.Contains($"case_id={Marker} ", StringComparison.Ordinal));
    }
}
