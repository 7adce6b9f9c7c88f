namespace ImrGrpc.Server.Snapshots;

/// <summary>
/// Where published versions are read from: a directory or a URL serving the same layout. A source only fetches bytes;
/// <see cref="SnapshotLoader"/> verifies, compiles and swaps, the same way whichever source it reads. Read-only:
/// nothing here ever writes, creates or locks a file.
/// </summary>
public interface IBundleSource
{
    /// <summary>Where it reads from, for log lines and health.</summary>
    string Description { get; }

    /// <summary>The manifest's bytes, exactly as stored (a source that knows they have not changed may hand back the last ones).</summary>
    Task<byte[]> ReadManifestAsync(CancellationToken cancellationToken);

    /// <summary>A content file's bytes; the caller verifies them against the hash.</summary>
    Task<byte[]> ReadContentAsync(string contentHash, CancellationToken cancellationToken);
}
