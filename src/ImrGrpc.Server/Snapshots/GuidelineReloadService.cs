namespace ImrGrpc.Server.Snapshots;

/// <summary>
/// Loads the library before the server takes calls, then re-reads the manifest every interval, and at once when the
/// directory reports a change (a URL source is polled: the manifest request is conditional, so an unchanged one costs a 304).
/// </summary>
public sealed class GuidelineReloadService(SnapshotLoader loader, IHostApplicationLifetime lifetime) : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0, 1);
    private FileSystemWatcher? _watcher;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await loader.LoadInitialAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
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
                if (await loader.ReloadIfChangedAsync(stoppingToken).ConfigureAwait(false))
                {
                    WarmInBackground(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
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
