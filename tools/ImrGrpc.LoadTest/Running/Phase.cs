using System.Diagnostics;

namespace ImrGrpc.LoadTest.Running;

/// <summary>
/// Hands out call tickets for one phase (warmup or measurement) and says when each call should start. Closed loop: now,
/// until the deadline or the ticket limit. Open loop: ticket i is due at start + i / rate and is handed out by the
/// <see cref="Pacer"/> no earlier than that; a call that starts late still has its latency counted from when it was due.
/// </summary>
internal sealed class Phase
{
    private static readonly long DeadlineGrace = 5 * Ticks.PerMillisecond;
    private readonly long _deadline;
    private readonly long _limit;
    private readonly double _ticksPerCall;
    // How many calls the phase may start: its limit, or for a timed open loop the calls its schedule holds, worked out
    // once. The pacer releases exactly this many permits (and one more per worker to end), so TryTake must never start
    // more: deciding it again from ticket * ticks-per-call against the deadline let one extra call through whenever
    // rounding put it a tick inside the window (3 s at 1,482 calls/s), and the worker left without a permit waited for
    // it forever.
    private readonly long _startable;
    private long _lastTicket = -1;
    private long _started;
    private int _stopped;

    private Phase(string name, bool recorded, long start, long deadline, long limit, double? rate, int workers)
    {
        Name = name;
        Recorded = recorded;
        Start = start;
        _deadline = deadline;
        _limit = limit;
        _startable = limit;
        if (rate is { } r)
        {
            _ticksPerCall = Stopwatch.Frequency / r;
            if (limit == long.MaxValue)
            {
                _startable = (long)Math.Ceiling((_deadline - Start) / _ticksPerCall);
            }
            Pacer = new Pacer(start, _ticksPerCall, _startable, workers);
        }
    }

    /// <summary>Open loop only: the permits workers wait for before taking a ticket.</summary>
    public Pacer? Pacer { get; }

    public string Name { get; }

    /// <summary>Whether calls of this phase go into the results (the warmup's do not).</summary>
    public bool Recorded { get; }

    public long Start { get; }

    public bool OpenLoop => Pacer is not null;

    /// <summary>The measured window's planned length, or null when a call count bounds it.</summary>
    public TimeSpan? PlannedDuration => _deadline == long.MaxValue ? null : Ticks.ToTimeSpan(_deadline - Start);

    public long? PlannedCalls => _limit == long.MaxValue ? null : _limit;

    public static Phase Timed(string name, bool recorded, TimeSpan duration, double? rate, int workers)
    {
        var start = Stopwatch.GetTimestamp();
        return new Phase(name, recorded, start, start + Ticks.FromTimeSpan(duration), long.MaxValue, rate, workers);
    }

    public static Phase Counted(string name, long calls, double? rate, int workers) =>
        new(name, recorded: true, Stopwatch.GetTimestamp(), long.MaxValue, calls, rate, workers);

    /// <summary>Takes the next call slot; false once the phase has no more calls to start.</summary>
    public bool TryTake(out long ticket, out long dueAt)
    {
        ticket = Interlocked.Increment(ref _lastTicket);
        var now = Stopwatch.GetTimestamp();
        dueAt = OpenLoop ? Start + (long)(ticket * _ticksPerCall) : now;
        // A timed run stops starting calls at its deadline even when an overloaded open loop is behind schedule: the
        // calls it never got to are reported as not started rather than stretching the run. The grace lets the pacer
        // release the last calls due inside the window, which it does up to a millisecond after they fall due.
        if (ticket >= _startable || dueAt >= _deadline || now - _deadline >= DeadlineGrace || Volatile.Read(ref _stopped) != 0)
        {
            return false;
        }

        Interlocked.Increment(ref _started);
        return true;
    }

    /// <summary>True once no new call will start: time is up, the count is reached, or the phase was stopped.</summary>
    public bool Closed(long now) =>
        Volatile.Read(ref _stopped) != 0 || now >= _deadline || Volatile.Read(ref _lastTicket) + 1 >= _startable;

    /// <summary>Open loop only: calls the schedule had due inside the window that never started (the client fell behind).</summary>
    public long NotStarted()
    {
        if (!OpenLoop || Volatile.Read(ref _stopped) != 0)
        {
            return 0;
        }

        return Math.Max(0, _startable - Volatile.Read(ref _started));
    }

    public void Stop()
    {
        Volatile.Write(ref _stopped, 1);
        Pacer?.Stop();
    }
}
