namespace ImrGrpc.Storage.Bundles;

/// <summary>A bundle or stored document that does not have the expected shape; the message names the field.</summary>
public sealed class BundleFormatException(string message) : Exception(message);
