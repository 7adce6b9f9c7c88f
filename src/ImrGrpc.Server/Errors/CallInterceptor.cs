using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Server.Hosting;
using ImrGrpc.Contract.Mapping;
using ImrGrpc.Storage;

namespace ImrGrpc.Server.Errors;

/// <summary>
/// Wraps every call (already authenticated by <see cref="ApiKeyMiddleware"/>): maps engine and storage exceptions to gRPC
/// statuses so a client never sees UNKNOWN, and notes the call's ids for its log line.
/// </summary>
public sealed partial class CallInterceptor(ILogger<CallInterceptor> logger, CallDeadlines deadlines) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        TResponse? response = null;
        try
        {
            deadlines.ThrowIfOver(context);
            response = await continuation(request, context).ConfigureAwait(false);
            return response;
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context);
        }
        finally
        {
            Note(context, request, response);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
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
            case GuidelineResolutionException g:
                return RpcErrors.Unresolved(g);
            case OperationCanceledException when deadlines.IsOver(context):
                return RpcErrors.DeadlineExceeded();
            case OperationCanceledException:
                return RpcErrors.Cancelled();
            case StoreException s:
                return RpcErrors.Unavailable(s.Message);
            default:
                var traceId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
                LogUnexpected(logger, e.GetType().Name, context.Method, traceId);
                return RpcErrors.Internal(traceId);
        }
    }

    /// <summary>
    /// Hands the call's identifiers to the log line <see cref="CallLogMiddleware"/> writes when the call ends: the case id
    /// the caller assigned, the decision id, the guideline version. Never anything the caller wrote about the patient.
    /// </summary>
    private static void Note<TRequest, TResponse>(ServerCallContext context, TRequest? request, TResponse? response)
        where TRequest : class where TResponse : class
    {
        // The served shapes of the two decision calls (the host binds their prepared methods, see PreparedResponseAttribute).
        var caseId = request switch
        {
            MappedEvaluateRequest r => r.CaseId,
            MappedExplainRequest r => r.Request?.CaseId,
            _ => null,
        };
        var decision = response switch
        {
            PreparedEvaluateResponse r => r.Decision,
            PreparedExplainResponse r => r.Decision,
            _ => null,
        };
        var (decisionId, version) = (decision?.DecisionId, decision?.Guideline.Version.Id);
        if (caseId is not null || decisionId is not null)
        {
            context.UserState[CallLogMiddleware.FactsKey] = new CallFacts(caseId, decisionId, version);
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Unexpected {ExceptionType} in {Method} (trace {TraceId})")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, string method, string traceId);
}
