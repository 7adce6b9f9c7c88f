using System.Diagnostics;

namespace ImrGrpc.LoadTest.Running;

/// <summary>
/// The open loop's clock: a dedicated thread that hands out one permit per call as each call falls due, and notes when
/// it did. Workers wait for a permit instead of each sleeping on its own timer, because pool timers on Linux fire
/// milliseconds late under load. A call's latency is counted from its release: the schedule never waits for the server,
/// so time spent waiting for a free call slot after the release (the server holding every slot) is counted, while the
/// pacer's own sleep granularity (about a millisecond) is not blamed on the server.
/// </summary>
internal sealed class Pacer
{
    // Sleeps are capped so that a stop is noticed quickly even at very low rates.
    private const int MaxSleepMs = 50;
    private const int RingSize = 1 << 16;
    private const int RingMask = RingSize - 1;

    private readonly SemaphoreSlim _permits = new(0);
    private readonly long[] _releasedAt = new long[RingSize];
    private readonly long _start;
    private readonly double _ticksPerCall;
    private readonly long _calls;
    private readonly int _workers;
    private readonly long _lapTicks;
    private volatile bool _stopping;

    /// <param name="calls">How many calls the schedule holds; after the last, every worker is woken to find the phase over.</param>
    public Pacer(long start, double ticksPerCall, long calls, int workers)
    {
        _start = start;
        _ticksPerCall = ticksPerCall;
        _calls = calls;
        _workers = workers;
        _lapTicks = (long)Math.Min(RingSize * ticksPerCall, long.MaxValue / 2);
        new Thread(Run) { IsBackground = true, Name = "open-loop pacer" }.Start();
    }

    /// <summary>Waits for the next permit; ends early, without one, when the phase is aborted.</summary>
    public Task WaitForPermitAsync(CancellationToken abort) => _permits.WaitAsync(abort);

    /// <summary>
    /// When the call with this ticket was released: its start as far as the schedule is concerned. Falls back to the due
    /// time when the ring slot has since been reused (a backlog of more than 65,536 calls), which only makes latency larger.
    /// </summary>
    public long ReleasedAt(long ticket, long dueAt)
    {
        var at = Volatile.Read(ref _releasedAt[ticket & RingMask]);
        return at >= dueAt && at - dueAt < _lapTicks ? at : dueAt;
    }

    public void Stop() => _stopping = true;

    private void Run()
    {
        long released = 0;
        while (!_stopping && released < _calls)
        {
            var now = Stopwatch.GetTimestamp();
            var due = Math.Min(_calls, (long)((now - _start) / _ticksPerCall) + 1);
            if (due > released)
            {
                var count = (int)Math.Min(due - released, int.MaxValue);
                for (var ticket = released; ticket < released + count; ticket++)
                {
                    _releasedAt[ticket & RingMask] = now;
                }

                // The semaphore's release publishes the timestamps above to whichever worker takes the permit.
                _permits.Release(count);
                released += count;
                continue;
            }

            var untilNext = _start + (long)(released * _ticksPerCall) - now;
            var ms = untilNext / Ticks.PerMillisecond;
            // Sleep short of the next due time, then in single milliseconds (about 1.06 ms each on Linux) up to it.
            Thread.Sleep(ms >= 2 ? (int)Math.Min(ms - 1, MaxSleepMs) : 1);
        }

        _permits.Release(_workers);
    }
}
