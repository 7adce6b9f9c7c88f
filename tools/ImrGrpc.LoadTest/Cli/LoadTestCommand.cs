using System.CommandLine;
using System.CommandLine.Invocation;
using ImrGrpc.LoadTest.Calls;
using ImrGrpc.LoadTest.Reporting;
using ImrGrpc.LoadTest.Running;
using static ImrGrpc.LoadTest.Cli.CliOptions;

namespace ImrGrpc.LoadTest.Cli;

/// <summary>Parses the command line, checks the rules between options, runs, reports, and picks the exit code.</summary>
internal static class LoadTestCommand
{
    public const int ExitOk = 0;
    public const int ExitBadInput = 2;
    public const int ExitInterrupted = 130;
    private const string ToolName = "imr-loadtest";

    /// <summary>Kestrel's default MaxStreamsPerConnection, and the common limit elsewhere.</summary>
    private const int CommonStreamLimit = 100;

    public static async Task<int> InvokeAsync(string[] args)
    {
        var root = BuildRootCommand();
        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            // One line a script can show as-is; --help has the details.
            return await FailAsync($"{OneLine(parsed.Errors[0].Message)} (see --help)");
        }

        // Ctrl+C cancels the action's token; the run stops, reports what it measured and exits 130.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) });
    }

    private static RootCommand BuildRootCommand()
    {
        var root = new RootCommand(
            "Load generator for gRPC servers speaking imr.v1 (and the grpc.health.v1 baseline): closed or open loop, "
            + "several HTTP/2 connections, HdrHistogram latencies, errors counted by status code. Exit code 0 when the run "
            + "completed (gRPC errors are in the report, not in the exit code), 2 for bad arguments or request files, "
            + "130 when interrupted with Ctrl+C (the partial report is still printed).");
        foreach (var option in CliOptions.All)
        {
            root.Options.Add(option);
        }

        root.SetAction(RunAsync);
        return root;
    }

    private static async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellation)
    {
        if (CombinationError(parsed) is { } error)
        {
            return await FailAsync(error);
        }

        var settings = Bind(parsed);
        RpcTarget target;
        try
        {
            target = RpcTarget.Load(settings.Method, settings.RequestSpecs);
        }
        catch (RequestFileException e)
        {
            return await FailAsync(e.Message);
        }

        var perConnection = (settings.Concurrency + settings.Connections - 1) / settings.Connections;
        if (perConnection > CommonStreamLimit)
        {
            // Not an error (the server may allow more), but otherwise the queueing would look like server latency.
            await Console.Error.WriteLineAsync(
                $"{ToolName}: note: {perConnection} calls per connection is above the usual HTTP/2 limit of {CommonStreamLimit} "
                + "concurrent streams (Kestrel's default); calls beyond the server's limit wait for a stream. Add --connections.");
        }

        var progress = new ProgressDisplay(Console.Error, interactive: !Console.IsErrorRedirected);
        var result = await new LoadRunner(settings, target, progress).RunAsync(cancellation);
        if (settings.Json)
        {
            JsonReport.Write(Console.Out, settings, target, result);
        }
        else
        {
            TextReport.Write(Console.Out, settings, target, result);
        }

        await Console.Out.FlushAsync(CancellationToken.None);
        return result.Interrupted ? ExitInterrupted : ExitOk;
    }

    private static LoadTestSettings Bind(ParseResult parsed)
    {
        // Unset options are told apart by their (absent) parse result: neither has a meaningful default.
        long? total = parsed.GetResult(TotalOption) is null ? null : parsed.GetValue(TotalOption);
        double? rate = parsed.GetResult(RateOption) is null ? null : parsed.GetValue(RateOption);
        return new LoadTestSettings(
            Target: new Uri(parsed.GetValue(TargetOption)!, UriKind.Absolute),
            Method: Enum.Parse<LoadMethod>(parsed.GetValue(MethodOption)!, ignoreCase: true),
            RequestSpecs: parsed.GetValue(RequestsOption) ?? [],
            Concurrency: parsed.GetValue(ConcurrencyOption),
            Connections: parsed.GetValue(ConnectionsOption),
            Duration: total is null ? DurationOf(parsed, DurationOption) : null,
            Total: total,
            Warmup: DurationOf(parsed, WarmupOption),
            Rate: rate,
            Json: parsed.GetValue(JsonOption));
    }

    /// <summary>Rules between options, checked once parsing (and its defaults) are complete.</summary>
    private static string? CombinationError(ParseResult parsed)
    {
        var totalGiven = parsed.GetResult(TotalOption) is not null;
        if (totalGiven && parsed.GetResult(DurationOption) is { Implicit: false })
        {
            return "give --duration or --total, not both";
        }

        if (!totalGiven && DurationOf(parsed, DurationOption) == TimeSpan.Zero)
        {
            return "--duration must be more than 0";
        }

        if (parsed.GetValue(ConnectionsOption) > parsed.GetValue(ConcurrencyOption))
        {
            return "--connections cannot exceed --concurrency (a connection without a call in flight measures nothing)";
        }

        var method = parsed.GetValue(MethodOption);
        if (method is "evaluate" or "explain" && (parsed.GetValue(RequestsOption) ?? []).Length == 0)
        {
            return $"--method {method} needs --requests (a JSON imr.v1.EvaluateRequestRequest, e.g. examples/seed-case.json)";
        }

        return null;
    }

    private static async Task<int> FailAsync(string reason)
    {
        await Console.Error.WriteLineAsync($"{ToolName}: {reason}");
        return ExitBadInput;
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static TimeSpan DurationOf(ParseResult parsed, Option<string> option) =>
        DurationParser.TryParse(parsed.GetValue(option)!, out var value) ? value : throw new InvalidOperationException("validated at parse time");
}
