namespace ImrGrpc.Server.Snapshots;

/// <summary>Where the guideline store lives and how often the server looks for a publish.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The LiteDB file; empty means the per-user default shared with the admin tool.</summary>
    public string Path { get; set; } = "";

    /// <summary>How often the store's published revision is checked.</summary>
    public int ReloadIntervalMs { get; set; } = 250;
}
