using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Imr.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImrGrpc.Server.Tests;

/// <summary>
/// What an operator's Prometheus sees: the server binary with Metrics:Urls set, scraped over plain HTTP on its own port,
/// and traces sent to an OTLP collector only when one is configured.
/// </summary>
public sealed partial class MetricsTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Calls_decisions_versions_and_store_health_are_counted_on_the_metrics_port()
    {
        await using var server = await ServerProcess.StartAsync(["--Metrics:Urls=http://127.0.0.1:0"]);
        var metrics = new Uri(await server.WaitForAsync(MetricsLine()));
        using var channel = GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new GuidelineDecisionService.GuidelineDecisionServiceClient(channel);
        var seed = ExampleCases.Named("seed-massage").Request;
        for (var i = 0; i < 3; i++)
        {
            await client.EvaluateRequestAsync(seed);
        }
        var bad = seed.Clone();
        bad.Items[0].Quantity = 0;
        await Assert.ThrowsAsync<RpcException>(async () => await client.EvaluateRequestAsync(bad));
        await client.ExplainRationaleAsync(new ExplainRationaleRequest { Request = seed });
        var served = await client.ListGuidelineVersionsAsync(new ListGuidelineVersionsRequest());

        // The exporter may hand out a scrape cached for a few hundred ms: poll until the calls are in.
        var text = await ScrapeUntilAsync(metrics, t => Sum(t, "imr_rpc_server_calls_total", ("rpc_method", "EvaluateRequest")) >= 4);
        Assert.Equal(3, Sum(text, "imr_rpc_server_calls_total", ("rpc_method", "EvaluateRequest"), ("rpc_grpc_status_code", "0")));
        Assert.Equal(1, Sum(text, "imr_rpc_server_calls_total", ("rpc_method", "EvaluateRequest"), ("rpc_grpc_status_code", "3")));
        Assert.Equal(1, Sum(text, "imr_rpc_server_calls_total", ("rpc_method", "ExplainRationale"), ("rpc_grpc_status_code", "0")));
        Assert.Equal(4, Sum(text, "imr_rpc_server_duration_seconds_count", ("rpc_method", "EvaluateRequest")));
        var items = seed.Items.Count;
        Assert.Equal(3 * items, Sum(text, "imr_decisions_total"));
        Assert.Equal(3, Sum(text, "imr_decisions_total", ("treatment", seed.Items[0].Treatment)));
        Assert.Equal(3, Sum(text, "imr_request_items_count", ("rpc_method", "EvaluateRequest")));
        Assert.Equal(3 * items, Sum(text, "imr_request_items_sum", ("rpc_method", "EvaluateRequest")));
        foreach (var version in served.Versions)
        {
            Assert.Equal(1, Sum(text, "imr_guideline_version_info", ("version_id", version.Id), ("content_hash", version.ContentHash)));
        }
        Assert.Equal(1, Sum(text, "imr_guideline_version_info", ("version_id", served.InForceVersionId), ("in_force", "true")));
        Assert.Equal(1, Sum(text, "imr_bundle_store_healthy"));
        Assert.Equal(1, Sum(text, "imr_bundle_reloads_total"));
        Assert.Equal(0, Sum(text, "imr_bundle_reload_failures_total"));
        Assert.Equal(served.StoreRevision, Sum(text, "imr_guideline_manifest_revision"));
        // ASP.NET Core's and the runtime's own instruments come along.
        Assert.Contains("\nhttp_server_request_duration_seconds_count{", text);
        Assert.Contains("\ndotnet_gc_collections_total{", text);
    }

    [Fact]
    public async Task The_grpc_port_never_serves_metrics_and_the_metrics_port_never_speaks_grpc()
    {
        await using var server = await ServerProcess.StartAsync(["--Metrics:Urls=http://127.0.0.1:0"]);
        var metrics = new Uri(await server.WaitForAsync(MetricsLine()));

        using var onGrpcPort = new HttpRequestMessage(HttpMethod.Get, new Uri(server.GrpcAddress, "/metrics"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        Assert.Equal(HttpStatusCode.NotFound, (await Http.SendAsync(onGrpcPort)).StatusCode);

        using var channel = GrpcChannel.ForAddress(new Uri(metrics, "/"));
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10)));
        // The client's HTTP/2 preface meets an HTTP/1.1 server: no call gets through, whichever way the client words it.
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
    }

    [Fact]
    public async Task With_api_keys_configured_metrics_need_one_too()
    {
        await using var server = await ServerProcess.StartAsync(["--Metrics:Urls=http://127.0.0.1:0", "--Security:ApiKeys:0=metrics-test-key-0123"]);
        var metrics = new Uri(await server.WaitForAsync(MetricsLine()));

        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetAsync(metrics)).StatusCode);
        using var keyed = new HttpRequestMessage(HttpMethod.Get, metrics) { Headers = { { "authorization", "Bearer metrics-test-key-0123" } } };
        var answer = await Http.SendAsync(keyed);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("imr_guideline_version_info{", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Traces_go_to_the_configured_otlp_endpoint()
    {
        var received = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        collector.MapPost("/v1/traces", (HttpContext context) =>
        {
            if (context.Request.ContentType == "application/x-protobuf")
            {
                Interlocked.Increment(ref received);
            }
            return Results.Ok();
        });
        await collector.StartAsync();
        var endpoint = new Uri(new Uri(collector.Urls.First()), "/v1/traces");

        // The batch exporter's delay shortened through its standard variable, so the test does not wait 5 s.
        await using var server = await ServerProcess.StartAsync(
            [$"--Tracing:OtlpEndpoint={endpoint}", "--Tracing:OtlpProtocol=http/protobuf"],
            new Dictionary<string, string> { ["OTEL_BSP_SCHEDULE_DELAY"] = "100" });
        using var channel = GrpcChannel.ForAddress(server.GrpcAddress);
        await new GuidelineDecisionService.GuidelineDecisionServiceClient(channel).EvaluateRequestAsync(ExampleCases.Named("seed-massage").Request);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref received) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no trace reached the collector");
            await Task.Delay(50);
        }
        Assert.DoesNotContain(server.Lines, l => l.Contains("Metrics for Prometheus", StringComparison.Ordinal));
    }

    private static async Task<string> ScrapeUntilAsync(Uri metrics, Func<string, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var text = "\n" + await Http.GetStringAsync(metrics);
            if (ready(text))
            {
                return text;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the metrics never showed the calls:\n{text}");
            await Task.Delay(50);
        }
    }

    /// <summary>The sum of every sample of the metric whose labels include all of the given ones.</summary>
    private static double Sum(string text, string name, params (string Label, string Value)[] labels)
    {
        var total = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name + "{", StringComparison.Ordinal) && !line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                continue;
            }
            if (labels.All(l => line.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                total += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }
        return total;
    }

    [GeneratedRegex(@"Metrics for Prometheus on (http://\S+)")]
    private static partial Regex MetricsLine();
}
