using System.Globalization;
using ImrGrpc.LoadTest.Calls;
using ImrGrpc.LoadTest.Cli;
using ImrGrpc.LoadTest.Running;

namespace ImrGrpc.LoadTest.Reporting;

/// <summary>The report for people: what was run, throughput, percentiles, the histogram and the errors by status.</summary>
internal static class TextReport
{
    public static void Write(TextWriter output, LoadTestSettings settings, RpcTarget target, RunResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var loop = settings.Rate is { } rate ? string.Create(inv, $"open loop at {rate:N0} calls/s") : "closed loop";
        var requests = target.Files.Count == 0 ? "default request" : $"{target.Files.Count} request file(s)";
        output.WriteLine($"{target.FullName} -> {settings.Target.OriginalString}");
        output.WriteLine(string.Create(inv,
            $"{loop}, concurrency {settings.Concurrency}, connections {settings.Connections}, {requests}, warmup {DurationParser.Format(settings.Warmup)}"));
        if (result.Interrupted)
        {
            output.WriteLine("interrupted: the numbers below cover only the calls completed before Ctrl+C");
        }

        output.WriteLine();
        output.WriteLine(string.Create(inv, $"calls        {result.Calls:N0} in {result.Elapsed.TotalSeconds:0.00} s"));
        output.WriteLine(string.Create(inv, $"ok           {result.Ok:N0}"));
        output.WriteLine(string.Create(inv, $"errors       {result.ErrorCount:N0}"));
        output.WriteLine(string.Create(inv, $"throughput   {result.Throughput:N1} calls/s"));
        if (settings.OpenLoop)
        {
            output.WriteLine(string.Create(inv,
                $"late starts  {result.LateStarts:N0} (started over 1 ms after falling due: every call slot busy, or the client short of CPU; counted from the scheduled time)"));
            if (result.NotStarted > 0)
            {
                output.WriteLine(string.Create(inv, $"not started  {result.NotStarted:N0} (scheduled inside the window but never reached: the client fell behind)"));
            }
        }

        if (result.Abandoned > 0)
        {
            output.WriteLine(string.Create(inv, $"abandoned    {result.Abandoned:N0} (still in flight when the tool stopped; not counted)"));
        }

        var latency = LatencySummary.From(result.Latency);
        output.WriteLine();
        output.WriteLine(string.Create(inv,
            $"latency ms   p50 {latency.P50:0.000}  p90 {latency.P90:0.000}  p99 {latency.P99:0.000}  p99.9 {latency.P999:0.000}  max {latency.Max:0.000}  mean {latency.Mean:0.000}"));
        output.WriteLine();
        HistogramChart.Write(output, result.Latency);

        if (result.Errors.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("errors by status");
            foreach (var (code, count) in result.Errors)
            {
                var detail = result.FirstDetails.TryGetValue(code, out var d) && !string.IsNullOrEmpty(d) ? $"  first: {Shorten(d)}" : "";
                output.WriteLine(string.Create(inv, $"  {code,-20} {count,12:N0}{detail}"));
            }
        }
    }

    private static string Shorten(string detail)
    {
        var line = detail.ReplaceLineEndings(" ");
        return line.Length <= 160 ? line : string.Concat(line.AsSpan(0, 157), "...");
    }
}
