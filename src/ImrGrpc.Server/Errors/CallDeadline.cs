using Grpc.Core;

namespace ImrGrpc.Server.Errors;

/// <summary>
/// Whether a call should still be answered. grpc-dotnet cancels the call's token from a timer once its deadline
/// passes, which can land after a short call has finished its work; the deadline itself is checked here too, so a
/// caller whose deadline has passed gets DEADLINE_EXCEEDED, never an answer it has stopped waiting for.
/// </summary>
internal static class CallDeadline
{
    public static void ThrowIfOver(ServerCallContext context)
    {
        if (context.Deadline != DateTime.MaxValue && context.Deadline <= DateTime.UtcNow)
        {
            throw RpcErrors.DeadlineExceeded();
        }
        context.CancellationToken.ThrowIfCancellationRequested();
    }
}
