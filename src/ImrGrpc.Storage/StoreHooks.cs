namespace ImrGrpc.Storage;

/// <summary>
/// Points inside the store's work where a caller may step in. Production passes none; a crash harness passes a pause so
/// it can kill a process in the middle of a transaction rather than only before or after one. Injected by whoever opens
/// the store: the store itself reads no environment for it.
/// </summary>
public sealed record StoreHooks
{
    public static StoreHooks None { get; } = new();

    /// <summary>Called inside the publish transaction, after the predecessor's window is closed and before the draft is published.</summary>
    public Action? InsidePublish { get; init; }
}
