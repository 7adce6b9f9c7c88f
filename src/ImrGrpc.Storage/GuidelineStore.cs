using System.Text.Json.Nodes;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage.Bundles;
using ImrGrpc.Storage.Documents;
using ImrGrpc.Storage.Files;
using ImrGrpc.Storage.Publishing;
using LiteDB;

namespace ImrGrpc.Storage;

/// <summary>
/// The guideline tables in a LiteDB file: the editors' store of record. The file is opened only for the length of one
/// operation, under an OS lock on the file itself (<see cref="StoreLock"/>: shared to read, exclusive to write), in
/// LiteDB's direct mode; so processes reaching the file by any path serialize, and nobody without access to the file
/// can block it. Every multi-document change runs in one transaction: a crash leaves the old state or the new, never
/// half. What servers read is not this file but the published directory beside it (<see cref="PublishedLayout"/>),
/// written after every change to what is published.
/// </summary>
public sealed partial class GuidelineStore : IDisposable
{
    public const int SchemaVersion = 1;

    /// <summary>How long an operation waits for another process's lock before giving up with a message.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly BsonMapper _mapper = StoreMapper.Create();
    private LiteDatabase? _scopeDb;
    private bool _scopeWrites;

    private GuidelineStore(string path, bool readOnly, TimeProvider time, TimeSpan lockTimeout, StoreHooks hooks)
    {
        FilePath = path;
        ReadOnly = readOnly;
        Time = time;
        LockTimeout = lockTimeout;
        Hooks = hooks;
    }

    internal StoreHooks Hooks { get; }

    /// <summary>The canonical path of the store file.</summary>
    public string FilePath { get; }

    /// <summary>The published directory beside the store: what servers read.</summary>
    public string PublishedDirectory => PublishedLayout.DirectoryFor(FilePath);

    /// <summary>Whether this store refuses writes (a server seeding check, read commands on a read-only disk).</summary>
    public bool ReadOnly { get; }

    internal TimeProvider Time { get; }

    public TimeSpan LockTimeout { get; }

    private LiteDatabase Db => _scopeDb ?? throw new InvalidOperationException("the store was used outside an operation scope");

    internal ILiteCollection<MetaDocument> Meta => Db.GetCollection<MetaDocument>("meta");
    internal ILiteCollection<VersionDocument> Versions => Db.GetCollection<VersionDocument>("versions");
    internal ILiteCollection<CatalogDocument> Catalogs => Db.GetCollection<CatalogDocument>("catalogs");
    internal ILiteCollection<RuleDocument> Rules => Db.GetCollection<RuleDocument>("rules");
    internal ILiteCollection<AuditDocument> Audit => Db.GetCollection<AuditDocument>("audit");

