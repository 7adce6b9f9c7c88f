using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ImrGrpc.Server.Hosting;

/// <summary>The calls being served right now, so shutdown can wait for them and cut the ones that never end.</summary>
public sealed class InFlightCalls
{
    private readonly ConcurrentDictionary<Call, byte> _calls = new();
    private TaskCompletionSource _drained = NewDrained();

    public int Count => _calls.Count;

    public Call Begin(HttpContext context)
    {
        var call = new Call(this, context);
        _calls.TryAdd(call, 0);
        return call;
    }

    /// <summary>Completes once no call is in flight (checked again by the caller: new calls may start meanwhile).</summary>
    public Task DrainedAsync()
    {
        var drained = Volatile.Read(ref _drained);
        if (_calls.IsEmpty)
        {
            drained.TrySetResult();
        }
        return drained.Task;
    }

    /// <summary>
    /// Resets every call still in flight with HTTP/2 CANCEL, which clients report as CANCELLED: the response may be
    /// half written or the request half read, so no status can follow. Returns how many were cut.
    /// </summary>
    public int CutAll()
    {
        var cut = 0;
        foreach (var call in _calls.Keys)
        {
            if (call.Cut())
            {
                cut++;
            }
        }
        return cut;
    }

    private void End(Call call)
    {
        _calls.TryRemove(call, out _);
        if (_calls.IsEmpty)
        {
            Interlocked.Exchange(ref _drained, NewDrained()).TrySetResult();
        }
    }

    private static TaskCompletionSource NewDrained() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public sealed class Call(InFlightCalls owner, HttpContext context) : IDisposable
    {
        private const int Http2Cancel = 0x8;
        private int _cut;

        public bool WasCut => Volatile.Read(ref _cut) == 1;

        internal bool Cut()
        {
            if (Interlocked.Exchange(ref _cut, 1) == 1)
            {
                return false;
            }
            if (context.Features.Get<IHttpResetFeature>() is { } reset)
            {
                reset.Reset(Http2Cancel);
            }
            else
            {
                context.Abort();
            }
            return true;
        }

        public void Dispose() => owner.End(this);
    }
}

/// <summary>
/// On SIGTERM: Kestrel stops accepting calls (HTTP/2 GOAWAY) and the calls in flight get Server:ShutdownTimeoutSeconds
/// to finish; those still running then (a stalled client stream, a watch that never ends) are cut with CANCELLED
/// and counted in the log, well before the host's own timeout would abort them as UNKNOWN.
/// </summary>
public sealed partial class GracefulShutdown(
    IHostApplicationLifetime lifetime, InFlightCalls calls, IOptions<ServerOptions> options, TimeProvider clock, ILogger<GracefulShutdown> logger)
    : IHostedService
{
    /// <summary>Time the host keeps after the cut for the resets to go out and connections to close.</summary>
    public static readonly TimeSpan CutMargin = TimeSpan.FromSeconds(2);

    private Task _draining = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => _draining = DrainAsync());
        return Task.CompletedTask;
    }

    /// <summary>
    /// Does not wait for the drain: this service stops before Kestrel does, and Kestrel must stop accepting calls
    /// during the grace period. Kestrel itself waits for the streams the drain finishes or cuts.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The drain started by the last stop, for tests that wait for its log line.</summary>
    public Task Draining => _draining;

    private async Task DrainAsync()
    {
        var grace = TimeSpan.FromSeconds(options.Value.ShutdownTimeoutSeconds);
        var inFlight = calls.Count;
        using var timeout = new CancellationTokenSource(grace, clock);
        while (calls.Count > 0 && !timeout.IsCancellationRequested)
        {
            try
            {
                await calls.DrainedAsync().WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        var cut = calls.CutAll();
        LogShutdown(logger, inFlight, Math.Max(0, inFlight - cut), cut, grace.TotalSeconds);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information,
        Message = "Shutdown: {InFlight} calls in flight, {Finished} finished, {Cut} still running after {GraceSeconds} s cut with CANCELLED")]
    private static partial void LogShutdown(ILogger logger, int inFlight, int finished, int cut, double graceSeconds);
}
