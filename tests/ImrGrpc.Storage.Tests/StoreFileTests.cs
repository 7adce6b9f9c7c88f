using ImrGrpc.Engine.Model;
using ImrGrpc.Storage.Bundles;

namespace ImrGrpc.Storage.Tests;

/// <summary>How the store treats its file: one canonical path, exact strings, UTC times, and no silent repairs.</summary>
public sealed class StoreFileTests
{
    [Fact]
    public void A_path_through_a_symlink_resolves_to_the_same_file()
    {
        using var dir = new TempDirectory();
        var real = Directory.CreateDirectory(dir.File("real")).FullName;
        var link = dir.File("link");
        Directory.CreateSymbolicLink(link, real);

        Assert.Equal(Path.Combine(real, "imr.db"), StorePath.Canonicalize(Path.Combine(link, "imr.db")));
        Assert.Equal(Path.Combine(real, "imr.db"), StorePath.Canonicalize(Path.Combine(real, "..", "link", ".", "imr.db")));
    }

    [Fact]
    public void Strings_come_back_exactly_as_written()
    {
        using var dir = new TempDirectory();
        var bundle = SeedData.Load();
        var v = bundle.Versions[0];
        var rules = v.Rules.Select(r => r.Id == "cpmtg-massage" ? r with { Notes = "  leading and trailing spaces  ", Edition = " " } : r).ToList();
        var edited = new Bundle([v with { Rules = rules }]);
        using var store = GuidelineStore.Open(dir.File("imr.db"));
        store.SeedIfEmpty(edited, "tester");

        var massage = store.LoadBook(v.Id).Rules.Single(r => r.Id == "cpmtg-massage");
        Assert.Equal("  leading and trailing spaces  ", massage.Notes);
        Assert.Equal(" ", massage.Edition);
    }

    [Fact]
    public void Times_are_utc()
    {
        using var dir = new TempDirectory();
        using var store = GuidelineStore.Open(dir.File("imr.db"));
        var before = DateTime.UtcNow.AddSeconds(-1);
        store.SeedIfEmpty(SeedData.Load(), "tester");
        var created = store.ListVersions()[0].CreatedAt;
        Assert.Equal(DateTimeKind.Utc, created.Kind);
        Assert.InRange(created, before, DateTime.UtcNow.AddSeconds(1));
    }

    [Theory]
    [InlineData("not a database at all, just text")]
    [InlineData("")]
    public void A_file_that_is_not_a_store_is_refused_and_left_untouched(string content)
    {
        using var dir = new TempDirectory();
        var path = dir.File("imr.db");
        File.WriteAllText(path, content);
        var bytes = File.ReadAllBytes(path);

        var error = Assert.Throws<StoreException>(() => GuidelineStore.Open(path));

        Assert.Equal(StoreErrorKind.Unavailable, error.Kind);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(path, error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_store_with_its_pages_overwritten_is_refused_and_left_untouched()
    {
        using var dir = new TempDirectory();
        var path = dir.File("imr.db");
        using (var store = GuidelineStore.Open(path))
        {
            store.SeedIfEmpty(SeedData.Load(), "tester");
        }
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.Position = 8192;
            stream.Write(Enumerable.Repeat((byte)0xAB, 64 * 1024).ToArray());
        }
        var bytes = File.ReadAllBytes(path);

        var error = Assert.ThrowsAny<Exception>(() =>
        {
            using var store = GuidelineStore.Open(path);
            store.LoadPublished();
        });

        Assert.True(error is StoreException { Kind: StoreErrorKind.Unavailable }, error.ToString());
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_store_cut_short_is_refused_read_only_or_not_and_keeps_every_byte(bool readOnly)
    {
        using var dir = new TempDirectory();
        var path = dir.File("imr.db");
        using (var store = GuidelineStore.Open(path))
        {
            store.SeedIfEmpty(SeedData.Load(), "tester");
        }
        // A copy cut off mid-page: LiteDB would crop it to whole pages on open, even read-only.
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(20_000);
        }
        var bytes = File.ReadAllBytes(path);

        var error = Assert.Throws<StoreException>(() => GuidelineStore.Open(path, readOnly));

        Assert.Equal(StoreErrorKind.Unavailable, error.Kind);
        Assert.Contains("20000 bytes, not a whole number of 8 KB LiteDB pages", error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_store_with_a_damaged_page_is_reported_without_litedb_placeholders()
    {
        using var dir = new TempDirectory();
        var path = dir.File("imr.db");
        using (var store = GuidelineStore.Open(path))
        {
            store.SeedIfEmpty(SeedData.Load(), "tester");
        }
        var random = new Random(7);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            var noise = new byte[4096];
            random.NextBytes(noise);
            stream.Position = 5 * 4096;
            stream.Write(noise);
        }
        var bytes = File.ReadAllBytes(path);

        var error = Assert.ThrowsAny<StoreException>(() =>
        {
            using var store = GuidelineStore.Open(path, readOnly: true);
            store.LoadPublished();
        });

        Assert.Equal(StoreErrorKind.Unavailable, error.Kind);
        Assert.DoesNotContain("{0}", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("invalid segment position in index footer: {0}/{1}", "invalid segment position in index footer")]
    [InlineData("Page type must be data page: {0}", "Page type must be data page")]
    [InlineData("line one\nline two", "line one line two")]
    public void Store_messages_come_out_on_one_line_without_unfilled_placeholders(string raw, string expected) =>
        Assert.Equal(expected, GuidelineStore.OneLine(raw));

    [Fact]
    public void A_published_version_changed_behind_the_stores_back_is_refused_by_its_content_hash()
    {
        using var dir = new TempDirectory();
        var path = dir.File("imr.db");
        using (var store = GuidelineStore.Open(path))
        {
            store.SeedIfEmpty(SeedData.Load(), "tester");
        }
        // Someone edits the file with LiteDB directly: one row of a published version disappears.
        using (var raw = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = path, Connection = LiteDB.ConnectionType.Shared, Collation = new LiteDB.Collation("/Ordinal") }))
        {
            Assert.True(raw.GetCollection("rules").Delete("mtus-2009/cpmtg-pm-myalgia"));
        }

        using var reopened = GuidelineStore.Open(path, readOnly: true);
        var error = Assert.Throws<StoreException>(() => reopened.LoadPublished());

        Assert.Equal(StoreErrorKind.Unavailable, error.Kind);
        Assert.Contains("published version mtus-2009 does not match its content hash", error.Message);
    }
}
