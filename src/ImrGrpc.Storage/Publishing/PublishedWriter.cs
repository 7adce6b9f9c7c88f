using ImrGrpc.Storage.Files;

namespace ImrGrpc.Storage.Publishing;

/// <summary>What a sync of the published directory changed.</summary>
public sealed record PublishedSync(string Directory, int ContentFilesWritten, bool ManifestWritten, long Revision);

/// <summary>
/// Brings a published directory in line with the store: every content file the manifest will name is written first
/// (each by atomic rename, never modified once in place, rewritten only when missing or not matching its name), and
/// only then the manifest is replaced, by atomic rename after fsync. A kill at any moment leaves the old manifest or
/// the new one, and whichever it is names only whole, verifiable content files.
/// </summary>
public static class PublishedWriter
{
    public static PublishedSync Sync(string directory, PublishedManifest manifest, Func<string, byte[]> contentOf)
    {
        DurableFile.CreateDirectory(directory);
        var written = 0;
        foreach (var hash in manifest.Versions.Select(v => v.ContentHash).Distinct(StringComparer.Ordinal))
        {
            var path = Path.Combine(directory, PublishedLayout.ContentFileName(hash));
            if (IsIntact(path, hash))
            {
                continue;
            }
            var bytes = contentOf(hash);
            if (!string.Equals(PublishedManifest.HashOf(bytes), hash, StringComparison.Ordinal))
            {
                throw new StoreException(StoreErrorKind.Unavailable, $"content for {hash[..12]} does not hash to its name; nothing was published");
            }
            DurableFile.Write(path, bytes);
            written++;
        }
        var manifestPath = Path.Combine(directory, PublishedLayout.ManifestName);
        var manifestBytes = manifest.ToBytes();
        var current = ReadIfSmall(manifestPath, PublishedManifest.MaxBytes);
        var manifestWritten = false;
        if (current is null || !current.AsSpan().SequenceEqual(manifestBytes))
        {
            DurableFile.Write(manifestPath, manifestBytes);
            manifestWritten = true;
        }
        return new PublishedSync(directory, written, manifestWritten, manifest.Revision);
    }

    /// <summary>Whether a content file exists and hashes to its name.</summary>
    public static bool IsIntact(string path, string hash)
    {
        var bytes = ReadIfSmall(path, int.MaxValue);
        return bytes is not null && string.Equals(PublishedManifest.HashOf(bytes), hash, StringComparison.Ordinal);
    }

    private static byte[]? ReadIfSmall(string path, int limit)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > limit)
            {
                return null;
            }
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // unreadable counts as missing: it is rewritten by rename, never edited
        }
    }
}
