using HdrHistogram;

namespace ImrGrpc.LoadTest.Running;

/// <summary>The one histogram shape every worker records into, so they can be merged: microseconds, 3 significant digits.</summary>
internal static class LatencyHistogram
{
    /// <summary>An hour: an overloaded open-loop run's latencies keep growing, and a clipped maximum would hide that.</summary>
    public const long HighestMicroseconds = 3_600_000_000;

    public static LongHistogram Create() => new(1, HighestMicroseconds, 3);

    public static void Record(LongHistogram histogram, long microseconds) =>
        histogram.RecordValue(Math.Clamp(microseconds, 1, HighestMicroseconds));
}
