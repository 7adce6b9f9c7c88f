using System.Globalization;
using HdrHistogram;

namespace ImrGrpc.LoadTest.Reporting;

/// <summary>
/// Text bars over log-spaced buckets (four per decade): latencies span orders of magnitude, and a tail of a few slow
/// calls stays visible next to a peak of millions.
/// </summary>
internal static class HistogramChart
{
    private const int BucketsPerDecade = 4;
    private const int BarWidth = 40;

    public static void Write(TextWriter output, LongHistogram histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return;
        }

        var counts = new SortedDictionary<int, long>();
        foreach (var step in histogram.RecordedValues())
        {
            var bucket = BucketOf(step.ValueIteratedTo);
            counts[bucket] = counts.GetValueOrDefault(bucket) + step.CountAddedInThisIterationStep;
        }

        var first = counts.Keys.First();
        var last = counts.Keys.Last();
        var peak = counts.Values.Max();
        output.WriteLine("latency histogram (ms, log buckets)");
        for (var bucket = first; bucket <= last; bucket++)
        {
            var count = counts.GetValueOrDefault(bucket);
            // A bucket with any calls gets at least one mark, so a rare tail is never drawn as empty.
            var width = count == 0 ? 0 : Math.Max(1, (int)Math.Round((double)count / peak * BarWidth));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {LowerEdgeMs(bucket),9:0.000} - {LowerEdgeMs(bucket + 1),9:0.000} |{new string('#', width),-BarWidth}| "
                + $"{count,12:N0} {100.0 * count / histogram.TotalCount,6:0.00}%"));
        }
    }

    private static int BucketOf(long microseconds) => (int)Math.Floor(Math.Log10(Math.Max(1, microseconds)) * BucketsPerDecade);

    private static double LowerEdgeMs(int bucket) => Math.Pow(10, (double)bucket / BucketsPerDecade) / 1000.0;
}
