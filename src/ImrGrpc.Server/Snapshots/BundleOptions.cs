namespace ImrGrpc.Server.Snapshots;

/// <summary>Where the server reads the published versions from, and how often it looks for a new manifest.</summary>
public sealed class BundleOptions
{
    public const string Section = "Bundles";

    /// <summary>
    /// A published directory, or an http(s) URL serving the same layout (<c>manifest.json</c> and the content files
    /// beside it); empty means the directory beside <see cref="StorageOptions.Path"/>.
    /// </summary>
    public string Source { get; set; } = "";

    /// <summary>How often the manifest is re-read (a change to a directory is also noticed at once where the OS says so).</summary>
    public int? ReloadIntervalMs { get; set; }

    /// <summary>How long one request to a URL source may take, answer and body together, before it counts as down.</summary>
    public int TimeoutMs { get; set; } = 5000;

    /// <summary>The URL form of <see cref="Source"/>, or null when it names a directory.</summary>
    public Uri? SourceUrl => IsUrl(Source) && Uri.TryCreate(Source.Trim(), UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>Anything with a scheme is meant as a URL; everything else is a path (which may contain ':').</summary>
    private static bool IsUrl(string source) => source.Contains("://", StringComparison.Ordinal);

    /// <summary>What is wrong with these settings, in one line naming the setting, or null when they can be used.</summary>
    public string? Problem()
    {
        if (IsUrl(Source))
        {
            if (!Uri.TryCreate(Source.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            {
                return $"Bundles:Source '{Source}' is neither a directory nor an absolute http(s) URL";
            }
            if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            {
                return $"Bundles:Source '{Source}': only http:// and https:// URLs are read ({uri.Scheme}:// is not)";
            }
            if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            {
                // The content files are found relative to the manifest; a query, fragment or password would not carry over.
                return $"Bundles:Source '{Source}' must be the URL of the published directory itself, without user, query or fragment";
            }
        }
        if (TimeoutMs is < 100 or > 600_000)
        {
            return $"Bundles:TimeoutMs must be between 100 and 600000, not {TimeoutMs}";
        }
        if (ReloadIntervalMs is < 1 or > 3_600_000)
        {
            return $"Bundles:ReloadIntervalMs must be between 1 and 3600000, not {ReloadIntervalMs}";
        }
        return null;
    }
}
