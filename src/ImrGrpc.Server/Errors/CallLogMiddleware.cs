using System.Diagnostics;
using ImrGrpc.Server.Hosting;
using ImrGrpc.Server.Observability;
using Microsoft.AspNetCore.Http.Features;

namespace ImrGrpc.Server.Errors;

/// <summary>The identifiers of a call that may be logged.</summary>
public sealed record CallFacts(string? CaseId, string? DecisionId, string? Version);

/// <summary>
/// Writes one line per call, including calls refused before any service code ran (an unparsable body, a message
/// too large): method, peer, case id (keyed hash unless configured otherwise), decision id, guideline version, gRPC
/// status, duration. It never sees the request body, so diagnoses, descriptions and other free text cannot reach the
/// log; a call refused for its API key logs only method, status and peer.
/// </summary>
/// It also records each gRPC call's count and latency (<see cref="ServerMetrics"/>): it is the one place that sees every call end.
public sealed partial class CallLogMiddleware(
    RequestDelegate next, ILogger<CallLogMiddleware> logger, CaseIdProtector caseIds, InFlightCalls calls, ServerMetrics metrics)
{
    public const string FactsKey = "imr.call";

    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        using var call = calls.Begin(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var code = call.WasCut ? CancelledCode : StatusCode(context);
            if (metrics.CallsEnabled && metrics.TagsFor(context.GetEndpoint()) is { } tags)
            {
                // A call that ended without a status was dropped by its client: CANCELLED is what gRPC calls that.
                var recorded = code < 0 && context.RequestAborted.IsCancellationRequested ? CancelledCode : code;
                if (recorded >= 0)
                {
                    metrics.RecordCall(tags, recorded, Stopwatch.GetElapsedTime(start).TotalSeconds);
                }
            }
            if (logger.IsEnabled(LogLevel.Information))
            {
                var method = context.Request.Path.Value ?? "";
                var status = Status(context, code);
                if (context.Items.ContainsKey(ApiKeyMiddleware.RefusedKey))
                {
                    LogRefused(logger, method, status, Peer(context));
                }
                else
                {
                    var facts = context.Items.TryGetValue(FactsKey, out var value) ? value as CallFacts : null;
                    LogCall(logger, method, Peer(context), caseIds.ForLog(facts?.CaseId), facts?.DecisionId ?? "-", facts?.Version ?? "-",
                        status, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
        }
    }

    /// <summary>The caller's address; "local" for a unix socket (and the in-process test server), which have none.</summary>
    private static string Peer(HttpContext context) => context.Connection.RemoteIpAddress is { } address
        ? $"{address}:{context.Connection.RemotePort}"
        : "local";

    private const int CancelledCode = 1;

    /// <summary>The gRPC status code from the trailers (or, for a trailers-only response, the headers); -1 when there is none.</summary>
    private static int StatusCode(HttpContext context)
    {
        var code = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers is { } trailers
            ? GrpcStatusCodes.Parse(trailers["grpc-status"])
            : -1;
        return code >= 0 ? code : GrpcStatusCodes.Parse(context.Response.Headers["grpc-status"]);
    }

    /// <summary>The status's name for the log; for a request that ended without one, how it ended.</summary>
    private static string Status(HttpContext context, int code) =>
        code >= 0 ? GrpcStatusCodes.Name(code)
        : context.RequestAborted.IsCancellationRequested ? "ABORTED_BY_CLIENT"
        : $"HTTP_{context.Response.StatusCode}";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "call {Method} peer={Peer} case_id={CaseId} decision_id={DecisionId} version={Version} status={Status} duration_ms={DurationMs:F3}")]
    private static partial void LogCall(ILogger logger, string method, string peer, string caseId, string decisionId, string version, string status, double durationMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "call {Method} status={Status} peer={Peer}")]
    private static partial void LogRefused(ILogger logger, string method, string status, string peer);
}
