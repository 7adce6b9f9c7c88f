using System.Globalization;
using System.Text.Json.Nodes;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage.Bundles;
using ImrGrpc.Storage.Documents;
using LiteDB;

namespace ImrGrpc.Storage;

/// <summary>A version as listed: identity, window, lifecycle, row counts.</summary>
public sealed record VersionRecord(
    VersionInfo Info,
    string CreatedBy,
    DateTime CreatedAt,
    string? PublishedBy,
    DateTime? PublishedAt,
    int Revision,
    int RuleCount,
    int UnverifiedCount);

/// <summary>
/// The guideline tables in a LiteDB file, opened in shared mode so the server and the admin tool can use one file.
/// Every multi-document change runs in one transaction: a crash leaves the old state or the new, never half.
/// </summary>
public sealed partial class GuidelineStore : IDisposable
{
    public const int SchemaVersion = 1;

    private readonly LiteDatabase _db;

    private GuidelineStore(string path, LiteDatabase db)
    {
        FilePath = path;
        _db = db;
    }

    /// <summary>The canonical path of the store file.</summary>
    public string FilePath { get; }

    internal ILiteCollection<MetaDocument> Meta => _db.GetCollection<MetaDocument>("meta");
    internal ILiteCollection<VersionDocument> Versions => _db.GetCollection<VersionDocument>("versions");
    internal ILiteCollection<CatalogDocument> Catalogs => _db.GetCollection<CatalogDocument>("catalogs");
    internal ILiteCollection<RuleDocument> Rules => _db.GetCollection<RuleDocument>("rules");
    internal ILiteCollection<AuditDocument> Audit => _db.GetCollection<AuditDocument>("audit");

