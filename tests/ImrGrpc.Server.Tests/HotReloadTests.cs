using System.Diagnostics;
using Grpc.Core;
using Imr.V1;
using ImrGrpc.Storage;
using Xunit.Abstractions;

namespace ImrGrpc.Server.Tests;

/// <summary>An editor publishes while callers keep calling: the answer flips to the new rules, and no call fails.</summary>
public sealed class HotReloadTests(ImrServerFactory factory, ITestOutputHelper log) : ServerTest(factory)
{
    /// <summary>Myalgia, 10 physical therapy visits with clear gains, 2 more asked, dated after the new version's start.</summary>
    private static EvaluateRequestRequest TenPriorVisits()
    {
        var request = ExampleCases.Named("current-myalgia-pt-at-ceiling", "reviewer-cases.json").Request.Clone();
        request.RequestDate = "2030-01-02";
        return request;
    }

    [Fact]
    public async Task Publishing_a_changed_limit_flips_the_decision_with_zero_failed_calls()
    {
        var request = TenPriorVisits();
        Assert.Equal(Determination.NotMedicallyNecessary, (await Client.EvaluateRequestAsync(request)).Decisions[0].Determination);

        using var stop = new CancellationTokenSource();
        var calls = 0;
        var failures = new List<string>();
        long? firstFlipTicks = null;
        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var response = await Client.EvaluateRequestAsync(request);
                    Interlocked.Increment(ref calls);
                    if (response.Decisions[0].Determination == Determination.MedicallyNecessary && firstFlipTicks is null)
                    {
                        firstFlipTicks = Stopwatch.GetTimestamp();
                    }
                }
                catch (RpcException e)
                {
                    lock (failures)
                    {
                        failures.Add(e.Status.ToString());
                    }
                }
            }
        });

        // Publish through the store's own lifecycle, in this process, on the server's file (shared mode).
        long published;
        using (var store = GuidelineStore.Open(Factory.StorePath))
        {
            var draft = store.CreateDraft("mtus-2017", "editor");
            store.SetLimits(draft, "cpmtg-pm-myalgia", new LimitChange(MaxVisits: 12), "editor");
            store.Publish(draft, new DateOnly(2030, 1, 1), "editor");
            published = Stopwatch.GetTimestamp();
        }

        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (firstFlipTicks is null && Stopwatch.GetTimestamp() < deadline && failures.Count == 0)
        {
            await Task.Yield();
            await Client.ListGuidelineVersionsAsync(new ListGuidelineVersionsRequest());
        }
        var callsAtFlip = calls;
        while (calls < callsAtFlip + 20 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Yield();
            await Client.ListGuidelineVersionsAsync(new ListGuidelineVersionsRequest());
        }
        await stop.CancelAsync();
        await loop;

        Assert.Empty(failures);
        Assert.NotNull(firstFlipTicks);
        log.WriteLine($"{calls} calls, 0 failed; decision flipped {Stopwatch.GetElapsedTime(published, firstFlipTicks.Value).TotalMilliseconds:F0} ms after the publish committed");
        var after = await Client.EvaluateRequestAsync(request);
        Assert.Equal(Determination.MedicallyNecessary, after.Decisions[0].Determination);
        Assert.Equal("10 prior + 2 requested = 12 <= 12 (9-12 visits over 8 weeks)", after.Decisions[0].Criteria.Single(c => c.Criterion_ == "recommended_course").Detail);

        var versions = await Client.ListGuidelineVersionsAsync(new ListGuidelineVersionsRequest { AsOfDate = "2030-01-02" });
        Assert.Equal(after.GuidelineVersion.Id, versions.InForceVersionId);
        Assert.Equal("2029-12-31", versions.Versions.Single(v => v.Id == "mtus-2017").EffectiveTo);
        Assert.Equal(2, versions.StoreRevision);
    }
}
