using System.Diagnostics;
using ImrGrpc.Contract.Mapping;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Storage;
using Microsoft.Extensions.Options;

namespace ImrGrpc.Server.Snapshots;

/// <summary>
/// Opens the store (seeding an empty one), compiles every published version and hands the library to
/// <see cref="GuidelineSnapshots"/>; later, recompiles when the published revision moves.
/// </summary>
public sealed partial class SnapshotLoader(
    IOptions<StorageOptions> options,
    GuidelineSnapshots snapshots,
    ILogger<SnapshotLoader> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private GuidelineStore? _store;

    public string StorePath => StoreDefaults.Resolve(options.Value.Path);

    /// <summary>Loads the first library. Throws <see cref="StoreException"/> when the store cannot be read.</summary>
    public void LoadInitial()
    {
        lock (_gate)
        {
            if (snapshots.Loaded)
            {
                return;
            }
            var watch = Stopwatch.StartNew();
            SeedIfNeeded();
            // The server only ever reads: a read-only connection cannot mark or alter the file, whatever it finds.
            _store ??= GuidelineStore.Open(StorePath, readOnly: true);
            var library = Compile(_store);
            snapshots.Swap(library);
            LogLoaded(logger, library.Versions.Count, library.Revision, _store.FilePath, watch.ElapsedMilliseconds);
        }
    }

    /// <summary>Recompiles if an editor published since the last load. A store that cannot be read keeps the last good library.</summary>
    public bool ReloadIfChanged()
    {
        lock (_gate)
        {
            try
            {
                _store ??= GuidelineStore.Open(StorePath, readOnly: true);
                var revision = _store.PublishedRevision;
                if (revision == snapshots.Current.Revision)
                {
                    if (!snapshots.StoreHealth.Healthy)
                    {
                        snapshots.MarkStore(true, $"serving published revision {revision}");
                    }
                    return false;
                }
                var watch = Stopwatch.StartNew();
                var library = Compile(_store);
                snapshots.Swap(library);
                LogReloaded(logger, library.Revision, library.Versions.Count, watch.ElapsedMilliseconds);
                return true;
            }
            catch (Exception e) when (e is StoreException or IOException or LiteDB.LiteException or UnauthorizedAccessException or InvalidOperationException)
            {
                var reason = GuidelineStore.OneLine(e.Message);
                if (snapshots.StoreHealth.Healthy)
                {
                    LogStoreUnreadable(logger, reason, snapshots.Current.Revision);
                }
                snapshots.MarkStore(false, $"store unreadable, serving published revision {snapshots.Current.Revision}: {reason}");
                _store?.Dispose();
                _store = null;
                return false;
            }
        }
    }

    /// <summary>A missing file is created already seeded; a store that holds nothing yet is seeded in place.</summary>
    private void SeedIfNeeded()
    {
        if (!File.Exists(StorePath))
        {
            if (GuidelineStore.CreateSeeded(StorePath, SeedData.Load(), "imrgrpc-seed"))
            {
                LogSeeded(logger, StorePath);
            }
            return;
        }
        using (var probe = GuidelineStore.Open(StorePath, readOnly: true))
        {
            if (!probe.IsEmpty)
            {
                return;
            }
        }
        using var store = GuidelineStore.Open(StorePath);
        if (store.SeedIfEmpty(SeedData.Load(), "imrgrpc-seed"))
        {
            LogSeeded(logger, store.FilePath);
        }
    }

    /// <summary>Compiles every published version and builds their shared response messages: publish-time work, off the request path.</summary>
    private static GuidelineLibrary Compile(GuidelineStore store)
    {
        var (books, revision) = store.LoadPublished();
        var compiled = books.Select(GuidelineCompiler.Compile).ToList();
        foreach (var guideline in compiled)
        {
            ResponseMapper.Prime(guideline);
        }
        return new GuidelineLibrary(compiled, Math.Max(revision, 1));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _store?.Dispose();
            _store = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded guideline store {Path} from the built-in bundle")]
    private static partial void LogSeeded(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Count} published guideline versions (revision {Revision}) from {Path}, loaded in {Ms} ms")]
    private static partial void LogLoaded(ILogger logger, int count, long revision, string path, long ms);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published revision {Revision} picked up: {Count} versions compiled in {Ms} ms and swapped in")]
    private static partial void LogReloaded(ILogger logger, long revision, int count, long ms);

    [LoggerMessage(Level = LogLevel.Error, Message = "Guideline store unreadable ({Reason}); still serving published revision {Revision}")]
    private static partial void LogStoreUnreadable(ILogger logger, string reason, long revision);
}

/// <summary>Loads the library before the server takes calls, then watches the store for publishes.</summary>
public sealed class GuidelineReloadService(SnapshotLoader loader, IOptions<StorageOptions> options) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        loader.LoadInitial();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(20, options.Value.ReloadIntervalMs)));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            loader.ReloadIfChanged();
        }
    }
}
