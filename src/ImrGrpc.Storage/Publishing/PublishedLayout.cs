namespace ImrGrpc.Storage.Publishing;

/// <summary>
/// Where a store's published versions live: a directory beside the store file holding <c>manifest.json</c> and one
/// <c>&lt;sha-256&gt;.json</c> per distinct content. The same layout, served as static files, is what replicas read.
/// </summary>
public static class PublishedLayout
{
    public const string ManifestName = "manifest.json";

    /// <summary>"imrgrpc.db" → "imrgrpc.published/" beside it.</summary>
    public static string DirectoryFor(string storePath)
    {
        var full = Path.GetFullPath(storePath);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + ".published");
    }

    public static string ContentFileName(string contentHash) => contentHash + ".json";
}
