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

/// <summary>Where the server reads the published versions from, and how often it looks for a new manifest.</summary>
public sealed class BundleOptions
{
    public const string Section = "Bundles";

    /// <summary>A published directory; empty means the one beside <see cref="StorageOptions.Path"/>.</summary>
    public string Source { get; set; } = "";

    /// <summary>How often the manifest is re-read (a change to the directory is also noticed at once where the OS says so).</summary>
    public int? ReloadIntervalMs { get; set; }
}
