using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Grpc.AspNetCore.Server;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Server.Hosting;
using ImrGrpc.Server.Snapshots;
using Proto = Imr.V1;

namespace ImrGrpc.Server.Observability;

/// <summary>
/// The service's own instruments (meter <see cref="MeterName"/>); every name is listed in docs/OPERATIONS.md. Nothing
/// listens unless Metrics:Urls is set, and then the request path only adds to counters and histograms through tag
/// arrays built once per method, treatment and determination. Gauges are read from the library and health at scrape
/// time, never kept up to date on the request path.
/// </summary>
public sealed class ServerMetrics
{
    public const string MeterName = "ImrGrpc.Server";
    public const string ServiceTag = "rpc.service";
    public const string MethodTag = "rpc.method";
    public const string StatusTag = "rpc.grpc.status_code";

    /// <summary>Seconds: from 100 µs (a cached call on a quiet server) to 10 s (a call stuck behind a stalled client).</summary>
    private static readonly double[] LatencyBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly int[] ItemBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

    private static readonly MethodTags EvaluateTags = DecisionServiceTags(nameof(Proto.GuidelineDecisionService.GuidelineDecisionServiceBase.EvaluateRequest));
    private static readonly MethodTags ExplainTags = DecisionServiceTags(nameof(Proto.GuidelineDecisionService.GuidelineDecisionServiceBase.ExplainRationale));

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _decisions;
    private readonly Histogram<int> _items;
    private readonly GuidelineSnapshots _snapshots;
    private readonly TimeProvider _time;

    // Bounded by what the server defines: gRPC endpoints, catalog treatments times five determinations.
    private readonly ConcurrentDictionary<object, MethodTags> _methods = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<(string Treatment, Determination Determination), KeyValuePair<string, object?>[]> _decisionTags = new();

    public ServerMetrics(IMeterFactory meters, GuidelineSnapshots snapshots, InFlightCalls inFlight, TimeProvider time)
    {
        _snapshots = snapshots;
        _time = time;
        var meter = meters.Create(MeterName);
        _calls = meter.CreateCounter<long>("imr.rpc.server.calls", "{call}",
            "gRPC calls finished, by service, method and gRPC status code (a call cut at shutdown or dropped by its client counts as CANCELLED)");
        _duration = meter.CreateHistogram("imr.rpc.server.duration", "s", "Time from a call's first byte to its last, by service and method",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _decisions = meter.CreateCounter<long>("imr.decisions", "{decision}", "Item decisions EvaluateRequest returned, by determination and treatment");
        _items = meter.CreateHistogram("imr.request.items", "{item}", "Items per EvaluateRequest or ExplainRationale call, by method",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = ItemBuckets });
        meter.CreateObservableCounter("imr.bundle.reloads", () => _snapshots.Swaps, "{reload}",
            "Guideline libraries swapped in (the first load and every new manifest)");
        meter.CreateObservableCounter("imr.bundle.reload.failures", () => _snapshots.SourceFailures, "{attempt}",
            "Reads of the bundle source that failed (unreachable, slow, an error status, a bad or mismatched file); the last good library kept serving");
        meter.CreateObservableGauge("imr.bundle.store.healthy", () => _snapshots.StoreHealth.Healthy ? 1 : 0, "1",
            "1 while the last read of the bundle source was good (health 'store' SERVING), 0 while it is not");
        meter.CreateObservableGauge("imr.guideline.manifest.revision", () => _snapshots.Current.Revision, "{revision}",
            "The published manifest revision being served");
        meter.CreateObservableGauge("imr.guideline.version.info", ServedVersions, "1",
            "1 for every guideline version served, with its id, content hash, window and whether it is in force today");
        meter.CreateObservableUpDownCounter("imr.rpc.server.active_calls", () => inFlight.Count, "{call}", "Calls being served right now");
    }

    /// <summary>The tags of a gRPC endpoint (from its metadata), or null for a request that is not a gRPC method.</summary>
    public MethodTags? TagsFor(Endpoint? endpoint)
    {
        if (endpoint is null)
        {
            return null;
        }
        if (_methods.TryGetValue(endpoint, out var tags))
        {
            return tags;
        }
        return endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc
            ? _methods.GetOrAdd(endpoint, new MethodTags(grpc.Method.ServiceName, grpc.Method.Name))
            : null;
    }

    public bool CallsEnabled => _calls.Enabled || _duration.Enabled;

    public void RecordCall(MethodTags tags, int status, double seconds)
    {
        _calls.Add(1, tags.ByStatus[status]);
        _duration.Record(seconds, tags.Method);
    }

    /// <summary>The decision of each item of an EvaluateRequest call, and how many items it had.</summary>
    public void RecordDecisions(CaseDecision decision)
    {
        if (_items.Enabled)
        {
            _items.Record(decision.Items.Count, EvaluateTags.Method);
        }
        if (!_decisions.Enabled)
        {
            return;
        }
        var items = decision.Items;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            _decisions.Add(1, DecisionTags(item.Item.Treatment, item.Determination));
        }
    }

    /// <summary>How many items an ExplainRationale call had.</summary>
    public void RecordExplainItems(int count)
    {
        if (_items.Enabled)
        {
            _items.Record(count, ExplainTags.Method);
        }
    }

    private KeyValuePair<string, object?>[] DecisionTags(string treatment, Determination determination) =>
        _decisionTags.TryGetValue((treatment, determination), out var tags)
            ? tags
            : _decisionTags.GetOrAdd((treatment, determination),
                key => [new("determination", DeterminationLabel(key.Determination)), new("treatment", key.Treatment)]);

    /// <summary>The proto enum's name without its prefix, lower case: what callers see, in Prometheus's usual style.</summary>
    private static string DeterminationLabel(Determination determination) => determination switch
    {
        Determination.MedicallyNecessary => "medically_necessary",
        Determination.NotMedicallyNecessary => "not_medically_necessary",
        Determination.Modified => "modified",
        Determination.InsufficientInformation => "insufficient_information",
        Determination.PhysicianReviewRequired => "physician_review_required",
        _ => determination.ToString(),
    };

    private static MethodTags DecisionServiceTags(string method) => new(Proto.GuidelineDecisionService.Descriptor.FullName, method);

    private IEnumerable<Measurement<int>> ServedVersions()
    {
        var library = _snapshots.Current;
        var inForce = library.SlotInForceOn(DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime))?.Version.Id;
        // Slots, not compiled versions: a scrape must not compile a version nobody has asked for yet.
        foreach (var slot in library.Slots)
        {
            var version = slot.Version;
            yield return new Measurement<int>(1,
                new("version_id", version.Id),
                new("content_hash", version.ContentHash),
                new("effective_from", version.EffectiveFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                new("effective_to", version.EffectiveTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                new("in_force", string.Equals(version.Id, inForce, StringComparison.Ordinal) ? "true" : "false"));
        }
    }
}
