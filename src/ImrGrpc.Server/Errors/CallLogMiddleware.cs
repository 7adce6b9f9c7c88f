using System.Diagnostics;
using ImrGrpc.Server.Hosting;
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
public sealed partial class CallLogMiddleware(RequestDelegate next, ILogger<CallLogMiddleware> logger, CaseIdProtector caseIds, InFlightCalls calls)
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
            if (logger.IsEnabled(LogLevel.Information))
            {
                var method = context.Request.Path.Value ?? "";
                var status = call.WasCut ? "CANCELLED" : Status(context);
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

    /// <summary>The gRPC status from the trailers (or, for a trailers-only response, the headers); the HTTP status otherwise.</summary>
    private static string Status(HttpContext context)
    {
        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        var code = trailers?["grpc-status"].ToString();
        if (string.IsNullOrEmpty(code))
        {
            code = context.Response.Headers["grpc-status"].ToString();
        }
        return code switch
        {
            "" => context.RequestAborted.IsCancellationRequested ? "ABORTED_BY_CLIENT" : $"HTTP_{context.Response.StatusCode}",
            "0" => "OK",
            "1" => "CANCELLED",
            "2" => "UNKNOWN",
            "3" => "INVALID_ARGUMENT",
            "4" => "DEADLINE_EXCEEDED",
            "5" => "NOT_FOUND",
            "7" => "PERMISSION_DENIED",
            "8" => "RESOURCE_EXHAUSTED",
            "9" => "FAILED_PRECONDITION",
            "12" => "UNIMPLEMENTED",
            "13" => "INTERNAL",
            "14" => "UNAVAILABLE",
            "16" => "UNAUTHENTICATED",
            _ => code,
        };
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "call {Method} peer={Peer} case_id={CaseId} decision_id={DecisionId} version={Version} status={Status} duration_ms={DurationMs:F3}")]
    private static partial void LogCall(ILogger logger, string method, string peer, string caseId, string decisionId, string version, string status, double durationMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "call {Method} status={Status} peer={Peer}")]
    private static partial void LogRefused(ILogger logger, string method, string status, string peer);
}
