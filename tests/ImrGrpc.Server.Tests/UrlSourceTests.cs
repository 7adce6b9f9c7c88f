using Grpc.Health.V1;
using Grpc.Net.Client;
using Imr.V1;
using ImrGrpc.Server.Snapshots;
using ImrGrpc.Storage;
using ImrGrpc.Storage.Publishing;
using Microsoft.Extensions.DependencyInjection;

namespace ImrGrpc.Server.Tests;

/// <summary>
/// Replicas that read the published directory over HTTP from a small static server (ETags, 304s), which the tests stop,
/// restart and make misbehave: what is served never breaks, health says what is wrong, and it all recovers by itself.
/// </summary>
public sealed class UrlSourceTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "imrgrpc-tests", Guid.NewGuid().ToString("N"));
    private StaticBundleServer _web = null!;
    private UrlSourceServerFactory _factory = null!;
    private GrpcChannel _channel = null!;

    private string StorePath => Path.Combine(_dir, "imr.db");

    private string PublishedDirectory => PublishedLayout.DirectoryFor(StorePath);

    private GuidelineDecisionService.GuidelineDecisionServiceClient Client => new(_channel);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        GuidelineStore.CreateSeeded(StorePath, SeedData.Load(), "seed");
        _web = new StaticBundleServer(PublishedDirectory);
        await _web.StartAsync();
        _factory = new UrlSourceServerFactory(_web.Url);
        _channel = _factory.CreateChannel();
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _factory.DisposeAsync();
        await _web.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task First_load_serves_every_published_hash_and_an_unchanged_manifest_costs_only_304s()
    {
        Assert.Equal(ManifestHashes(), await ServedHashesAsync());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await StoreHealthAsync());
        Assert.Contains($"from {_web.Url.AbsoluteUri}", Snapshots.StoreHealth.Description);

        await EventuallyAsync(() => Task.FromResult(ManifestRequests().Count >= 5), "the manifest was not polled");
        var manifests = ManifestRequests();
        Assert.Equal(200, manifests[0]);
        Assert.All(manifests.Skip(1), status => Assert.Equal(304, status));
        // Each content file was fetched once, at the first load.
        Assert.All(ContentRequests().GroupBy(r => r.File), g => Assert.Single(g));
        Assert.Equal(ManifestHashes().Count, ContentRequests().Count);
    }

    [Fact]
    public async Task A_new_manifest_fetches_only_the_new_content_file_and_serves_it()
    {
        _ = await ServedHashesAsync();
        var before = ContentRequests().Count;
        var added = PublishChangedLimit();

        await EventuallyAsync(async () => (await ServedHashesAsync()).Contains(added), "the new version was never served");
        var after = ContentRequests().Skip(before).ToList();
        Assert.Equal([(added + ".json", 200)], after);
        Assert.Equal(ManifestHashes(), await ServedHashesAsync());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await StoreHealthAsync());
    }

    [Fact]
    public async Task A_content_file_that_does_not_match_its_hash_is_refused_and_the_last_good_library_kept()
    {
        var good = await ServedHashesAsync();
        _web.FaultOn = file => file != PublishedLayout.ManifestName;
        _web.Fault = BundleServerFault.Garbage;
        var added = PublishChangedLimit();

        await EventuallyAsync(async () => await StoreHealthAsync() == HealthCheckResponse.Types.ServingStatus.NotServing, "store health never went NOT_SERVING");
        Assert.Contains($"content file {added[..12]}….json does not match its hash", Snapshots.StoreHealth.Description);
        Assert.Equal(good, await ServedHashesAsync());
        await AssertSeedCaseDecidedAsync();

        _web.Fault = BundleServerFault.None;
        await EventuallyAsync(async () => (await ServedHashesAsync()).Contains(added), "the good file was never picked up");
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await StoreHealthAsync());
    }

    [Fact]
    public async Task The_source_down_keeps_the_last_good_library_logs_one_line_and_recovers_when_it_is_back()
    {
        var good = await ServedHashesAsync();
        await _web.StopAsync();

        var failuresBefore = Snapshots.SourceFailures;
        await EventuallyAsync(() => Task.FromResult(Snapshots.SourceFailures >= failuresBefore + 5), "the source was not polled while down");
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, await StoreHealthAsync());
        Assert.Contains($"cannot fetch {_web.Url}{PublishedLayout.ManifestName}", Snapshots.StoreHealth.Description);
        Assert.Equal(good, await ServedHashesAsync());
        await AssertSeedCaseDecidedAsync();
        Assert.Single(_factory.Logs.Lines, l => l.Contains("Bundle source problem", StringComparison.Ordinal));

        await _web.StartAsync();
        await EventuallyAsync(async () => await StoreHealthAsync() == HealthCheckResponse.Types.ServingStatus.Serving, "store health never recovered");
        Assert.Single(_factory.Logs.Lines, l => l.Contains($"Bundle source {_web.Url} is good again", StringComparison.Ordinal));
        Assert.Equal(good, await ServedHashesAsync());
    }

    [Theory]
    [InlineData(BundleServerFault.ServerError, "manifest.json answered HTTP 503")]
    [InlineData(BundleServerFault.Slow, "manifest.json did not answer in full within 1500 ms")]
    [InlineData(BundleServerFault.Truncated, "manifest.json: the answer was cut short")]
    [InlineData(BundleServerFault.Oversized, "manifest.json is 209715200 bytes, more than the 16777216 a published file may be")]
    public async Task A_misbehaving_source_turns_store_health_not_serving_with_the_reason_and_recovers(BundleServerFault fault, string reason)
    {
        var good = await ServedHashesAsync();
        _web.Fault = fault;

        await EventuallyAsync(async () => await StoreHealthAsync() == HealthCheckResponse.Types.ServingStatus.NotServing, "store health never went NOT_SERVING");
        var description = Snapshots.StoreHealth.Description;
        Assert.True(description.Contains(reason, StringComparison.Ordinal), description);
        Assert.Equal(good, await ServedHashesAsync());
        await AssertSeedCaseDecidedAsync();

        _web.Fault = BundleServerFault.None;
        await EventuallyAsync(async () => await StoreHealthAsync() == HealthCheckResponse.Types.ServingStatus.Serving, "store health never recovered");
    }

    private GuidelineSnapshots Snapshots => _factory.Services.GetRequiredService<GuidelineSnapshots>();

    /// <summary>Publishes the myalgia maximum raised to 12 from 2030 in the editors' store; returns the new content hash.</summary>
    private string PublishChangedLimit()
    {
        var before = ManifestHashes();
        using (var store = GuidelineStore.Open(StorePath))
        {
            var draft = store.CreateDraft("mtus-2017", "editor");
            store.SetLimits(draft, "cpmtg-pm-myalgia", new LimitChange(MaxVisits: 12), "editor");
            store.Publish(draft, new DateOnly(2030, 1, 1), "editor");
        }
        return Assert.Single(ManifestHashes().Except(before));
    }

    private List<string> ManifestHashes() =>
        [.. PublishedManifest.Parse(File.ReadAllBytes(Path.Combine(PublishedDirectory, PublishedLayout.ManifestName))).Versions
            .Select(v => v.ContentHash).Order(StringComparer.Ordinal)];

    private async Task<List<string>> ServedHashesAsync() =>
        [.. (await Client.ListGuidelineVersionsAsync(new ListGuidelineVersionsRequest())).Versions.Select(v => v.ContentHash).Order(StringComparer.Ordinal)];

    private List<int> ManifestRequests() => [.. _web.Requests.Where(r => r.File == PublishedLayout.ManifestName).Select(r => r.Status)];

    private List<(string File, int Status)> ContentRequests() => [.. _web.Requests.Where(r => r.File != PublishedLayout.ManifestName)];

    private async Task<HealthCheckResponse> StoreHealthResponseAsync() =>
        await new Health.HealthClient(_channel).CheckAsync(new HealthCheckRequest { Service = "store" });

    private async Task<HealthCheckResponse.Types.ServingStatus> StoreHealthAsync() => (await StoreHealthResponseAsync()).Status;

    private async Task AssertSeedCaseDecidedAsync()
    {
        var response = await Client.EvaluateRequestAsync(ExampleCases.Named("seed-massage").Request);
        Assert.Equal(Determination.NotMedicallyNecessary, response.Decisions[0].Determination);
    }

    /// <summary>Polls until the condition holds: the replica reacts on its own schedule, so a test waits for the effect, never for time.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }
}
