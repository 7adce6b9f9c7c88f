using System.CommandLine;
using System.CommandLine.Parsing;

namespace ImrGrpc.LoadTest.Cli;

/// <summary>Every option the tool takes, with its help text, default and single-option validation.</summary>
internal static class CliOptions
{
    private static readonly string[] MethodNames = ["evaluate", "explain", "health"];

    public static readonly Option<string> TargetOption = new("--target", "-t")
    {
        Description = "Server address, http://host:port (plaintext HTTP/2) or https://host:port.",
        HelpName = "url",
        DefaultValueFactory = _ => "http://127.0.0.1:5000",
        Validators = { ValidateTarget },
    };

    public static readonly Option<string> MethodOption = CreateMethodOption();

    public static readonly Option<string[]> RequestsOption = new("--requests", "-f")
    {
        Description = "Request file in the proto JSON mapping; repeat it, or give a directory (its *.json) or a "
            + "wildcard in the file name (\"cases/*.json\"). Several files rotate round-robin. evaluate and explain read an "
            + "imr.v1.EvaluateRequestRequest (explain wraps it as {request: ...}); health reads a "
            + "grpc.health.v1.HealthCheckRequest and defaults to {} (the whole server).",
        HelpName = "path",
    };

    public static readonly Option<int> ConcurrencyOption = PositiveInt("--concurrency", "-c", 64,
        "Calls in flight at once (one worker per call slot).");

    public static readonly Option<int> ConnectionsOption = PositiveInt("--connections", null, 1,
        "Separate HTTP/2 connections (one channel each); calls are spread over them round-robin.");

    public static readonly Option<string> DurationOption = CreateDurationOption("--duration", "-d", "10s",
        "How long to measure, e.g. 30s, 2m, 500ms. Not with --total.");

    public static readonly Option<long> TotalOption = new("--total", "-n")
    {
        Description = "Measure exactly this many calls instead of a fixed duration.",
        HelpName = "calls",
        Validators = { r => RequirePositive<long>(r) },
    };

    public static readonly Option<string> WarmupOption = CreateDurationOption("--warmup", "-w", "2s",
        "Load applied before measuring (connections, JIT, server caches); not recorded. 0 to skip.");

    public static readonly Option<double> RateOption = new("--rate", "-r")
    {
        Description = "Open loop: start calls at this many per second on a fixed schedule, whatever the server does. "
            + "Latency is measured from each call's scheduled start, so a stalled server shows up as latency "
            + "(no coordinated omission); calls that start more than 1 ms after falling due (every call slot busy, or the "
            + "client short of CPU) are reported as late starts. --concurrency caps the calls in flight. "
            + "Without --rate the run is closed loop: each worker starts its next call when the last one ends.",
        HelpName = "calls/s",
        Validators = { r => RequirePositive<double>(r) },
    };

    public static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Print one JSON object on stdout instead of the text report, for scripts: method, target, "
            + "concurrency, connections, rate (null when closed loop), duration_s, warmup_s, calls, ok, errors {StatusCode: n}, "
            + "throughput_per_s, latency_ms {p50, p90, p99, p999, max, mean}, late_starts, not_started, abandoned, interrupted.",
    };

    public static IEnumerable<Option> All =>
    [
        TargetOption, MethodOption, RequestsOption, ConcurrencyOption, ConnectionsOption,
        DurationOption, TotalOption, WarmupOption, RateOption, JsonOption,
    ];

    private static void ValidateTarget(OptionResult result)
    {
        var target = result.GetValueOrDefault<string>();
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            result.AddError($"--target '{target}' is not an http:// or https:// address");
        }
    }

    private static Option<string> CreateMethodOption()
    {
        var option = new Option<string>("--method", "-m")
        {
            Description = "evaluate: imr.v1.GuidelineDecisionService/EvaluateRequest; explain: .../ExplainRationale; "
                + "health: grpc.health.v1.Health/Check (the baseline: what the transport alone costs).",
            DefaultValueFactory = _ => "evaluate",
        };
        option.AcceptOnlyFromAmong(MethodNames);
        return option;
    }

    private static Option<int> PositiveInt(string name, string? alias, int defaultValue, string description)
    {
        var option = alias is null ? new Option<int>(name) : new Option<int>(name, alias);
        option.Description = description;
        option.HelpName = "n";
        option.DefaultValueFactory = _ => defaultValue;
        option.Validators.Add(RequirePositive<int>);
        return option;
    }

    private static Option<string> CreateDurationOption(string name, string alias, string defaultValue, string description)
    {
        // Read as text so that --help shows the default the way people type it ("10s", not "00:00:10").
        var option = new Option<string>(name, alias)
        {
            Description = description,
            HelpName = "time",
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!DurationParser.TryParse(text, out _))
            {
                result.AddError($"{name} '{text}' is not a duration like 30s, 500ms or 2m");
            }
        });
        return option;
    }

    private static void RequirePositive<T>(OptionResult result)
        where T : struct, IComparable<T>
    {
        T value;
        try
        {
            value = result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            // Not a number at all: the parser has already reported that, in its own words.
            return;
        }

        if (value.CompareTo(default) <= 0)
        {
            result.AddError($"{result.Option.Name} must be more than 0");
        }
    }
}