    /// <summary>
    /// Opens (creating if absent) the store at a path. An existing file that is not a readable ImrGrpc store is refused
    /// with a one-line reason and left untouched: it is read end to end through a read-only connection before anything
    /// may write to it (LiteDB marks a file it finds damaged, and would rebuild it on the next open).
    /// </summary>
    public static GuidelineStore Open(string path, bool readOnly = false, TimeProvider? time = null, TimeSpan? lockTimeout = null, StoreHooks? hooks = null)
    {
        var canonical = StorePath.Canonicalize(path);
        var existed = File.Exists(canonical);
        if (existed)
        {
            EnsureReadable(canonical);
        }
        else if (readOnly)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot open guideline store {canonical}: the file does not exist");
        }
        else
        {
            CreateEmpty(canonical);
        }
        var store = new GuidelineStore(canonical, readOnly, time ?? TimeProvider.System, lockTimeout ?? DefaultLockTimeout, hooks ?? StoreHooks.None);
        if (!existed)
        {
            store.InTransaction(() => true); // lays out LiteDB's header pages
        }
        store.Guard(() =>
        {
            store.Verify();
            if (existed && !readOnly)
            {
                store.VerifyIntact();
            }
            return true;
        });
        return store;
    }

    /// <summary>A new, empty store file, private to its owner; LiteDB lays out its header on the first write.</summary>
    private static void CreateEmpty(string canonical)
    {
        DurableFile.CreateDirectory(Path.GetDirectoryName(canonical)!);
        try
        {
            using var created = new FileStream(canonical, DurableFile.CreateNew());
        }
        catch (IOException) when (File.Exists(canonical))
        {
            // Another process created it first; it is opened like any existing store.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot create guideline store {canonical}: {StoreErrors.OneLine(e)}", e);
        }
    }

    /// <summary>
    /// Creates a store at <paramref name="path"/> holding the seed bundle, and its published directory, all at once: the
    /// seeded file is built beside it under a temporary name and moved into place, so a process killed at any moment
    /// leaves either no store or a whole one (never an empty or half-created file that the next start would have to
    /// refuse). Returns false, touching nothing, when a file is already there.
    /// </summary>
    public static bool CreateSeeded(string path, Bundle seed, string user, TimeProvider? time = null)
    {
        var canonical = StorePath.Canonicalize(path);
        if (File.Exists(canonical))
        {
            return false;
        }
        var dir = Path.GetDirectoryName(canonical)!;
        DurableFile.CreateDirectory(dir);
        var stem = $"{Path.GetFileNameWithoutExtension(canonical)}.seeding-";
        RemoveAbandonedSeedings(dir, stem, time ?? TimeProvider.System);
        var staged = Path.Combine(dir, $"{stem}{Guid.NewGuid():N}{Path.GetExtension(canonical)}");
        try
        {
            using (var store = Open(staged, time: time))
            {
                store.SeedIfEmpty(seed, user);
            }
            try
            {
                File.Move(staged, canonical, overwrite: false);
                DurableFile.FlushDirectory(dir);
            }
            catch (IOException) when (File.Exists(canonical))
            {
                return false; // another process created the store first; theirs stands
            }
            using (var created = Open(canonical, time: time))
            {
                created.SyncPublished();
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot create guideline store {canonical}: {StoreErrors.OneLine(e)}", e);
        }
        finally
        {
            File.Delete(staged);
            File.Delete(LogPathOf(staged));
        }
    }

    /// <summary>Temporary files of a creation killed part-way (older than any creation still running could be).</summary>
    private static void RemoveAbandonedSeedings(string dir, string stem, TimeProvider time)
    {
        foreach (var file in Directory.EnumerateFiles(dir, stem + "*"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(file) < time.GetUtcNow().UtcDateTime.AddMinutes(-10))
                {
                    File.Delete(file);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not ours to insist on: a file we cannot remove is left where it is.
            }
        }
    }

    /// <summary>
    /// Runs one operation with the file open: takes the OS lock (exclusive to write), opens LiteDB in direct mode, and
    /// closes both afterwards, so no connection, cache or lock outlives the operation. Nested calls join the open scope.
    /// </summary>
    private T InScope<T>(bool write, Func<T> work)
    {
        lock (_gate)
        {
            if (_scopeDb is not null)
            {
                if (write && !_scopeWrites)
                {
                    throw new InvalidOperationException("a write was attempted inside a read of the store");
                }
                return work();
            }
            if (write && ReadOnly)
            {
                throw new StoreException(StoreErrorKind.Unavailable,
                    $"guideline store {FilePath} cannot be written here (read-only file system, or no write permission); read commands still work");
            }
            // A log left by a writer that was killed holds committed pages: a writer folds them in before anyone reads.
            if (!write && !ReadOnly && HasLog(FilePath))
            {
                InScope(write: true, () => true);
            }
            using var fileLock = StoreLock.Acquire(FilePath, exclusive: write, LockTimeout, Time);
            var connection = new ConnectionString
            {
                Filename = FilePath,
                Connection = ConnectionType.Direct,
                Collation = new Collation("/Ordinal"),
                ReadOnly = !write,
            };
            try
            {
                _scopeDb = new LiteDatabase(connection, _mapper);
            }
            catch (LiteException e) when (e.Message.Contains("collation", StringComparison.OrdinalIgnoreCase))
            {
                // Every ImrGrpc store is created with the ordinal collation; another one means another application's file.
                throw new StoreException(StoreErrorKind.Unavailable,
                    $"cannot open guideline store {FilePath}: it is a LiteDB file but not an ImrGrpc store ({StoreErrors.OneLine(e)}); it was left untouched", e);
            }
            catch (Exception e) when (e is LiteException or IOException or UnauthorizedAccessException)
            {
                throw new StoreException(StoreErrorKind.Unavailable, $"cannot open guideline store {FilePath}: {StoreErrors.OneLine(e)}", e);
            }
            _scopeWrites = write;
            try
            {
                return work();
            }
            finally
            {
                var db = _scopeDb;
                _scopeDb = null;
                try
                {
                    db.Dispose();
                }
                catch (Exception e) when (e is LiteException or IOException)
                {
                    // Closing checkpoints the log into the file; if that fails the log stays and is folded in next
                    // time (a writer folds a leftover log in before anyone reads), so the operation's result stands.
                }
                if (write)
                {
                    DurableFile.MakePrivate(LogPathOf(FilePath));
                }
            }
        }
    }

    /// <summary>Reads every document of every collection, so damage anywhere in use shows up now, not mid-write.</summary>
    private void VerifyIntact() => Guard(() =>
    {
        var versions = Versions.FindAll().ToList();
        foreach (var v in versions)
        {
            LoadBook(v);
        }
        _ = Audit.FindAll().Count();
        return true;
    });

    private static void EnsureReadable(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length == 0)
            {
                throw new StoreException(StoreErrorKind.Unavailable, $"cannot open guideline store {path}: the file is empty (not a LiteDB store)");
            }
            Span<byte> header = stackalloc byte[64];
            var read = stream.Read(header);
            // LiteDB 5 writes its signature at byte 32 of the header page.
            if (read < 59 || !header[32..59].SequenceEqual("** This is a LiteDB file **"u8))
            {
                throw new StoreException(StoreErrorKind.Unavailable, $"cannot open guideline store {path}: not a LiteDB 5 data file (header signature missing)");
            }
            // LiteDB crops a data file that is not a whole number of pages, even through a read-only connection: the
            // store would be changed by merely opening it. Without a log to recover the cut page from, it is refused.
            if (stream.Length % LitePageSize != 0 && !HasLog(path))
            {
                throw new StoreException(StoreErrorKind.Unavailable,
                    $"cannot open guideline store {path}: the file is {stream.Length} bytes, not a whole number of 8 KB LiteDB pages (cut short, or not a store)");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot open guideline store {path}: {OneLine(e.Message)}", e);
        }
    }

    /// <summary>
    /// Refuses a file that is not an ImrGrpc store (another application's LiteDB file is never written into) or that
    /// a newer build wrote.
    /// </summary>
    private void Verify() => Guard(() =>
    {
        var meta = Meta.FindById(MetaDocument.SingletonId);
        if (meta is null)
        {
            var collections = Db.GetCollectionNames().Where(n => !n.StartsWith('$')).Order(StringComparer.Ordinal).ToList();
            if (collections.Count > 0)
            {
                throw new StoreException(StoreErrorKind.Unavailable,
                    $"cannot open guideline store {FilePath}: it is a LiteDB file but not an ImrGrpc store (it holds {string.Join(", ", collections.Take(5))}); it was left untouched");
            }
            return true;
        }
        if (meta.SchemaVersion > SchemaVersion)
        {
            throw new StoreException(StoreErrorKind.Unavailable,
                $"cannot open guideline store {FilePath}: it was written by a newer ImrGrpc (schema {meta.SchemaVersion}, this build reads {SchemaVersion})");
        }
        return true;
    });

    /// <summary>Nothing stays open between operations; kept so callers can scope a store with <c>using</c>.</summary>
    public void Dispose()
    {
    }

    /// <summary>True until the store has been seeded or written.</summary>
    public bool IsEmpty => Guard(() => Meta.FindById(MetaDocument.SingletonId) is null);

    /// <summary>Rises on every committed change.</summary>
    public long Revision => Guard(() => Meta.FindById(MetaDocument.SingletonId)?.Revision ?? 0);

    /// <summary>Rises when the set of published versions (what the server serves) changes.</summary>
    public long PublishedRevision => Guard(() => Meta.FindById(MetaDocument.SingletonId)?.PublishedRevision ?? 0);

    /// <summary>
    /// Seeds an empty store with a bundle's versions, each published with the window the bundle gives. Does nothing if
    /// the store already holds data. One transaction.
    /// </summary>
    public bool SeedIfEmpty(Bundle seed, string user)
    {
        return InTransaction(() =>
        {
            if (Meta.FindById(MetaDocument.SingletonId) is not null)
            {
                return false;
            }
            var now = Time.GetUtcNow().UtcDateTime;
            foreach (var v in seed.Versions)
            {
                var hash = v.ContentHash;
                Versions.Insert(new VersionDocument
                {
                    Id = v.Id,
                    Label = v.Label,
                    EffectiveFrom = Iso(v.EffectiveFrom),
                    EffectiveTo = Iso(v.EffectiveTo),
                    Status = "published",
                    ParentId = v.ParentId,
                    ContentHash = hash,
                    CreatedBy = user,
                    CreatedAt = now,
                    PublishedBy = user,
                    PublishedAt = now,
                    Revision = 1,
                });
                Catalogs.Insert(new CatalogDocument { Id = v.Id, Catalog = ToBson(CatalogJson.ToJson(v.Catalog)) });
                Rules.InsertBulk(v.Rules.Select(r => NewRuleDocument(v.Id, r, user, now)));
                AppendAudit(user, "seed", v.Id, null, null, null, $"seeded published version {v.Id} ({v.Rules.Count} rows, content {hash[..12]})");
            }
            Rules.EnsureIndex(r => r.VersionId);
            Audit.EnsureIndex(a => a.VersionId);
            Meta.Insert(new MetaDocument
            {
                SchemaVersion = SchemaVersion,
                Revision = 1,
                PublishedRevision = 1,
                CreatedAt = now,
            });
            return true;
        });
    }

    /// <summary>Every version, oldest window first, drafts last.</summary>
    public IReadOnlyList<StoredVersion> ListVersions() => Guard(() =>
    {
        var counts = Rules.FindAll()
            .GroupBy(r => r.VersionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (All: g.Count(), Unverified: g.Count(IsUnverified)), StringComparer.Ordinal);
        return Versions.FindAll()
            .Select(v => ToRecord(v, counts.GetValueOrDefault(v.Id)))
            .OrderBy(v => v.Info.EffectiveFrom ?? DateOnly.MaxValue)
            .ThenBy(v => v.CreatedAt)
            .ThenBy(v => v.Info.Id, StringComparer.Ordinal)
            .ToList();
    });

    /// <summary>
    /// Every version's identity and window, in the order <see cref="ListVersions"/> gives, without reading a single row:
    /// what "which version is in force" needs.
    /// </summary>
    public IReadOnlyList<VersionInfo> ListVersionInfos() => Guard(() =>
        Versions.FindAll()
            .OrderBy(v => ParseIso(v.EffectiveFrom) ?? DateOnly.MaxValue)
            .ThenBy(v => v.CreatedAt)
            .ThenBy(v => v.Id, StringComparer.Ordinal)
            .Select(ToInfo)
            .ToList());

    /// <summary>One version's identity and window, without reading its rows.</summary>
    public VersionInfo GetVersionInfo(string versionId) => Guard(() => ToInfo(Versions.FindById(versionId) ?? throw NotFound(versionId)));

    public StoredVersion GetVersion(string versionId) => Guard(() =>
    {
        var doc = Versions.FindById(versionId) ?? throw NotFound(versionId);
        var rules = Rules.Find(r => r.VersionId == versionId).ToList();
        return ToRecord(doc, (rules.Count, rules.Count(IsUnverified)));
    });

    /// <summary>A whole version as the engine reads it.</summary>
    public GuidelineBook LoadBook(string versionId) => Guard(() => LoadBook(Versions.FindById(versionId) ?? throw NotFound(versionId)));

    /// <summary>
    /// Every published version with the published revision they were read at, in one read transaction so a publish
    /// cannot land halfway through. Each version's content is re-hashed and must match its recorded hash.
    /// </summary>
    public (IReadOnlyList<GuidelineBook> Books, long PublishedRevision) LoadPublished()
    {
        // The revision is read first: a publish landing mid-read leaves an older revision, so the next check reloads.
        return ReadConsistently(() =>
        {
            var revision = Meta.FindById(MetaDocument.SingletonId)?.PublishedRevision ?? 0;
            // Materialized first: in shared mode a nested query would close the engine under an open cursor.
            var published = Versions.Find(v => v.Status == "published").ToList();
            var books = published.Select(LoadBook).ToList();
            foreach (var book in books)
            {
                var actual = GuidelineContent.Hash(book.Catalog, book.Rules);
                if (!string.Equals(actual, book.Version.ContentHash, StringComparison.Ordinal))
                {
                    throw new StoreException(StoreErrorKind.Unavailable,
                        $"published version {book.Version.Id} does not match its content hash (recorded {book.Version.ContentHash[..12]}, found {actual[..12]}); the store was changed outside ImrGrpc");
                }
            }
            return ((IReadOnlyList<GuidelineBook>)books, revision);
        });
    }

    private GuidelineBook LoadBook(VersionDocument doc)
    {
        var catalogDoc = Catalogs.FindById(doc.Id) ?? throw new StoreException(StoreErrorKind.Unavailable, $"version {doc.Id} has no catalog");
        var catalog = CatalogJson.FromJson(ToJson(catalogDoc.Catalog), $"{doc.Id}.catalog");
        var rules = Rules.Find(r => r.VersionId == doc.Id)
            .Select(r => RuleJson.FromJson(ToJson(r.Rule), r.Id))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        return new GuidelineBook(ToInfo(doc), catalog, rules);
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>A read that sees one state of the store: the shared lock keeps every writer out until it ends.</summary>
    internal T ReadConsistently<T>(Func<T> work) => Guard(work);

    /// <summary>A write: exclusive lock, one LiteDB transaction. A LiteDB transaction belongs to the calling thread; callers never await inside one.</summary>
    internal T InTransaction<T>(Func<T> work) => InScope(write: true, () => Mapped(() =>
    {
        Db.BeginTrans();
        try
        {
            var result = work();
            Db.Commit();
            return result;
        }
        catch
        {
            Db.Rollback();
            throw;
        }
    }));

    /// <summary>A read of the store; failures to read the file become a one-line <see cref="StoreException"/>.</summary>
    internal T Guard<T>(Func<T> work) => InScope(write: false, () => Mapped(work));

    /// <summary>Turns a failure to read or write the file into a one-line <see cref="StoreException"/>.</summary>
    private T Mapped<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        // Only what a damaged, foreign or unreachable file causes. A NullReferenceException or InvalidOperationException
        // here is a bug in this code and must surface as one (an internal error with a trace), not as "cannot be read".
        catch (Exception e) when (e is LiteException or IOException or UnauthorizedAccessException or BundleFormatException)
        {
            var what = StoreErrors.IsDiskFull(e) ? $"guideline store {FilePath} cannot be written" : $"guideline store {FilePath} cannot be read";
            throw new StoreException(StoreErrorKind.Unavailable, $"{what}: {StoreErrors.OneLine(e)}", e);
        }
    }

    /// <summary>
    /// Appends one entry, chained to the one before by hash (<see cref="AuditChain"/>), so an entry changed, removed or
    /// slipped in afterwards is found by <c>admin audit --verify</c>. Audited strings are refused if they carry control
    /// characters or line breaks.
    /// </summary>
    internal void AppendAudit(string user, string action, string? versionId, string? ruleId, string? before, string? after, string? detail)
    {
        AuditText.RequireClean(user, "user name");
        AuditText.RequireClean(detail, "audit detail");
        var previous = Audit.Query().OrderByDescending(a => a.Id).Limit(1).FirstOrDefault();
        var now = Time.GetUtcNow().UtcDateTime;
        var entry = new AuditDocument
        {
            // LiteDB keeps milliseconds: the hashed time is the stored time.
            At = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond)),
            User = user,
            Action = action,
            VersionId = versionId,
            RuleId = ruleId,
            Before = before,
            After = after,
            Detail = detail,
            PreviousHash = previous?.Hash ?? "",
        };
        entry.Hash = AuditChain.HashOf(entry);
        Audit.Insert(entry);
    }

    internal static RuleDocument NewRuleDocument(string versionId, RuleRow row, string user, DateTime now) =>
        NewRuleDocument(versionId, row.Id, ToBson(RuleJson.ToJson(row)), user, now);

    /// <summary>A row's first stored version in a version (new, imported or copied into a draft), written by a user now.</summary>
    internal static RuleDocument NewRuleDocument(string versionId, string ruleId, BsonDocument rule, string user, DateTime now) => new()
    {
        Id = RuleDocument.KeyOf(versionId, ruleId),
        VersionId = versionId,
        RuleId = ruleId,
        RowVersion = 1,
        UpdatedBy = user,
        UpdatedAt = now,
        Rule = rule,
    };

    internal static bool IsUnverified(RuleDocument r) => r.VerifiedAt is null && !string.Equals(
        r.Rule["confidence"].IsString ? r.Rule["confidence"].AsString : "low", "high", StringComparison.Ordinal);

    internal static BsonDocument ToBson(JsonObject json) => LiteDB.JsonSerializer.Deserialize(json.ToJsonString()).AsDocument;

    internal static JsonObject ToJson(BsonDocument bson) =>
        JsonNode.Parse(LiteDB.JsonSerializer.Serialize(bson)) as JsonObject
        ?? throw new StoreException(StoreErrorKind.Unavailable, "stored document is not an object");

    internal static string? Iso(DateOnly? date) => IsoDate.Write(date);

    /// <summary>A stored date; one that does not read as YYYY-MM-DD means the file was changed outside ImrGrpc.</summary>
    internal static DateOnly? ParseIso(string? text) =>
        text is null ? null : IsoDate.Parse(text) ?? throw new FormatException($"stored date '{text}' is not YYYY-MM-DD");

    internal static VersionStatus ParseStatus(string status) =>
        EnumNames.Statuses.TryGetValue(status, out var s) ? s : throw new StoreException(StoreErrorKind.Unavailable, $"unknown version status '{status}'");

    internal static VersionInfo ToInfo(VersionDocument doc) => new()
    {
        Id = doc.Id,
        Label = doc.Label,
        EffectiveFrom = ParseIso(doc.EffectiveFrom),
        EffectiveTo = ParseIso(doc.EffectiveTo),
        Status = ParseStatus(doc.Status),
        ParentId = doc.ParentId,
        ContentHash = doc.ContentHash,
    };

    private static StoredVersion ToRecord(VersionDocument doc, (int All, int Unverified) counts) =>
        new(ToInfo(doc), doc.CreatedBy, doc.CreatedAt, doc.PublishedBy, doc.PublishedAt, doc.Revision, counts.All, counts.Unverified);

    internal static StoreException NotFound(string versionId) =>
        new(StoreErrorKind.NotFound, $"no guideline version '{versionId}' in the store");

    public static string OneLine(string message) => StoreErrors.OneLine(message);

    private const int LitePageSize = 8192;

    /// <summary>Whether LiteDB's write-ahead log beside the data file holds anything.</summary>
    private static bool HasLog(string path)
    {
        var log = LogPathOf(path);
        return File.Exists(log) && new FileInfo(log).Length > 0;
    }

    /// <summary>Where LiteDB keeps a data file's log: NAME-log.EXT beside it.</summary>
    internal static string LogPathOf(string path) =>
        Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}-log{Path.GetExtension(path)}");
}
