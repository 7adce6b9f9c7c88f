using ImrGrpc.Storage;

namespace ImrGrpc.Admin.Tests;

/// <summary>Two editors in two processes on one shared-mode store: no update is ever lost silently.</summary>
[Trait("Category", "Process")]
public sealed class CrossProcessTests : IDisposable
{
    private readonly AdminHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Two_processes_writing_the_same_row_version_one_wins_the_other_is_told_who()
    {
        var draft = AdminHarness.LastLine(_h.Cli("draft", "mtus-2017").Out);
        for (var round = 0; round < 4; round++)
        {
            int rowVersion;
            using (var store = GuidelineStore.Open(_h.StorePath, readOnly: true))
            {
                rowVersion = store.GetRule(draft, "cpmtg-pm-myalgia").RowVersion;
            }
            var alice = _h.RunAsync("set-limit", draft, "cpmtg-pm-myalgia", "--max-visits", $"{11 + round}", "--row-version", $"{rowVersion}", "--user", "alice");
            var bob = _h.RunAsync("set-limit", draft, "cpmtg-pm-myalgia", "--max-visits", $"{20 + round}", "--row-version", $"{rowVersion}", "--user", "bob");
            var results = await Task.WhenAll(alice, bob);

            Assert.Single(results, r => r.Exit == 0);
            var loser = Assert.Single(results, r => r.Exit != 0);
            Assert.Equal(3, loser.Exit);
            var winner = results[0].Exit == 0 ? "alice" : "bob";
            Assert.Contains($"changed by {winner}", loser.Err);

            using var check = GuidelineStore.Open(_h.StorePath, readOnly: true);
            var row = check.GetRule(draft, "cpmtg-pm-myalgia");
            Assert.Equal(winner == "alice" ? 11 + round : 20 + round, row.Row.MaxVisits);
            Assert.Equal(rowVersion + 1, row.RowVersion);
            Assert.Equal(winner, row.UpdatedBy);
        }
    }

    [Fact]
    public async Task Concurrent_writers_in_separate_processes_lose_nothing()
    {
        var runs = Enumerable.Range(0, 3).Select(i => Task.Run(async () =>
        {
            var ids = new List<string>();
            for (var n = 0; n < 3; n++)
            {
                var (exit, output, error) = await _h.RunAsync("draft", "mtus-2009", "--user", $"editor{i}");
                Assert.True(exit == 0, error);
                ids.Add(AdminHarness.LastLine(output));
            }
            return ids;
        })).ToList();
        var drafts = (await Task.WhenAll(runs)).SelectMany(x => x).ToList();

        Assert.Equal(9, drafts.Distinct().Count());
        using var store = GuidelineStore.Open(_h.StorePath, readOnly: true);
        Assert.Equal(9, store.ListVersions().Count(v => drafts.Contains(v.Info.Id)));
        Assert.Equal(9, store.AuditLog().Count(e => e.Action == "create_draft"));
        Assert.All(drafts, d => Assert.Equal(SeedRows.Of("mtus-2009"), store.GetVersion(d).RuleCount));
    }
}
