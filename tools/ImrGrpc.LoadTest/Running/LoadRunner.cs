using System.Diagnostics;
using ImrGrpc.LoadTest.Calls;
using ImrGrpc.LoadTest.Cli;
using ImrGrpc.LoadTest.Reporting;

namespace ImrGrpc.LoadTest.Running;

/// <summary>Runs the warmup and then the measured phase over one set of connections and workers, showing progress.</summary>
internal sealed class LoadRunner(LoadTestSettings settings, RpcTarget target, ProgressDisplay progress)
{
    /// <summary>How long calls still in flight after a phase may take before the tool cancels them and moves on.</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    public async Task<RunResult> RunAsync(CancellationToken interrupt)
    {
        using var connections = new ConnectionSet(settings.Target, settings.Connections);
        var workers = new Worker[settings.Concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = new Worker(target, connections.Invokers);
        }

        if (settings.Warmup > TimeSpan.Zero)
        {
            await RunPhaseAsync(Phase.Timed("warmup", recorded: false, settings.Warmup, settings.Rate, workers.Length), workers, interrupt);
        }

        if (interrupt.IsCancellationRequested)
        {
            return RunResult.Merge([], 0, TimeSpan.Zero, interrupted: true);
        }

        var measured = settings.Total is { } total
            ? Phase.Counted("run", total, settings.Rate, workers.Length)
            : Phase.Timed("run", recorded: true, settings.Duration!.Value, settings.Rate, workers.Length);
        var elapsed = await RunPhaseAsync(measured, workers, interrupt);
        return RunResult.Merge(workers, measured.NotStarted(), elapsed, interrupt.IsCancellationRequested);
    }

    private async Task<TimeSpan> RunPhaseAsync(Phase phase, Worker[] workers, CancellationToken interrupt)
    {
        // Per phase, so that cutting off a stuck warmup does not also cancel the measurement.
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        var before = Snapshot.Of(workers, phase.Start);
        // Task.Run so that workers start on pool threads at once instead of one after another on this one.
        var all = Task.WhenAll(Array.ConvertAll(workers, worker => Task.Run(() => worker.RunAsync(phase, abort.Token))));
        using var registration = abort.Token.Register(phase.Stop);
        long? closedAt = null;
        while (!all.IsCompleted)
        {
            await Task.WhenAny(all, Task.Delay(Tick));
            var now = Snapshot.Of(workers, Stopwatch.GetTimestamp());
            progress.Show(phase, now.Minus(before));

            closedAt ??= phase.Closed(now.At) ? now.At : null;
            if (closedAt is { } closed && Ticks.ToTimeSpan(now.At - closed) > DrainGrace && !abort.IsCancellationRequested)
            {
                // A server that never answers must not hold the report hostage; the cut-off calls are reported as abandoned.
                await abort.CancelAsync();
            }
        }

        await all;
        phase.Stop();
        var elapsed = Ticks.ToTimeSpan(Stopwatch.GetTimestamp() - phase.Start);
        progress.Clear();
        return elapsed;
    }
}
