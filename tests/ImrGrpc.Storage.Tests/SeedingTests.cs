using ImrGrpc.Engine.Model;
using ImrGrpc.Storage.Bundles;

namespace ImrGrpc.Storage.Tests;

public sealed class SeedingTests
{
    [Fact]
    public void Empty_store_is_seeded_with_the_editions_each_published_with_its_window()
    {
        using var dir = new TempDirectory();
        using var store = GuidelineStore.Open(dir.File("imr.db"));

        Assert.True(store.IsEmpty);
        Assert.True(store.SeedIfEmpty(SeedData.Load(), "tester"));
        var versions = store.ListVersions();

        Assert.Equal(["mtus-2009", "mtus-2015", "mtus-2016", "mtus-2017"], versions.Select(v => v.Info.Id));
        Assert.All(versions, v => Assert.Equal(VersionStatus.Published, v.Info.Status));
        Assert.Equal(new DateOnly(2009, 7, 18), versions[0].Info.EffectiveFrom);
        Assert.Null(versions[^1].Info.EffectiveTo);
        for (var i = 1; i < versions.Count; i++)
        {
            Assert.Equal(versions[i - 1].Info.EffectiveTo!.Value.AddDays(1), versions[i].Info.EffectiveFrom);
        }
        Assert.All(versions, v => Assert.True(v.RuleCount > 30));
        Assert.Equal(1, store.PublishedRevision);
    }

    [Fact]
    public void Seeding_twice_changes_nothing()
    {
        using var dir = new TempDirectory();
        using (var store = GuidelineStore.Open(dir.File("imr.db")))
        {
            store.SeedIfEmpty(SeedData.Load(), "tester");
        }
        using var reopened = GuidelineStore.Open(dir.File("imr.db"));
        var before = reopened.ListVersions().Select(v => v.Info.ContentHash).ToList();
        Assert.False(reopened.SeedIfEmpty(SeedData.Load(), "tester"));
        Assert.Equal(before, reopened.ListVersions().Select(v => v.Info.ContentHash));
    }

    [Fact]
    public void Published_versions_load_back_with_the_content_they_were_hashed_from()
    {
        using var dir = new TempDirectory();
        using var store = GuidelineStore.Open(dir.File("imr.db"));
        var seed = SeedData.Load();
        store.SeedIfEmpty(seed, "tester");

        var (books, revision) = store.LoadPublished();

        Assert.Equal(1, revision);
        foreach (var book in books)
        {
            var seeded = seed.Versions.Single(v => v.Id == book.Version.Id);
            Assert.Equal(seeded.ContentHash, book.Version.ContentHash);
            Assert.Equal(seeded.ContentHash, GuidelineContent.Hash(book.Catalog, book.Rules));
            Assert.Equal(seeded.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).Select(RuleJson.ToJson).Select(j => j.ToJsonString()),
                book.Rules.Select(RuleJson.ToJson).Select(j => j.ToJsonString()));
        }
    }

    [Fact]
    public void Seeded_rows_keep_their_confidence_flag()
    {
        using var dir = new TempDirectory();
        using var store = GuidelineStore.Open(dir.File("imr.db"));
        store.SeedIfEmpty(SeedData.Load(), "tester");
        var book = store.LoadBook("mtus-2009");

        Assert.Equal(Confidence.Medium, book.Rules.Single(r => r.Id == "cpmtg-pm-myalgia").Confidence);
        Assert.Equal(Confidence.High, book.Rules.Single(r => r.Id == "cpmtg-massage").Confidence);
        Assert.Contains(book.Rules, r => r.Confidence == Confidence.Low);
        Assert.True(store.GetVersion("mtus-2009").UnverifiedCount > 0);
    }

    [Fact]
    public void A_new_store_appears_whole_and_seeded_with_nothing_left_beside_it()
    {
        using var dir = new TempDirectory();
        var path = dir.File("imr.db");

        Assert.True(GuidelineStore.CreateSeeded(path, SeedData.Load(), "tester"));

        Assert.Equal(["imr.db"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        using var store = GuidelineStore.Open(path, readOnly: true);
        Assert.Equal(4, store.LoadPublished().Books.Count);
    }

    [Fact]
    public void Creating_over_an_existing_file_touches_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.File("imr.db");
        File.WriteAllText(path, "someone's file");

        Assert.False(GuidelineStore.CreateSeeded(path, SeedData.Load(), "tester"));

        Assert.Equal("someone's file", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Temporary_files_of_a_creation_killed_long_ago_are_cleared_and_recent_ones_kept()
    {
        using var dir = new TempDirectory();
        var old = dir.File("imr.seeding-0123.db");
        var recent = dir.File("imr.seeding-4567.db");
        File.WriteAllText(old, "half");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-1));
        File.WriteAllText(recent, "in progress elsewhere");

        Assert.True(GuidelineStore.CreateSeeded(dir.File("imr.db"), SeedData.Load(), "tester"));

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
    }
}
