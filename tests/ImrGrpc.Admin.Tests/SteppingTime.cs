namespace ImrGrpc.Admin.Tests;

/// <summary>
/// A clock that moves a fixed step every time it is read, so that anything paced by time (progress lines every few
/// seconds) happens within a test without waiting for it.
/// </summary>
internal sealed class SteppingTime(TimeSpan step) : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
}
