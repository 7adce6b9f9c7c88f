using System.Collections.Concurrent;
using System.Diagnostics;
using ImrGrpc.Contract.Mapping;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage;
using ImrGrpc.Storage.Bundles;
using ImrGrpc.Storage.Publishing;
using Microsoft.Extensions.Options;

namespace ImrGrpc.Server.Snapshots;

/// <summary>
/// Reads the published manifest and the content files it names, verifies every hash, compiles only content it has
/// not compiled before (cached by content hash, windows re-applied without recompiling), and hands a whole new library
/// to <see cref="GuidelineSnapshots"/>. A change is recognised by the manifest's bytes, not by its revision. Whatever
/// is wrong with the files, the last good library keeps serving and health says why; nothing here writes a file.
/// The same for every <see cref="IBundleSource"/>: a directory and a URL differ only in how the bytes are fetched.
/// </summary>
public sealed partial class SnapshotLoader(
    IOptions<StorageOptions> storage,
    IOptions<BundleOptions> bundles,
    IBundleSource source,
    GuidelineSnapshots snapshots,
    TimeProvider time,
    ILogger<SnapshotLoader> logger)
{
    /// <summary>Content files fetched at once: enough to hide a URL source's round trips, few enough not to flood it.</summary>
    private const int ParallelFetches = 8;

    /// <summary>One load at a time (start-up, the reload loop); held across the fetches, so a semaphore, not a lock.</summary>
    private readonly SemaphoreSlim _loading = new(1, 1);

    /// <summary>Guards the problem state, which the warm-up reports into as well.</summary>
    private readonly Lock _gate = new();
    private string? _manifestHash;
    private string? _problem;
    private IReadOnlyDictionary<string, Content> _contents = new Dictionary<string, Content>(StringComparer.Ordinal);
    private IReadOnlyDictionary<VersionInfo, GuidelineSlot> _slots = new Dictionary<VersionInfo, GuidelineSlot>();

    /// <summary>Verified bytes of one content file, parsed once when first needed.</summary>
    private sealed class Content(byte[] bytes, string hash)
    {
        private readonly Lazy<(Catalog, IReadOnlyList<RuleRow>)> _parsed = new(() => GuidelineContent.Parse(bytes, $"content {hash[..12]}"));

        public (Catalog Catalog, IReadOnlyList<RuleRow> Rules) Parsed => _parsed.Value;
    }

    /// <summary>True when the source was derived from the store (the embedded default) rather than configured.</summary>
    public bool UsesEmbeddedStore => string.IsNullOrWhiteSpace(bundles.Value.Source);

    public string StorePath => StoreDefaults.Resolve(storage.Value.Path);

    public IBundleSource Source => source;

    public TimeSpan ReloadInterval => TimeSpan.FromMilliseconds(Math.Max(20, bundles.Value.ReloadIntervalMs ?? storage.Value.ReloadIntervalMs ?? 250));

    /// <summary>
    /// Loads the first library. With the embedded default, first creates the seeded store and its published directory
    /// (or writes the directory of a store made before bundles). Throws <see cref="StoreException"/> or
    /// <see cref="BundleSourceException"/> when there is nothing good to serve.
    /// </summary>
    public async Task LoadInitialAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (snapshots.Loaded)
            {
                return;
            }
            var watch = Stopwatch.StartNew();
            if (UsesEmbeddedStore)
            {
                EnsurePublished();
            }
            var (library, revision) = await LoadAsync(await source.ReadManifestAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            snapshots.Swap(library, $"serving manifest revision {revision} from {source.Description}");
            LogLoaded(logger, library.Count, revision, source.Description, watch.ElapsedMilliseconds);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// Reloads if the manifest's bytes changed. Never throws for anything the source holds or how it answers (only
    /// for <paramref name="cancellationToken"/>); returns whether it swapped.
    /// </summary>
    public async Task<bool> ReloadIfChangedAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var bytes = await source.ReadManifestAsync(cancellationToken).ConfigureAwait(false);
            var hash = PublishedManifest.HashOf(bytes);
            if (string.Equals(hash, _manifestHash, StringComparison.Ordinal))
            {
                Recovered();
                return false;
            }
            var watch = Stopwatch.StartNew();
            var (library, revision) = await LoadAsync(bytes, cancellationToken).ConfigureAwait(false);
            snapshots.Swap(library, $"serving manifest revision {revision} from {source.Description}");
            lock (_gate)
            {
                _problem = null;
            }
            LogReloaded(logger, revision, library.Count, watch.ElapsedMilliseconds);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is BundleSourceException or BundleFormatException)
        {
            Problem(e.Message);
            return false;
        }
        catch (Exception e)
        {
            // A bug, not a bad file: said as such, with the trace, while the last good library keeps serving.
            bool first;
            lock (_gate)
            {
                first = _problem is null || !_problem.StartsWith("internal error", StringComparison.Ordinal);
            }
            if (first)
            {
                LogInternalError(logger, e, snapshots.Current.Revision);
            }
            Problem($"internal error while reloading: {e.GetType().Name}", log: false);
            return false;
        }
        finally
        {
            _loading.Release();
        }
    }

    private void Recovered()
    {
        lock (_gate)
        {
            if (_problem is null)
            {
                return;
            }
            _problem = null;
            snapshots.MarkStore(true, $"serving manifest revision {snapshots.Current.Revision} from {source.Description}");
        }
        LogRecovered(logger, source.Description);
    }

    /// <summary>Health says what is wrong (and counts the attempt); the log says it once per distinct problem.</summary>
    private void Problem(string reason, bool log = true)
    {
        var line = GuidelineStore.OneLine(reason);
        bool changed;
        lock (_gate)
        {
            changed = !string.Equals(line, _problem, StringComparison.Ordinal);
            _problem = line;
            snapshots.MarkStore(false, $"bundle source problem, still serving manifest revision {snapshots.Current.Revision}: {line}");
        }
        if (log && changed)
        {
            LogSourceProblem(logger, line, snapshots.Current.Revision);
        }
    }

    /// <summary>
    /// Parses the manifest and verifies every content file it names that this process has not verified yet (its bytes
    /// must hash to its name); what is new is parsed and compiled on first use or by <see cref="Warm"/>, so the cost of
    /// a reload does not grow with history. Keeps only what this manifest uses.
    /// </summary>
    private async Task<(GuidelineLibrary Library, long Revision)> LoadAsync(byte[] manifestBytes, CancellationToken cancellationToken)
    {
        var manifest = PublishedManifest.Parse(manifestBytes);
        var hashes = manifest.Versions.Select(v => v.ContentHash).Distinct(StringComparer.Ordinal).ToList();
        var contents = new ConcurrentDictionary<string, Content>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var hash in hashes)
        {
            if (_contents.TryGetValue(hash, out var known))
            {
                contents[hash] = known;
            }
            else
            {
                missing.Add(hash);
            }
        }
        var fetching = Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = ParallelFetches, CancellationToken = cancellationToken },
            async (hash, token) => contents[hash] = await ReadVerifiedAsync(hash, token).ConfigureAwait(false));
        try
        {
            await fetching.ConfigureAwait(false);
        }
        catch (Exception) when (fetching.Exception?.InnerExceptions.FirstOrDefault(i => i is BundleSourceException or BundleFormatException) is { } first)
        {
            // One file's problem is the message (the others are usually the same problem); a bug is not hidden this way.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }

        var slots = new Dictionary<VersionInfo, GuidelineSlot>();
        foreach (var entry in manifest.Versions)
        {
            var info = entry.ToVersionInfo();
            if (!_slots.TryGetValue(info, out var slot))
            {
                var content = contents[entry.ContentHash];
                slot = new GuidelineSlot(info, () =>
                {
                    var (catalog, rules) = content.Parsed;
                    return GuidelineCompiler.Compile(new GuidelineBook(info, catalog, rules));
                });
            }
            slots[info] = slot;
        }
        // The version in force today is compiled before the library is served: most calls ask for it.
        var library = new GuidelineLibrary(slots.Values, Math.Max(manifest.Revision, 1));
        _ = library.SlotInForceOn(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))?.Compiled;
        _contents = contents;
        _slots = slots;
        _manifestHash = PublishedManifest.HashOf(manifestBytes);
        return (library, manifest.Revision);
    }

    /// <summary>
    /// Compiles every version of the library being served that is not compiled yet, newest first. A content file that
    /// hashed right but does not parse (only a deliberately made one can) is reported like any other source problem.
    /// </summary>
    public void Warm(CancellationToken cancellationToken)
    {
        var library = snapshots.Current;
        foreach (var slot in library.Slots.Reverse())
        {
            if (cancellationToken.IsCancellationRequested || !ReferenceEquals(library, snapshots.Current))
            {
                return;
            }
            try
            {
                _ = slot.Compiled;
            }
            catch (BundleFormatException e)
            {
                Problem($"published version {slot.Version.Id}: {e.Message}");
            }
        }
    }

    private async Task<Content> ReadVerifiedAsync(string hash, CancellationToken cancellationToken)
    {
        var bytes = await source.ReadContentAsync(hash, cancellationToken).ConfigureAwait(false);
        var actual = PublishedManifest.HashOf(bytes);
        if (!string.Equals(actual, hash, StringComparison.Ordinal))
        {
            throw new BundleSourceException($"content file {hash[..12]}….json does not match its hash (it hashes to {actual[..12]}…)");
        }
        return new Content(bytes, hash);
    }

    /// <summary>The embedded default's first run: a seeded store and its directory; a store made before bundles gets its directory.</summary>
    private void EnsurePublished()
    {
        var directory = PublishedLayout.DirectoryFor(StorePath);
        if (File.Exists(Path.Combine(directory, PublishedLayout.ManifestName)))
        {
            return;
        }
        if (GuidelineStore.CreateSeeded(StorePath, SeedData.Load(), "imrgrpc-seed"))
        {
            LogSeeded(logger, StorePath, directory);
            return;
        }
        using var store = GuidelineStore.Open(StorePath);
        if (store.SeedIfEmpty(SeedData.Load(), "imrgrpc-seed"))
        {
            LogSeeded(logger, StorePath, directory);
        }
        var sync = store.SyncPublished();
        LogUpgraded(logger, StorePath, sync.Directory, sync.ContentFilesWritten);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the seeded guideline store {Path} and its published directory {Directory}")]
    private static partial void LogSeeded(ILogger logger, string path, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Guideline store {Path} had no published directory: wrote {Directory} ({Files} content files)")]
    private static partial void LogUpgraded(ILogger logger, string path, string directory, int files);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Count} published guideline versions (manifest revision {Revision}) from {Source}, loaded in {Ms} ms")]
    private static partial void LogLoaded(ILogger logger, int count, long revision, string source, long ms);

    [LoggerMessage(Level = LogLevel.Information, Message = "Manifest revision {Revision} picked up: {Count} versions served, swapped in after {Ms} ms")]
    private static partial void LogReloaded(ILogger logger, long revision, int count, long ms);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bundle source problem ({Reason}); still serving manifest revision {Revision}")]
    private static partial void LogSourceProblem(ILogger logger, string reason, long revision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bundle source {Source} is good again")]
    private static partial void LogRecovered(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Internal error while reloading guidelines; still serving manifest revision {Revision}")]
    private static partial void LogInternalError(ILogger logger, Exception exception, long revision);
}
