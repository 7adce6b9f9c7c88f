using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using ImrGrpc.Contract.Mapping;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Server.Hosting;
using ImrGrpc.Server.Observability;
using ImrGrpc.Server.Snapshots;
using Imr.V1;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ImrGrpc.Benchmarks;

/// <summary>
/// What the metrics add to one EvaluateRequest call on the request path, as CallLogMiddleware and the service record
/// them: the call's method tags looked up from its endpoint, its count and latency, each item's decision and the items
/// per call. Measured with an OpenTelemetry MeterProvider collecting (Metrics:Urls set) and with nothing listening
/// (the default). The scrape itself is not on the request path and is not measured here.
/// </summary>
[MemoryDiagnoser]
public class MetricsBenchmarks
{
    private ServiceProvider _services = null!;
    private MeterProvider? _provider;
    private ServerMetrics _metrics = null!;
    private Endpoint _endpoint = null!;
    private CaseDecision _decision = null!;

    [Params(false, true)]
    public bool Collecting { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        if (Collecting)
        {
            _provider = Sdk.CreateMeterProviderBuilder().AddMeter(ServerMetrics.MeterName)
                .AddReader(new PeriodicExportingMetricReader(new DiscardingExporter(), exportIntervalMilliseconds: 60_000))
                .Build();
        }
        _metrics = new ServerMetrics(_services.GetRequiredService<IMeterFactory>(), new GuidelineSnapshots(), new InFlightCalls(), TimeProvider.System);
        var marshaller = Marshallers.Create(r => r.ToByteArray(), EvaluateRequestRequest.Parser.ParseFrom);
        var responses = Marshallers.Create(r => r.ToByteArray(), EvaluateRequestResponse.Parser.ParseFrom);
        var method = new Method<EvaluateRequestRequest, EvaluateRequestResponse>(MethodType.Unary, GuidelineDecisionService.Descriptor.FullName, "EvaluateRequest", marshaller, responses);
        _endpoint = new Endpoint(null, new EndpointMetadataCollection(new GrpcMethodMetadata(typeof(GuidelineDecisionService), method)), "EvaluateRequest");
        var request = BenchmarkCases.SeedCase().Request;
        var guideline = SeedGuidelines.CompileInForceOn(request.RequestDate);
        _decision = DecisionEngine.Evaluate(guideline, request);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider?.Dispose();
        _services.Dispose();
    }

    [Benchmark]
    public void RecordOneCall()
    {
        if (_metrics.CallsEnabled && _metrics.TagsFor(_endpoint) is { } tags)
        {
            _metrics.RecordCall(tags, 0, 0.000_85);
        }
        _metrics.RecordDecisions(_decision);
    }

    private sealed class DiscardingExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
