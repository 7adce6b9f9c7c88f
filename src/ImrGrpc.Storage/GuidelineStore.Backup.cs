using ImrGrpc.Storage.Documents;
using ImrGrpc.Storage.Files;
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
    /// Writes a consistent copy of the whole store to a new file: every document is copied under the shared lock (no
    /// writer can land halfway through), and the copy is opened and verified before it takes the destination name.
    /// </summary>
    public BackupResult Backup(string destination)
    {
        var target = Path.GetFullPath(destination);
        RefuseStoreFiles(target, "a backup");
        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new StoreException(StoreErrorKind.Invalid, $"{target} already exists; a backup never overwrites a file");
        }
        DurableFile.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        try
        {
            Guard(() =>
            {
                var documents = CollectionNames.ToDictionary(n => n, n => Db.GetCollection(n).FindAll().ToList());
                try
                {
                    using (var created = new FileStream(temp, DurableFile.CreateNew()))
                    {
                    }
                    using var copy = new LiteDatabase(new ConnectionString { Filename = temp, Connection = ConnectionType.Direct, Collation = new Collation("/Ordinal") });
                    foreach (var (name, docs) in documents)
                    {
                        if (docs.Count > 0)
                        {
                            copy.GetCollection(name).InsertBulk(docs);
                        }
                    }
                    copy.GetCollection("rules").EnsureIndex("VersionId");
                    copy.GetCollection("audit").EnsureIndex("VersionId");
                    copy.Checkpoint();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or LiteException)
                {
                    // The store was only read: the failure is the backup's, and says which file.
                    throw new StoreException(StoreErrorKind.Unavailable, $"cannot write backup {target}: {StoreErrors.OneLine(e)}", e);
                }
                return true;
            });
            var verified = Verify(temp);
            File.Move(temp, target);
            DurableFile.FlushDirectory(Path.GetDirectoryName(target)!);
            return verified with { Path = target };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LiteException)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot write backup {target}: {StoreErrors.OneLine(e)}", e);
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
        return store.Guard(() =>
        {
            store.VerifyIntact();
            var (_, revision) = store.LoadPublished();
            var versions = store.ListVersions();
            return new BackupResult(store.FilePath, versions.Count, versions.Sum(v => v.RuleCount), store.Audit.Count(), revision);
        });
    }

    /// <summary>
    /// Replaces the store at <paramref name="livePath"/> with a verified backup, holding the live store's exclusive lock
    /// throughout, so a publish or a backup running at the same time finishes before it or runs after it on the restored
    /// file (never on the replaced one). The replaced file is kept beside it (".before-restore-TIMESTAMP"); the restored
    /// store's revisions move past the replaced one's; the published directory is rewritten to what the restored store
    /// publishes.
    /// </summary>
    public static RestoreResult Restore(string backupPath, string livePath, string user, TimeProvider? time = null, bool force = false)
    {
        AuditText.RequireClean(user, "user name");
        var clock = time ?? TimeProvider.System;
        var live = StorePath.Canonicalize(livePath);
        var backupFull = StorePath.Canonicalize(backupPath);
        if (SameFile(backupFull, live) || SameFile(backupFull, LogPathOf(live)))
        {
            throw new StoreException(StoreErrorKind.Invalid, $"{backupPath} is the live store itself; restore from a backup file");
        }
        var backup = Verify(backupFull);
        string? overridden = null;
        using (var candidate = Open(backupFull, readOnly: true, time: time))
        {
            var check = candidate.VerifyAudit();
            if (!check.Intact)
            {
                if (!force)
                {
                    throw new StoreException(StoreErrorKind.Invalid,
                        $"refusing to restore {backupPath}: its audit log or published content does not verify ({check.Problems[0]}); pass --force to restore it anyway (audited)") { Details = check.Problems };
                }
                overridden = $"; restored with --force although it does not verify: {check.Problems[0]}";
            }
        }
        var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMddTHHmmssZ", System.Globalization.CultureInfo.InvariantCulture);
        if (!File.Exists(live))
        {
            Stage(backup, live, user, clock, 0, 0, kept: null, overridden);
            using var fresh = Open(live, time: clock);
            fresh.SyncPublished();
            return new RestoreResult(live, null, Verify(live));
        }

        var kept = $"{live}.before-restore-{stamp}";
        GuidelineStore? current;
        try
        {
            current = Open(live, time: clock);
        }
        catch (StoreException e) when (e.Kind == StoreErrorKind.Unavailable && File.Exists(live))
        {
            current = null; // a damaged store is the usual reason to restore: it is kept exactly as it is
        }
        if (current is null)
        {
            using (StoreLock.Acquire(live, exclusive: true, DefaultLockTimeout, clock))
            {
                Keep(live, kept);
                Stage(backup, live, user, clock, 1_000_000, 1_000_000, kept, overridden);
            }
        }
        else
        {
            // The exclusive lock is held from the copy of the replaced file until the restored one is on the path: a
            // writer waiting for it then finds the path names another file, and locks and writes that one instead.
            current.InScope(write: true, () =>
            {
                var revision = current.Revision;
                var published = current.PublishedRevision;
                Keep(live, kept);
                Stage(backup, live, user, clock, revision, published, kept, overridden);
                return true;
            });
        }
        using (var restored = Open(live, time: clock))
        {
            restored.SyncPublished();
        }
        return new RestoreResult(live, kept, Verify(live));
    }

    /// <summary>Keeps the file a restore replaces, with its log, private to the owner.</summary>
    private static void Keep(string live, string kept)
    {
        File.Copy(live, kept);
        DurableFile.MakePrivate(kept);
        if (File.Exists(LogPathOf(live)))
        {
            File.Copy(LogPathOf(live), kept + "-log");
            DurableFile.MakePrivate(kept + "-log");
        }
    }

    /// <summary>Copies the backup beside the live path, moves its revisions past the live ones, and renames it into place.</summary>
    private static void Stage(BackupResult backup, string live, string user, TimeProvider clock, long liveRevision, long livePublished, string? kept, string? overridden)
    {
        var dir = Path.GetDirectoryName(live)!;
        var staged = Path.Combine(dir, $".{Path.GetFileName(live)}.restoring-{Guid.NewGuid():N}");
        try
        {
            File.Copy(backup.Path, staged);
            DurableFile.MakePrivate(staged);
            using (var restored = Open(staged, time: clock))
            {
                restored.InTransaction(() =>
                {
                    var meta = restored.Meta.FindById(MetaDocument.SingletonId)!;
                    meta.Revision = Math.Max(meta.Revision, liveRevision) + 1;
                    meta.PublishedRevision = Math.Max(meta.PublishedRevision, livePublished) + 1;
                    restored.Meta.Update(meta);
                    restored.AppendAudit(user, "restore", null, null, null, null,
                        $"store restored from {backup.Path} ({backup.Versions} versions){(kept is null ? "" : $"; the replaced store was kept as {kept}")}{overridden}");
                    return true;
                });
            }
            File.Delete(LogPathOf(live));
            File.Move(staged, live, overwrite: true);
            DurableFile.FlushDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot restore {live}: {StoreErrors.OneLine(e)}", e);
        }
        finally
        {
            File.Delete(staged);
            File.Delete(LogPathOf(staged));
        }
    }

    /// <summary>Refuses a target that is (or resolves to) this store, its log, or a file of its published directory.</summary>
    public void RefuseStoreFiles(string target, string what)
    {
        var resolved = StorePath.Canonicalize(target);
        if (SameFile(resolved, FilePath) || SameFile(resolved, LogPathOf(FilePath)))
        {
            throw new StoreException(StoreErrorKind.Invalid, $"refusing to write {what} to {target}: that is the guideline store {FilePath} itself (or its log)");
        }
        var published = Path.GetFullPath(PublishedDirectory) + Path.DirectorySeparatorChar;
        if (resolved.StartsWith(published, StringComparison.Ordinal) || SameFile(Path.GetDirectoryName(resolved)!, PublishedDirectory))
        {
            throw new StoreException(StoreErrorKind.Invalid, $"refusing to write {what} to {target}: that is inside the published directory servers read");
        }
    }

    /// <summary>Same path after resolving links, or (for hard links and bind mounts) the same file by identity.</summary>
    private static bool SameFile(string a, string b)
    {
        var left = StorePath.Canonicalize(a);
        var right = StorePath.Canonicalize(b);
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return true;
        }
        return FileIdentity.Of(left) is { } x && FileIdentity.Of(right) is { } y && x == y;
    }
}
