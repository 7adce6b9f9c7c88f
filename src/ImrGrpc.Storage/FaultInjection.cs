namespace ImrGrpc.Storage;

/// <summary>
/// A pause inside a multi-document write, so the crash harness can kill a process in the middle of a transaction
/// rather than only before or after it. Off unless IMRGRPC_FAULT_PAUSE_MS is set (tests only).
/// </summary>
internal static class FaultInjection
{
    private static readonly int PauseMs =
        int.TryParse(Environment.GetEnvironmentVariable("IMRGRPC_FAULT_PAUSE_MS"), out var ms) ? ms : 0;

    public static void Pause()
    {
        if (PauseMs > 0)
        {
            Console.Error.WriteLine("imrgrpc: fault-injection pause inside a transaction");
            Console.Error.Flush();
            Thread.Sleep(PauseMs);
        }
    }
}
