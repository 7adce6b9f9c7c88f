using System.Diagnostics;

namespace ImrGrpc.LoadTest.Running;

/// <summary>Conversions between Stopwatch timestamps (the only clock the hot path reads) and human units.</summary>
internal static class Ticks
{
    public static readonly long PerMillisecond = Stopwatch.Frequency / 1000;
    private static readonly double MicrosecondsPerTick = 1_000_000.0 / Stopwatch.Frequency;

    public static long FromTimeSpan(TimeSpan value) => (long)(value.TotalSeconds * Stopwatch.Frequency);

    public static TimeSpan ToTimeSpan(long ticks) => TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);

    public static long ToMicroseconds(long ticks) => (long)(ticks * MicrosecondsPerTick);

    public static double ToSeconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}
