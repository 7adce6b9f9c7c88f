using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Storage;

namespace ImrGrpc.Server.Errors;

/// <summary>
/// Maps engine and storage exceptions to gRPC statuses. A client never sees UNKNOWN ("Exception was thrown by
/// handler"): anything unexpected becomes INTERNAL with a trace id, and is logged.
/// </summary>
public sealed partial class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context);
        }
    }

    internal RpcException Map(Exception e, ServerCallContext context)
    {
        switch (e)
        {
            case GuidelineResolutionException { Error: GuidelineResolutionError.NoneInForce } g:
                return RpcErrors.FailedPrecondition(g.Message, "NO_VERSION_IN_FORCE");
            case GuidelineResolutionException g:
                return RpcErrors.NotFound(g.Message, "VERSION_NOT_FOUND");
            case OperationCanceledException when context.Deadline < DateTime.UtcNow:
                return RpcErrors.DeadlineExceeded();
            case OperationCanceledException:
                return RpcErrors.Cancelled();
            case StoreException s:
                return RpcErrors.Unavailable(s.Message);
            default:
                var traceId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
                LogUnexpected(logger, e, context.Method, traceId);
                return RpcErrors.Internal(traceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error in {Method} (trace {TraceId})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string traceId);
}
