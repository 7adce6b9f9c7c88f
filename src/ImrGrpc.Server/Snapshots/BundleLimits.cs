namespace ImrGrpc.Server.Snapshots;

/// <summary>The sizes a bundle source accepts, whichever way it fetches: one home for both sources.</summary>
public static class BundleLimits
{
    /// <summary>The largest content file accepted; a real version is well under 1 MB.</summary>
    public const int MaxContentBytes = 64 * 1024 * 1024;
}
