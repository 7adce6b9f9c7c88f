namespace ImrGrpc.Server.Snapshots;

/// <summary>A problem with what the bundle source holds or how it answers: the last good library keeps serving.</summary>
public sealed class BundleSourceException(string message, Exception? inner = null) : Exception(message, inner);