    /// <summary>
    /// Opens (creating if absent) the store at a path. An existing file that is not a readable store is refused with
    /// a one-line reason and left untouched: it is read through a read-only connection, end to end, before anything
    /// may write to it (LiteDB marks a file it finds damaged, and would rebuild it on the next open).
    /// </summary>
    public static GuidelineStore Open(string path, bool readOnly = false)
    {
        var canonical = StorePath.Canonicalize(path);
        var existed = File.Exists(canonical);
        if (existed)
        {
            EnsureReadable(canonical);
            if (!readOnly)
            {
                using var check = Connect(canonical, readOnly: true);
                check.VerifyIntact();
            }
        }
        else if (readOnly)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot open guideline store {canonical}: the file does not exist");
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(canonical)!);
        }
        var store = Connect(canonical, readOnly);
        try
        {
            store.Verify(existed);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a store at <paramref name="path"/> holding the seed bundle, all at once: the seeded file is built beside
    /// it under a temporary name and moved into place, so a process killed at any moment leaves either no store or a
    /// whole one (never an empty or half-created file that the next start would have to refuse). Returns false, touching
    /// nothing, when a file is already there.
    /// </summary>
    public static bool CreateSeeded(string path, Bundle seed, string user)
    {
        var canonical = StorePath.Canonicalize(path);
        if (File.Exists(canonical))
        {
            return false;
        }
        var dir = Path.GetDirectoryName(canonical)!;
        Directory.CreateDirectory(dir);
        var stem = $"{Path.GetFileNameWithoutExtension(canonical)}.seeding-";
        RemoveAbandonedSeedings(dir, stem);
        var staged = Path.Combine(dir, $"{stem}{Guid.NewGuid():N}{Path.GetExtension(canonical)}");
        try
        {
            using (var store = Open(staged))
            {
                store.SeedIfEmpty(seed, user);
                store.Guard(() => { store._db.Checkpoint(); return true; });
            }
            try
            {
                File.Move(staged, canonical, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(canonical))
            {
                return false; // another process created the store first; theirs stands
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot create guideline store {canonical}: {OneLine(e.Message)}", e);
        }
        finally
        {
            File.Delete(staged);
            File.Delete(LogPathOf(staged));
        }
    }

    /// <summary>Temporary files of a creation killed part-way (older than any creation still running could be).</summary>
    private static void RemoveAbandonedSeedings(string dir, string stem)
    {
        foreach (var file in Directory.EnumerateFiles(dir, stem + "*"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddMinutes(-10))
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

    /// <summary>Whether this connection may write (the server reads through a read-only one).</summary>
    public bool ReadOnly { get; private init; }

    private static GuidelineStore Connect(string canonical, bool readOnly)
    {
        var connection = new ConnectionString
        {
            Filename = canonical,
            Connection = ConnectionType.Shared,
            Collation = new Collation("/Ordinal"),
            ReadOnly = readOnly,
        };
        try
        {
            var db = new LiteDatabase(connection, StoreMapper.Create());
            return new GuidelineStore(canonical, db) { ReadOnly = readOnly };
        }
        catch (Exception e) when (e is LiteException or IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot open guideline store {canonical}: {OneLine(e.Message)}", e);
        }
    }

    /// <summary>Reads every document of every collection, so damage anywhere in use shows up now, not mid-write.</summary>
    private void VerifyIntact() => Guard(() =>
    {
        Verify(existed: true);
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

    private void Verify(bool existed) => Guard(() =>
    {
        var meta = Meta.FindById(MetaDocument.SingletonId);
        if (meta is null)
        {
            if (existed && Versions.Count() > 0)
            {
                throw new StoreException(StoreErrorKind.Unavailable, $"cannot open guideline store {FilePath}: versions exist but the store header is missing");
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

    public void Dispose() => _db.Dispose();

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
            var now = DateTime.UtcNow;
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
    public IReadOnlyList<VersionRecord> ListVersions() => Guard(() =>
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

    public VersionRecord GetVersion(string versionId) => Guard(() =>
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

    /// <summary>A read in one transaction where the connection may write; read-only connections read op by op.</summary>
    internal T ReadConsistently<T>(Func<T> work) => ReadOnly ? Guard(work) : InTransaction(work);

    internal T InTransaction<T>(Func<T> work) => Guard(() =>
    {
        // A LiteDB transaction belongs to the calling thread; callers never await inside one.
        _db.BeginTrans();
        try
        {
            var result = work();
            _db.Commit();
            return result;
        }
        catch
        {
            _db.Rollback();
            throw;
        }
    });

    /// <summary>Turns a failure to read or write the file into a one-line <see cref="StoreException"/>.</summary>
    internal T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is LiteException or IOException or UnauthorizedAccessException or InvalidCastException or FormatException
                                       or BundleFormatException or KeyNotFoundException or NullReferenceException)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"guideline store {FilePath} cannot be read: {OneLine(e.Message)}", e);
        }
    }

    internal void AppendAudit(string user, string action, string? versionId, string? ruleId, string? before, string? after, string? detail) =>
        Audit.Insert(new AuditDocument
        {
            At = DateTime.UtcNow,
            User = user,
            Action = action,
            VersionId = versionId,
            RuleId = ruleId,
            Before = before,
            After = after,
            Detail = detail,
        });

    internal static RuleDocument NewRuleDocument(string versionId, RuleRow row, string user, DateTime now) => new()
    {
        Id = RuleDocument.KeyOf(versionId, row.Id),
        VersionId = versionId,
        RuleId = row.Id,
        RowVersion = 1,
        UpdatedBy = user,
        UpdatedAt = now,
        Rule = ToBson(RuleJson.ToJson(row)),
    };

    internal static bool IsUnverified(RuleDocument r) => r.VerifiedAt is null && !string.Equals(
        r.Rule["confidence"].IsString ? r.Rule["confidence"].AsString : "low", "high", StringComparison.Ordinal);

    internal static BsonDocument ToBson(JsonObject json) => LiteDB.JsonSerializer.Deserialize(json.ToJsonString()).AsDocument;

    internal static JsonObject ToJson(BsonDocument bson) =>
        JsonNode.Parse(LiteDB.JsonSerializer.Serialize(bson)) as JsonObject
        ?? throw new StoreException(StoreErrorKind.Unavailable, "stored document is not an object");

    internal static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static DateOnly? ParseIso(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

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

    private static VersionRecord ToRecord(VersionDocument doc, (int All, int Unverified) counts) =>
        new(ToInfo(doc), doc.CreatedBy, doc.CreatedAt, doc.PublishedBy, doc.PublishedAt, doc.Revision, counts.All, counts.Unverified);

    internal static StoreException NotFound(string versionId) =>
        new(StoreErrorKind.NotFound, $"no guideline version '{versionId}' in the store");

    public static string OneLine(string message) =>
        // LiteDB leaves some of its messages' format placeholders unfilled ("invalid segment position in index footer: {0}/{1}").
        UnfilledPlaceholders().Replace(message.ReplaceLineEndings(" "), "").Trim();

    [System.Text.RegularExpressions.GeneratedRegex(@"[:\s]*\{\d+\}(?:\s*/\s*\{\d+\})*")]
    private static partial System.Text.RegularExpressions.Regex UnfilledPlaceholders();

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
