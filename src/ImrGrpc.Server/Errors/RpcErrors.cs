using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using ImrGrpc.Contract.Mapping;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;

namespace ImrGrpc.Server.Errors;

/// <summary>Every error the service returns is built here, with rich status details (google.rpc).</summary>
public static class RpcErrors
{
    public const string Domain = "imrgrpc.example";

    /// <summary>grpc-message stays a line, whatever the caller sent; the details carry the rest.</summary>
    public const int MaxMessageChars = 300;

    /// <summary>INVALID_ARGUMENT with google.rpc.BadRequest field violations, bounded in size (see <see cref="Violations"/>).</summary>
    public static RpcException InvalidArgument(IReadOnlyList<FieldProblem> problems)
    {
        var violations = new Violations();
        foreach (var p in problems)
        {
            violations.Add(p);
        }
        return InvalidArgument(violations);
    }

    public static RpcException InvalidArgument(Violations violations)
    {
        var first = violations.First is { } f ? $"{f.Field}: {f.Description}" : "invalid request";
        var message = violations.Count > 1 ? $"{violations.Count} invalid fields; first {first}" : first;
        return Build(Code.InvalidArgument, message, Any.Pack(violations.ToBadRequest()));
    }

    public static RpcException InvalidArgument(string field, string description) => InvalidArgument([new FieldProblem(field, description)]);

    public static RpcException FailedPrecondition(string message, string reason) =>
        Build(Code.FailedPrecondition, message, Any.Pack(new ErrorInfo { Domain = Domain, Reason = reason }));

    /// <summary>No version could be chosen for a request: none in force on its date, or the pinned one is not served.</summary>
    public static RpcException Unresolved(CaseOutcomeKind kind, DateOnly requestDate, string? pinnedId) => kind == CaseOutcomeKind.VersionNotFound
        ? NotFound($"Guideline version '{pinnedId}' is not published on this server; ListGuidelineVersions lists the ones that are.", "VERSION_NOT_FOUND")
        : FailedPrecondition($"No published guideline version is in force on request date {requestDate:yyyy-MM-dd}; " +
                             "ListGuidelineVersions lists the effective windows.", "NO_VERSION_IN_FORCE");

    public static RpcException Unresolved(GuidelineResolutionException e) => Unresolved(
        e.Error == GuidelineResolutionError.NotFound ? CaseOutcomeKind.VersionNotFound : CaseOutcomeKind.NoVersionInForce, e.RequestDate, e.PinnedId);

    public static RpcException NotFound(string message, string reason) =>
        Build(Code.NotFound, message, Any.Pack(new ErrorInfo { Domain = Domain, Reason = reason }));

    public static RpcException Unavailable(string message) =>
        Build(Code.Unavailable, message, Any.Pack(new ErrorInfo { Domain = Domain, Reason = "STORE_UNAVAILABLE" }));

    public static RpcException Unauthenticated(string message) =>
        Build(Code.Unauthenticated, message, Any.Pack(new ErrorInfo { Domain = Domain, Reason = "API_KEY" }));

    public static RpcException Cancelled() => Build(Code.Cancelled, "the call was cancelled or its deadline passed");

    public static RpcException DeadlineExceeded() => Build(Code.DeadlineExceeded, "the deadline passed before the decision was made");

    public static RpcException Internal(string traceId) =>
        Build(Code.Internal, $"internal error; quote trace id {traceId} when reporting it",
            Any.Pack(new ErrorInfo { Domain = Domain, Reason = "INTERNAL", Metadata = { ["trace_id"] = traceId } }));

    private static RpcException Build(Code code, string message, params Any[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = Clipping.Clip(message, MaxMessageChars) };
        status.Details.AddRange(details);
        return status.ToRpcException();
    }
}
