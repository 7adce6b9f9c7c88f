using System.Text.Json;
using ImrGrpc.LoadTest.Calls;
using ImrGrpc.LoadTest.Cli;
using ImrGrpc.LoadTest.Running;

namespace ImrGrpc.LoadTest.Reporting;

/// <summary>
/// The report for scripts: one JSON object. Field names are a contract (CI compares runs with them); add fields,
/// never rename or remove one.
/// </summary>
internal static class JsonReport
{
    public static void Write(TextWriter output, LoadTestSettings settings, RpcTarget target, RunResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("method", target.FullName);
            json.WriteString("target", settings.Target.OriginalString);
            json.WriteNumber("concurrency", settings.Concurrency);
            json.WriteNumber("connections", settings.Connections);
            if (settings.Rate is { } rate)
            {
                json.WriteNumber("rate", rate);
            }
            else
            {
                json.WriteNull("rate");
            }

            json.WriteNumber("duration_s", Math.Round(result.Elapsed.TotalSeconds, 3));
            json.WriteNumber("warmup_s", Math.Round(settings.Warmup.TotalSeconds, 3));
            json.WriteNumber("calls", result.Calls);
            json.WriteNumber("ok", result.Ok);
            json.WriteStartObject("errors");
            foreach (var (code, count) in result.Errors)
            {
                json.WriteNumber(code.ToString(), count);
            }

            json.WriteEndObject();
            json.WriteNumber("throughput_per_s", Math.Round(result.Throughput, 1));
            var latency = LatencySummary.From(result.Latency);
            json.WriteStartObject("latency_ms");
            json.WriteNumber("p50", latency.P50);
            json.WriteNumber("p90", latency.P90);
            json.WriteNumber("p99", latency.P99);
            json.WriteNumber("p999", latency.P999);
            json.WriteNumber("max", latency.Max);
            json.WriteNumber("mean", latency.Mean);
            json.WriteEndObject();
            json.WriteNumber("late_starts", result.LateStarts);
            json.WriteNumber("not_started", result.NotStarted);
            json.WriteNumber("abandoned", result.Abandoned);
            json.WriteBoolean("interrupted", result.Interrupted);
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
