using System.Diagnostics;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.Tests;

/// <summary>
/// kill -9 of the admin tool at a random moment of a publish, again and again: the store must always open, verify, and
/// hold either the old state or the new one, never half of a publish. IMR_KILL_ITERATIONS sets the count (CI: 12;
/// the reliability script runs 50).
/// </summary>
[Trait("Category", "Process")]
public sealed class CrashSafetyTests(Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private static readonly DateOnly Effective = new(2030, 1, 1);
    private readonly AdminHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Killing_the_admin_tool_during_publish_never_leaves_half_a_publish()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("IMR_KILL_ITERATIONS"), out var n) ? n : 12;
        // A prepared store with a valid draft; each iteration starts from a copy of it.
        var draft = AdminHarness.LastLine(_h.Cli("draft", "mtus-2017").Out);
        _h.Cli("set-limit", draft, "cpmtg-pm-myalgia", "--max-visits", "12");
        var pristine = Path.Combine(_h.Dir, "pristine.db");
        File.Copy(_h.StorePath, pristine);

        // How long a whole publish takes here, to spread the kills over it.
        var clock = Stopwatch.StartNew();
        var full = await _h.RunAsync("publish", draft, "--effective-from", "2030-01-01");
        var span = (int)clock.ElapsedMilliseconds;
        Assert.Equal(0, full.Exit);

        var random = new Random(20261127);
        var outcomes = new List<string>();
        for (var i = 0; i < iterations; i++)
        {
            File.Copy(pristine, _h.StorePath, overwrite: true);
            File.Delete(_h.StorePath.Replace(".db", "-log.db"));
            using (var process = _h.Start("publish", draft, "--effective-from", "2030-01-01"))
            {
                var delay = random.Next(0, span + 50);
                var exited = process.WaitForExit(delay);
                if (!exited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                }
                outcomes.Add(exited ? "finished" : $"killed at {delay} ms");
            }
            outcomes[^1] += " -> " + AssertWholeState(draft);
        }
        foreach (var outcome in outcomes)
        {
            log.WriteLine(outcome);
        }
        log.WriteLine($"{outcomes.Count} runs over a {span} ms publish: {outcomes.Count(o => o.EndsWith("old state"))} old state, {outcomes.Count(o => o.EndsWith("new state"))} new state, never half");
        Assert.Contains(outcomes, o => o.StartsWith("killed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Killing_the_admin_tool_inside_the_publish_transaction_leaves_the_old_state()
    {
        var draft = AdminHarness.LastLine(_h.Cli("draft", "mtus-2017").Out);
        _h.Cli("set-limit", draft, "cpmtg-pm-myalgia", "--max-visits", "12");
        for (var i = 0; i < 3; i++)
        {
            using var process = _h.StartPausingInPublish(TimeSpan.FromSeconds(10), "publish", draft, "--effective-from", "2030-01-01");
            // The predecessor's window is already closed inside the open transaction when the tool says it pauses.
            var line = await process.StandardError.ReadLineAsync();
            Assert.Contains("paused inside the publish transaction", line);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Equal("old state", AssertWholeState(draft));
        }
    }

    /// <summary>Either nothing of the publish happened or all of it; the store opens and every hash checks out.</summary>
    private string AssertWholeState(string draft)
    {
        using var store = GuidelineStore.Open(_h.StorePath);
        var (books, _) = store.LoadPublished();
        var versions = store.ListVersions();
        var published = versions.Where(v => v.Info.Status == VersionStatus.Published).OrderBy(v => v.Info.EffectiveFrom).ToList();
        var d = versions.Single(v => v.Info.Id == draft).Info;
        var predecessor = versions.Single(v => v.Info.Id == "mtus-2017").Info;
        var publishedAudit = store.AuditLog(versionId: draft).Count(e => e.Action == "publish");
        if (d.Status == VersionStatus.Published)
        {
            Assert.Equal(Effective, d.EffectiveFrom);
            Assert.Equal(Effective.AddDays(-1), predecessor.EffectiveTo);
            Assert.Equal(1, publishedAudit);
            Assert.Equal(5, books.Count);
        }
        else
        {
            Assert.Equal(VersionStatus.Draft, d.Status);
            Assert.Null(predecessor.EffectiveTo);
            Assert.Equal(0, publishedAudit);
            Assert.Equal(4, books.Count);
        }
        for (var i = 1; i < published.Count; i++)
        {
            Assert.Equal(published[i - 1].Info.EffectiveTo!.Value.AddDays(1), published[i].Info.EffectiveFrom);
        }
        return d.Status == VersionStatus.Published ? "new state" : "old state";
    }
}
