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
}
