using ImrGrpc.Storage.Publishing;

namespace ImrGrpc.Server.Snapshots;

/// <summary>A problem with what the bundle source holds: the last good library keeps serving.</summary>
public sealed class BundleSourceException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Where published versions are read from. Read-only: nothing here ever writes, creates or locks a file.</summary>
public interface IBundleSource
{
    /// <summary>Where it reads from, for log lines and health.</summary>
    string Description { get; }

    /// <summary>The manifest's bytes, exactly as stored.</summary>
    byte[] ReadManifest();

    /// <summary>A content file's bytes; the caller verifies them against the hash.</summary>
    byte[] ReadContent(string contentHash);
}

/// <summary>
/// A published directory on disk (or a volume, or a ConfigMap whose files are symlinks swapped atomically): every read
/// opens the path afresh, so a swapped directory or file is read as it now is.
/// </summary>
public sealed class DirectoryBundleSource(string directory) : IBundleSource
{
    /// <summary>The largest content file accepted; a real version is well under 1 MB.</summary>
    public const int MaxContentBytes = 64 * 1024 * 1024;

    public string Directory { get; } = Path.GetFullPath(directory);

    public string Description => Directory;

    public byte[] ReadManifest() => Read(Path.Combine(Directory, PublishedLayout.ManifestName), PublishedManifest.MaxBytes);

    public byte[] ReadContent(string contentHash) =>
        Read(Path.Combine(Directory, PublishedLayout.ContentFileName(contentHash)), MaxContentBytes);

    private static byte[] Read(string path, int limit)
    {
        try
        {
            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0, // read whole into one array: no second buffer
            });
            if (stream.Length > limit)
            {
                throw new BundleSourceException($"{path} is {stream.Length} bytes, more than the {limit} a published file may be");
            }
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (FileNotFoundException)
        {
            throw new BundleSourceException($"{path} is missing");
        }
        catch (DirectoryNotFoundException)
        {
            throw new BundleSourceException($"{path} is missing (no such directory)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BundleSourceException($"cannot read {path}: {e.Message}", e);
        }
    }
}
