using ImrGrpc.Storage.Bundles;
using ImrGrpc.Storage.Publishing;

namespace ImrGrpc.Storage;

public sealed partial class GuidelineStore
{
    /// <summary>
    /// Writes the published directory from the store: a content file per published content (missing or damaged ones
    /// rewritten) and the manifest, by atomic rename. Idempotent: with nothing to change it writes nothing. Runs under
    /// the exclusive lock, so two processes never race on the manifest.
    /// </summary>
    public PublishedSync SyncPublished() => InScope(write: true, () =>
    {
        var (books, revision) = LoadPublished();
        var byId = Versions.Find(v => v.Status == "published").ToDictionary(v => v.Id, StringComparer.Ordinal);
        var entries = books.Select(b =>
        {
            var doc = byId[b.Version.Id];
            return new ManifestEntry(b.Version.Id, b.Version.Label, b.Version.EffectiveFrom!.Value, b.Version.EffectiveTo,
                b.Version.ParentId, b.Version.ContentHash, doc.PublishedBy, doc.PublishedAt);
        }).ToList();
        var contents = books.GroupBy(b => b.Version.ContentHash, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var manifest = new PublishedManifest(revision, entries);
        return PublishedWriter.Sync(PublishedDirectory, manifest, hash => GuidelineContent.ToBytes(contents[hash].Catalog, contents[hash].Rules));
    });

    /// <summary>
    /// Repairs the published directory if it is behind the store (a publish killed between its commit and its manifest,
    /// a content file deleted): a cheap check of the manifest's revision and files first, a full sync only when needed.
    /// </summary>
    public bool RepairPublished()
    {
        if (ReadOnly)
        {
            return false;
        }
        var manifestPath = Path.Combine(PublishedDirectory, PublishedLayout.ManifestName);
        try
        {
            var manifest = PublishedManifest.Parse(File.ReadAllBytes(manifestPath));
            var complete = manifest.Revision == PublishedRevision
                && manifest.Versions.All(v => new FileInfo(Path.Combine(PublishedDirectory, PublishedLayout.ContentFileName(v.ContentHash))) is { Exists: true, Length: > 0 });
            if (complete)
            {
                return false;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BundleFormatException)
        {
            // Missing or unreadable: written afresh below.
        }
        SyncPublishedOrExplain("the published state");
        return true;
    }

    private void SyncPublishedOrExplain(string what)
    {
        try
        {
            SyncPublished();
        }
        catch (StoreException e)
        {
            throw new StoreException(StoreErrorKind.Unavailable,
                $"{what} is committed in the store, but servers cannot see it yet: {e.Message}; any later admin command (or `admin repair`) writes it once that is fixed", e);
        }
    }

    /// <summary>
    /// Checks the audit chain and every published version's content against its recorded hash (a row changed directly
    /// in the file is caught here, as it is at publish).
    /// </summary>
    public AuditVerification VerifyAudit() => Guard(() =>
    {
        var chain = AuditChain.Verify(Audit.Query().OrderBy(a => a.Id).ToEnumerable());
        var problems = new List<string>(chain.Problems);
        try
        {
            LoadPublished();
        }
        catch (StoreException e)
        {
            problems.Add(e.Message);
        }
        foreach (var draft in Versions.Find(v => v.Status == "draft").ToList())
        {
            var book = LoadBook(draft);
            if (!string.Equals(GuidelineContent.Hash(book.Catalog, book.Rules), draft.ContentHash, StringComparison.Ordinal))
            {
                problems.Add($"draft {draft.Id} does not match its recorded content hash: a row was changed outside ImrGrpc");
            }
        }
        return chain with { Problems = problems };
    });
}
