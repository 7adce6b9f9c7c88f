using ImrGrpc.Engine.Model;

namespace ImrGrpc.Storage.Tests;

/// <summary>Backups are whole and verified; a restore validates first and never throws away what it replaces.</summary>
public sealed class BackupTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Seeded()
    {
        var path = _dir.File("imr.db");
        using var store = GuidelineStore.Open(path);
        store.SeedIfEmpty(SeedData.Load(), "seed");
        var draft = store.CreateDraft("mtus-2017", "alice");
        store.SetLimits(draft, "cpmtg-pm-myalgia", new LimitChange(MaxVisits: 12), "alice");
        return path;
    }

    [Fact]
    public void A_backup_holds_every_version_row_and_audit_entry_and_verifies()
    {
        var path = Seeded();
        using var store = GuidelineStore.Open(path);

        var backup = store.Backup(_dir.File("backup.db"));

        Assert.Equal(5, backup.Versions);
        Assert.Equal(store.ListVersions().Sum(v => v.RuleCount), backup.Rules);
        Assert.Equal(store.AuditLog().Count, backup.AuditEntries);
        using var copy = GuidelineStore.Open(backup.Path, readOnly: true);
        Assert.Equal(store.ListVersions().Select(v => v.Info.ContentHash), copy.ListVersions().Select(v => v.Info.ContentHash));
        Assert.Throws<StoreException>(() => store.Backup(backup.Path));
    }

    [Fact]
    public void Restore_replaces_the_store_keeps_the_old_one_and_moves_the_revision_on()
    {
        var path = Seeded();
        string backupPath;
        long revision;
        using (var store = GuidelineStore.Open(path))
        {
            backupPath = store.Backup(_dir.File("backup.db")).Path;
            store.Publish(store.ListVersions().Single(v => v.Info.Status == VersionStatus.Draft).Info.Id, new DateOnly(2030, 1, 1), "alice");
            revision = store.PublishedRevision;
        }

        var result = GuidelineStore.Restore(backupPath, path, "ops");

        Assert.NotNull(result.PreviousKeptAt);
        using (var kept = GuidelineStore.Open(result.PreviousKeptAt!, readOnly: true))
        {
            Assert.Equal(5, kept.ListVersions().Count(v => v.Info.Status == VersionStatus.Published));
        }
        using var restored = GuidelineStore.Open(path, readOnly: true);
        Assert.Equal(4, restored.ListVersions().Count(v => v.Info.Status == VersionStatus.Published));
        Assert.True(restored.PublishedRevision > revision);
        Assert.Equal("restore", restored.AuditLog().Last().Action);
    }

    [Fact]
    public void A_damaged_backup_is_refused_and_the_store_is_untouched()
    {
        var path = Seeded();
        var bad = _dir.File("bad.db");
        File.WriteAllText(bad, "not a store");
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<StoreException>(() => GuidelineStore.Restore(bad, path, "ops"));

        Assert.Equal(StoreErrorKind.Unavailable, error.Kind);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_damaged_live_store_can_be_restored_and_is_kept_as_it_was()
    {
        var path = Seeded();
        string backupPath;
        using (var store = GuidelineStore.Open(path))
        {
            backupPath = store.Backup(_dir.File("backup.db")).Path;
        }
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.Position = 8192;
            stream.Write(new byte[32 * 1024]);
        }
        var damaged = File.ReadAllBytes(path);

        var result = GuidelineStore.Restore(backupPath, path, "ops");

        Assert.Equal(damaged, File.ReadAllBytes(result.PreviousKeptAt!));
        Assert.Equal(5, GuidelineStore.Verify(path).Versions);
    }
}
