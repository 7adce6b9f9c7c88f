using ImrGrpc.Storage.Publishing;

namespace ImrGrpc.Server.Snapshots;

/// <summary>
/// A published directory on disk (or a volume, or a ConfigMap whose files are symlinks swapped atomically): every read
/// opens the path afresh, so a swapped directory or file is read as it now is.
/// </summary>
public sealed class DirectoryBundleSource(string directory) : IBundleSource
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public string Description => Directory;

    public Task<byte[]> ReadManifestAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Read(Path.Combine(Directory, PublishedLayout.ManifestName), PublishedManifest.MaxBytes));

    public Task<byte[]> ReadContentAsync(string contentHash, CancellationToken cancellationToken) =>
        Task.FromResult(Read(Path.Combine(Directory, PublishedLayout.ContentFileName(contentHash)), BundleLimits.MaxContentBytes));

    // Synchronous on purpose: a published file is small and local, and a blocking read of it is cheaper than the
    // async machinery; the loader already reads several files in parallel.
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
