using ImrGrpc.Storage.Documents;
using LiteDB;

namespace ImrGrpc.Storage;

/// <summary>What a backup holds, as verified after writing it.</summary>
public sealed record BackupResult(string Path, int Versions, int Rules, int AuditEntries, long PublishedRevision);

/// <summary>What a restore replaced and where the replaced file was kept.</summary>
public sealed record RestoreResult(string LivePath, string? PreviousKeptAt, BackupResult Restored);

public sealed partial class GuidelineStore
{
    private static readonly string[] CollectionNames = ["meta", "versions", "catalogs", "rules", "audit"];

    /// <summary>
    /// Writes a consistent copy of the whole store to a new file: the log is checkpointed first, then every document is
    /// copied inside one transaction (which holds the store's lock, so no other process writes halfway through), and the
    /// copy is opened and verified before it takes the destination name.
    /// </summary>
    public BackupResult Backup(string destination)
    {
        var target = System.IO.Path.GetFullPath(destination);
        if (File.Exists(target))
        {
            throw new StoreException(StoreErrorKind.Invalid, $"{target} already exists; a backup never overwrites a file");
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        var temp = $"{target}.partial-{Guid.NewGuid():N}";
        try
        {
            Guard(() => { _db.Checkpoint(); return true; });
            ReadConsistently(() =>
            {
                using var copy = new LiteDatabase(new ConnectionString { Filename = temp, Connection = ConnectionType.Direct, Collation = new Collation("/Ordinal") });
                foreach (var name in CollectionNames)
                {
                    var documents = _db.GetCollection(name).FindAll().ToList();
                    if (documents.Count > 0)
                    {
                        copy.GetCollection(name).InsertBulk(documents);
                    }
                }
                copy.GetCollection("rules").EnsureIndex("VersionId");
                copy.GetCollection("audit").EnsureIndex("VersionId");
                copy.Checkpoint();
                return true;
            });
            var verified = Verify(temp);
            File.Move(temp, target);
            return verified with { Path = target };
        }
        finally
        {
            File.Delete(temp);
            File.Delete(LogPathOf(temp));
        }
    }

    /// <summary>Opens a store file read-only and checks it end to end: structure, every document, every published hash.</summary>
    public static BackupResult Verify(string path)
    {
        using var store = Open(path, readOnly: true);
        store.VerifyIntact();
        var (books, revision) = store.LoadPublished();
        var versions = store.ListVersions();
        return new BackupResult(store.FilePath, versions.Count, versions.Sum(v => v.RuleCount), store.Guard(() => store.Audit.Count()), revision);
    }

    /// <summary>
    /// Replaces the store at <paramref name="livePath"/> with a verified backup. The file it replaces is kept beside it
    /// (".before-restore-TIMESTAMP"), and the restored store's revisions move past the replaced one's, so a running
    /// server reloads it.
    /// </summary>
    public static RestoreResult Restore(string backupPath, string livePath, string user)
    {
        var backup = Verify(backupPath);
        var live = StorePath.Canonicalize(livePath);
        var stamp = DateTime.UtcNow.ToString("yyyyMMddTHHmmssZ", System.Globalization.CultureInfo.InvariantCulture);
        long liveRevision = 0;
        long livePublished = 0;
        string? kept = null;
        var liveLog = LogPathOf(live);
        if (File.Exists(live))
        {
            try
            {
                using var current = Open(live);
                // Flush the live store's log into its file, so the kept copy is whole and no stale log meets the restored file.
                current.Guard(() => { current._db.Checkpoint(); return true; });
                liveRevision = current.Revision;
                livePublished = current.PublishedRevision;
            }
            catch (StoreException e) when (e.Kind == StoreErrorKind.Unavailable)
            {
                // A damaged store is the usual reason to restore: it is kept exactly as it is, log file included.
                liveRevision = livePublished = 1_000_000;
            }
            kept = $"{live}.before-restore-{stamp}";
            File.Copy(live, kept);
            if (File.Exists(liveLog))
            {
                File.Copy(liveLog, kept + "-log");
            }
        }

        var staged = $"{live}.restoring-{Guid.NewGuid():N}";
        try
        {
            File.Copy(backup.Path, staged);
            using (var restored = Open(staged))
            {
                restored.InTransaction(() =>
                {
                    var meta = restored.Meta.FindById(MetaDocument.SingletonId)!;
                    meta.Revision = Math.Max(meta.Revision, liveRevision) + 1;
                    meta.PublishedRevision = Math.Max(meta.PublishedRevision, livePublished) + 1;
                    restored.Meta.Update(meta);
                    restored.AppendAudit(user, "restore", null, null, null, null,
                        $"store restored from {backup.Path} ({backup.Versions} versions){(kept is null ? "" : $"; the replaced store was kept as {kept}")}");
                    return true;
                });
                restored.Guard(() => { restored._db.Checkpoint(); return true; });
            }
            File.Delete(liveLog);
            File.Move(staged, live, overwrite: true);
        }
        finally
        {
            File.Delete(staged);
            File.Delete(LogPathOf(staged));
        }
        return new RestoreResult(live, kept, Verify(live));
    }
}
