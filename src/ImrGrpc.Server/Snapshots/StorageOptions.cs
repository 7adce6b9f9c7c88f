namespace ImrGrpc.Server.Snapshots;

/// <summary>
/// The editors' store, used only when no bundle source is configured: on its first run the server creates the
/// seeded store and its published directory there (the embedded default), and upgrades a store that has none.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The LiteDB file; empty means the per-user default shared with the admin tool.</summary>
    public string Path { get; set; } = "";

    /// <summary>Kept for configurations written before bundles: how often the published directory is checked.</summary>
    public int? ReloadIntervalMs { get; set; }
}
