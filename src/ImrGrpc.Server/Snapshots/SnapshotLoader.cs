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
/// </summary>
public sealed partial class SnapshotLoader(
    IOptions<StorageOptions> storage,
    IOptions<BundleOptions> bundles,
    GuidelineSnapshots snapshots,
    TimeProvider time,
    ILogger<SnapshotLoader> logger)
{
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

    public IBundleSource Source { get; } = new DirectoryBundleSource(
        string.IsNullOrWhiteSpace(bundles.Value.Source)
            ? PublishedLayout.DirectoryFor(StoreDefaults.Resolve(storage.Value.Path))
            : bundles.Value.Source);

    public TimeSpan ReloadInterval => TimeSpan.FromMilliseconds(Math.Max(20, bundles.Value.ReloadIntervalMs ?? storage.Value.ReloadIntervalMs ?? 250));

    /// <summary>
    /// Loads the first library. With the embedded default, first creates the seeded store and its published directory
    /// (or writes the directory of a store made before bundles). Throws <see cref="StoreException"/> or
    /// <see cref="BundleSourceException"/> when there is nothing good to serve.
    /// </summary>
    public void LoadInitial()
    {
        lock (_gate)
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
            var (library, revision) = Load(Source.ReadManifest());
            snapshots.Swap(library, $"serving manifest revision {revision} from {Source.Description}");
            LogLoaded(logger, library.Count, revision, Source.Description, watch.ElapsedMilliseconds);
        }
    }

    /// <summary>Reloads if the manifest's bytes changed. Never throws for anything the files hold; returns whether it swapped.</summary>
    public bool ReloadIfChanged()
    {
        lock (_gate)
        {
            try
            {
                var bytes = Source.ReadManifest();
                var hash = PublishedManifest.HashOf(bytes);
                if (string.Equals(hash, _manifestHash, StringComparison.Ordinal))
                {
                    Recovered();
                    return false;
                }
                var watch = Stopwatch.StartNew();
                var (library, revision) = Load(bytes);
                snapshots.Swap(library, $"serving manifest revision {revision} from {Source.Description}");
                _problem = null;
                LogReloaded(logger, revision, library.Count, watch.ElapsedMilliseconds);
                return true;
            }
            catch (Exception e) when (e is BundleSourceException or BundleFormatException)
            {
                Problem(e.Message);
                return false;
            }
            catch (Exception e)
            {
                // A bug, not a bad file: said as such, with the trace, while the last good library keeps serving.
                if (_problem is null || !_problem.StartsWith("internal error", StringComparison.Ordinal))
                {
                    LogInternalError(logger, e, snapshots.Current.Revision);
                }
                Problem($"internal error while reloading: {e.GetType().Name}", log: false);
                return false;
            }
        }
    }

    private void Recovered()
    {
        if (_problem is not null)
        {
            LogRecovered(logger, Source.Description);
            _problem = null;
            snapshots.MarkStore(true, $"serving manifest revision {snapshots.Current.Revision} from {Source.Description}");
        }
    }

    private void Problem(string reason, bool log = true)
    {
        var line = GuidelineStore.OneLine(reason);
        if (log && !string.Equals(line, _problem, StringComparison.Ordinal))
        {
            LogSourceProblem(logger, line, snapshots.Current.Revision);
        }
        _problem = line;
        snapshots.MarkStore(false, $"bundle source problem, still serving manifest revision {snapshots.Current.Revision}: {line}");
    }

    /// <summary>
    /// Parses the manifest and verifies every content file it names that this process has not verified yet (its bytes
    /// must hash to its name); what is new is parsed and compiled on first use or by <see cref="Warm"/>, so the cost of
    /// a reload does not grow with history. Keeps only what this manifest uses.
    /// </summary>
    private (GuidelineLibrary Library, long Revision) Load(byte[] manifestBytes)
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
        try
        {
            Parallel.ForEach(missing, hash => contents[hash] = ReadVerified(hash));
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(i => i is BundleSourceException or BundleFormatException) is { } first)
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
                lock (_gate)
                {
                    Problem($"published version {slot.Version.Id}: {e.Message}");
                }
            }
        }
    }

    private Content ReadVerified(string hash)
    {
        var bytes = Source.ReadContent(hash);
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

/// <summary>
/// Loads the library before the server takes calls, then re-reads the manifest every interval, and at once when the
/// directory reports a change.
/// </summary>
public sealed class GuidelineReloadService(SnapshotLoader loader, IHostApplicationLifetime lifetime) : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0, 1);
    private FileSystemWatcher? _watcher;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        loader.LoadInitial();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WarmInBackground(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            Watch();
            try
            {
                await _changed.WaitAsync(loader.ReloadInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (loader.ReloadIfChanged())
            {
                WarmInBackground(stoppingToken);
            }
        }
    }

    /// <summary>Compiles the rest of the library off the reload loop, so a publish is never queued behind it.</summary>
    private void WarmInBackground(CancellationToken stoppingToken) =>
        _ = Task.Run(async () =>
        {
            // Not before the server listens: start-up does not wait for versions nobody has asked for yet.
            var started = new TaskCompletionSource();
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            loader.Warm(stoppingToken);
        }, stoppingToken);

    /// <summary>A watcher on the directory where it exists; lost (the directory swapped or deleted) it is made again.</summary>
    private void Watch()
    {
        if (_watcher is not null || loader.Source is not DirectoryBundleSource source || !Directory.Exists(source.Directory))
        {
            return;
        }
        try
        {
            var watcher = new FileSystemWatcher(source.Directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                IncludeSubdirectories = false,
            };
            watcher.Created += (_, _) => Signal();
            watcher.Changed += (_, _) => Signal();
            watcher.Renamed += (_, _) => Signal();
            watcher.Deleted += (_, _) => Signal();
            watcher.Error += (_, _) => Interlocked.Exchange(ref _watcher, null)?.Dispose();
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            _watcher = null; // polling alone still notices every change
        }
    }

    private void Signal()
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // A reload is already due.
        }
    }

    public override void Dispose()
    {
        _watcher?.Dispose();
        _changed.Dispose();
        base.Dispose();
    }
}
