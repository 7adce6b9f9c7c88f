using System.Security.Cryptography;
using ImrGrpc.Storage.Publishing;
using LiteDB;

namespace ImrGrpc.Storage.Tests;

/// <summary>What servers read: the content files and the manifest a store writes beside itself, and what editors may not do.</summary>
public sealed class PublishedDirectoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _path;
    private readonly GuidelineStore _store;

    public PublishedDirectoryTests()
    {
        _path = _dir.File("imr.db");
        Assert.True(GuidelineStore.CreateSeeded(_path, SeedData.Load(), "seed"));
        _store = GuidelineStore.Open(_path);
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    private string Published => _store.PublishedDirectory;

    private PublishedManifest Manifest() => PublishedManifest.Parse(File.ReadAllBytes(Path.Combine(Published, PublishedLayout.ManifestName)));

    private static string Sha(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    [Fact]
    public void A_new_store_comes_with_a_manifest_naming_every_published_version_and_files_that_hash_to_their_names()
    {
        var manifest = Manifest();
        var published = _store.ListVersions().Where(v => v.Info.Status == Engine.Model.VersionStatus.Published).ToList();
        Assert.Equal(published.Select(v => v.Info.Id).Order(), manifest.Versions.Select(v => v.Id).Order());
        foreach (var v in manifest.Versions)
        {
            Assert.Equal(v.ContentHash, Sha(Path.Combine(Published, PublishedLayout.ContentFileName(v.ContentHash))));
            Assert.Equal(published.Single(p => p.Info.Id == v.Id).Info.ContentHash, v.ContentHash);
        }
        Assert.Equal(_store.PublishedRevision, manifest.Revision);
    }

    [Fact]
    public void Publishing_adds_one_content_file_rewrites_the_manifest_and_never_touches_a_file_already_there()
    {
        var before = Directory.GetFiles(Published, "*.json").Where(f => !f.EndsWith(PublishedLayout.ManifestName)).ToDictionary(f => f, Sha);
        var draft = _store.CreateDraft("mtus-2017", "alice");
        _store.SetLimits(draft, "cpmtg-pm-myalgia", new LimitChange(MaxVisits: 12), "alice");
        _store.Publish(draft, new DateOnly(2030, 1, 1), "alice");

        var manifest = Manifest();
        var entry = manifest.Versions.Single(v => v.Id == draft);
        Assert.Equal(new DateOnly(2030, 1, 1), entry.EffectiveFrom);
        Assert.Equal(new DateOnly(2029, 12, 31), manifest.Versions.Single(v => v.Id == "mtus-2017").EffectiveTo);
        Assert.True(manifest.Revision > 1);
        Assert.Equal(entry.ContentHash, Sha(Path.Combine(Published, PublishedLayout.ContentFileName(entry.ContentHash))));
        foreach (var (file, hash) in before)
        {
            Assert.Equal(hash, Sha(file));
        }
        Assert.Empty(Directory.GetFiles(Published, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_directory_left_behind_its_store_is_repaired()
    {
        var manifest = Manifest();
        var victim = Path.Combine(Published, PublishedLayout.ContentFileName(manifest.Versions[0].ContentHash));
        File.WriteAllText(victim, "cut sho");
        File.Delete(Path.Combine(Published, PublishedLayout.ManifestName));

        Assert.True(_store.RepairPublished());
        Assert.Equal(manifest.Versions[0].ContentHash, Sha(victim));
        Assert.Equal(manifest.Versions.Select(v => v.Id), Manifest().Versions.Select(v => v.Id));
        Assert.False(_store.RepairPublished());
    }

    [Fact]
    public void The_publish_preview_is_what_the_publish_does()
    {
        var draft = _store.CreateDraft("mtus-2017", "alice");
        var plan = _store.PlanPublish(draft, new DateOnly(2030, 1, 1));
        var result = _store.Publish(draft, new DateOnly(2030, 1, 1), "alice");
        Assert.Null(plan.Refusal);
        Assert.Equal(plan.PredecessorId, result.PredecessorId);
        Assert.Equal(plan.PredecessorEffectiveTo, result.PredecessorEffectiveTo);
        Assert.Equal(plan.PredecessorRetired, result.PredecessorRetired);
        Assert.Equal(plan.EffectiveTo, result.Published.Info.EffectiveTo);
    }

    [Fact]
    public void A_draft_is_not_published_over_a_version_published_after_it_was_made_unless_replace_is_given()
    {
        var first = _store.CreateDraft("mtus-2017", "alice");
        var second = _store.CreateDraft("mtus-2017", "bob");
        _store.Publish(first, new DateOnly(2030, 1, 1), "alice");

        Assert.NotNull(_store.PlanPublish(second, new DateOnly(2030, 1, 1)).Refusal);
        var error = Assert.Throws<StoreException>(() => _store.Publish(second, new DateOnly(2030, 1, 1), "bob"));
        Assert.Equal(StoreErrorKind.Conflict, error.Kind);
        Assert.Contains(first, error.Message);
        Assert.Contains("alice", error.Message);
        Assert.Equal(Engine.Model.VersionStatus.Published, _store.GetVersion(first).Info.Status);

        _store.Publish(second, new DateOnly(2030, 1, 1), "bob", replace: true);
        Assert.Contains(_store.AuditLog(second), e => e.Action == "publish" && e.Detail!.Contains("--replace", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2016, 1, 1)] // before mtus-2017, the edition the draft was made from
    [InlineData(2101, 1, 1)]
    public void Dates_outside_a_sane_range_are_refused(int year, int month, int day)
    {
        var draft = _store.CreateDraft("mtus-2017", "alice");
        var error = Assert.Throws<StoreException>(() => _store.Publish(draft, new DateOnly(year, month, day), "alice"));
        Assert.Equal(StoreErrorKind.Invalid, error.Kind);
        Assert.Equal(Engine.Model.VersionStatus.Draft, _store.GetVersion(draft).Info.Status);
    }

    [Fact]
    public void The_audit_chain_verifies_and_an_entry_changed_in_the_file_is_found()
    {
        _store.CreateDraft("mtus-2017", "alice");
        Assert.True(_store.VerifyAudit().Intact);

        using (var db = new LiteDatabase(new ConnectionString { Filename = _path, Connection = ConnectionType.Direct }))
        {
            var audit = db.GetCollection("audit");
            var entry = audit.FindAll().Last();
            entry["User"] = "mallory";
            audit.Update(entry);
        }
        var check = _store.VerifyAudit();
        Assert.False(check.Intact);
        Assert.Contains(check.Problems, p => p.Contains("does not match its hash", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("eve\nroot")]
    [InlineData("eve\u001b[2J")]
    public void User_names_with_control_characters_are_refused(string user)
    {
        var error = Assert.Throws<StoreException>(() => _store.CreateDraft("mtus-2017", user));
        Assert.Equal(StoreErrorKind.Invalid, error.Kind);
        Assert.DoesNotContain(_store.ListVersions(), v => v.CreatedBy == user);
    }

    [Fact]
    public void A_backup_onto_the_store_or_its_log_is_refused_and_the_store_keeps_every_byte()
    {
        var before = Sha(_path);
        Assert.Equal(StoreErrorKind.Invalid, Assert.Throws<StoreException>(() => _store.Backup(_path)).Kind);
        Assert.Equal(StoreErrorKind.Invalid, Assert.Throws<StoreException>(() => _store.Backup(_dir.File("imr-log.db"))).Kind);
        Assert.Equal(StoreErrorKind.Invalid, Assert.Throws<StoreException>(() => _store.Backup(Path.Combine(Published, "x.db"))).Kind);
        Assert.Equal(before, Sha(_path));
    }

    [Fact]
    public void Another_applications_litedb_file_is_refused_and_left_as_it_was()
    {
        var foreign = _dir.File("other-app.db");
        using (var db = new LiteDatabase(new ConnectionString { Filename = foreign, Connection = ConnectionType.Direct }))
        {
            db.GetCollection("customers").Insert(new BsonDocument { ["name"] = "Acme" });
        }
        var before = Sha(foreign);
        var error = Assert.Throws<StoreException>(() => GuidelineStore.Open(foreign));
        Assert.True(error.Message.Contains("not an ImrGrpc store", StringComparison.Ordinal), error.Message);
        Assert.Equal(before, Sha(foreign));
        Assert.False(Directory.Exists(PublishedLayout.DirectoryFor(foreign)));
    }

    [Fact]
    public void Files_the_store_creates_are_private_to_their_owner()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Published));
        foreach (var file in Directory.GetFiles(Published))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }
}
