using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Http.Headers;
using Google.Protobuf;
using ImrGrpc.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImrGrpc.Server.Tests;

/// <summary>A server with a one-second shutdown grace whose log lines are captured.</summary>
public sealed class ShortShutdownServerFactory : ImrServerFactory
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Server:ShutdownTimeoutSeconds", "1");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

/// <summary>On stop, calls in flight finish; a stalled one is cut after the grace period and counted, not logged UNKNOWN.</summary>
public sealed class ShutdownTests(ShortShutdownServerFactory factory) : IClassFixture<ShortShutdownServerFactory>
{
    private static byte[] Framed(IMessage message)
    {
        var body = message.ToByteArray();
        var framed = new byte[5 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), body.Length);
        body.CopyTo(framed, 5);
        return framed;
    }

    private static HttpRequestMessage Call(Pipe body)
    {
        var content = new StreamContent(body.Reader.AsStream());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        var request = new HttpRequestMessage(HttpMethod.Post, "/imr.v1.GuidelineDecisionService/EvaluateRequest")
        {
            Version = new Version(2, 0),
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    [Fact]
    public async Task Stopping_lets_a_call_in_flight_finish_and_cuts_a_stalled_one_saying_how_many()
    {
        var http = factory.CreateDefaultClient();
        var calls = factory.Services.GetRequiredService<InFlightCalls>();
        var message = Framed(ExampleCases.Named("seed-physical-therapy").Request);

        var stalledBody = new Pipe();
        var stalled = http.SendAsync(Call(stalledBody), HttpCompletionOption.ResponseHeadersRead);
        var finishingBody = new Pipe();
        await finishingBody.Writer.WriteAsync(message.AsMemory(0, message.Length / 2));
        var finishing = http.SendAsync(Call(finishingBody));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (calls.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }
        Assert.Equal(2, calls.Count);

        factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await finishingBody.Writer.WriteAsync(message.AsMemory(message.Length / 2));
        await finishingBody.Writer.CompleteAsync();

        using var finished = await finishing;
        await finished.Content.ReadAsByteArrayAsync();
        Assert.Equal("0", finished.TrailingHeaders.GetValues("grpc-status").Single());
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var response = await stalled;
            await response.Content.ReadAsByteArrayAsync();
        });
        await factory.Services.GetServices<IHostedService>().OfType<GracefulShutdown>().Single().Draining;

        // The in-memory test server, unlike Kestrel, lets the cut call's handler run on until its body ends.
        await stalledBody.Writer.CompleteAsync();
        deadline = DateTime.UtcNow.AddSeconds(20);
        while (factory.Logs.Lines.Count(l => l.Contains("call /imr.v1.", StringComparison.Ordinal)) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }
        var lines = factory.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("Shutdown: 2 calls in flight, 1 finished, 1 still running after 1 s cut with CANCELLED", StringComparison.Ordinal));
        var callLines = lines.Where(l => l.Contains("call /imr.v1.GuidelineDecisionService/EvaluateRequest", StringComparison.Ordinal)).ToList();
        Assert.Contains(callLines, l => l.Contains("status=OK", StringComparison.Ordinal));
        Assert.Contains(callLines, l => l.Contains("status=CANCELLED", StringComparison.Ordinal));
        Assert.DoesNotContain(callLines, l => l.Contains("status=UNKNOWN", StringComparison.Ordinal));
    }
}
