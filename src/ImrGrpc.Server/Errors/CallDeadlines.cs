using Grpc.Core;

namespace ImrGrpc.Server.Errors;

/// <summary>
/// Whether a call should still be answered. grpc-dotnet cancels the call's token from a timer once its deadline
/// passes, which can land after a short call has finished its work; the deadline itself is checked here too, against
/// the host's clock, so a caller whose deadline has passed gets DEADLINE_EXCEEDED, never an answer it has stopped
/// waiting for.
/// </summary>
public sealed class CallDeadlines(TimeProvider clock)
{
    public bool IsOver(ServerCallContext context) =>
        context.Deadline != DateTime.MaxValue && context.Deadline <= clock.GetUtcNow().UtcDateTime;

    public void ThrowIfOver(ServerCallContext context)
    {
        if (IsOver(context))
        {
            throw RpcErrors.DeadlineExceeded();
        }
        context.CancellationToken.ThrowIfCancellationRequested();
    }
}
