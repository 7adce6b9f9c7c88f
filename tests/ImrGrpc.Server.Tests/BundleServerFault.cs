namespace ImrGrpc.Server.Tests;

/// <summary>What the static server does wrong to the files <see cref="StaticBundleServer.FaultOn"/> selects.</summary>
public enum BundleServerFault
{
    None,
    /// <summary>HTTP 503.</summary>
    ServerError,
    /// <summary>Never answers (until the client gives up).</summary>
    Slow,
    /// <summary>Declares the whole length, sends half; the connection closes.</summary>
    Truncated,
    /// <summary>Sends other bytes than the file holds, with a fitting length (a bad copy, a tampered file).</summary>
    Garbage,
    /// <summary>Declares a body far larger than any published file may be.</summary>
    Oversized,
}
