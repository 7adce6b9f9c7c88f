namespace ImrGrpc.Storage;

/// <summary>Where the store lives when no path is given: one per-user file that the server and the admin tool share.</summary>
public static class StoreDefaults
{
    public static string DefaultPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "imrgrpc", "imrgrpc.db");

    /// <summary>The configured path (relative to the working directory), or the default when empty.</summary>
    public static string Resolve(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? DefaultPath : Path.GetFullPath(configured);
}
