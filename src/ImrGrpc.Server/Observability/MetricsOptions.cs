namespace ImrGrpc.Server.Observability;

/// <summary>The metrics listener ("Metrics" section): off unless addresses are given.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>The scrape path on the metrics listener.</summary>
    public const string Path = "/metrics";

    /// <summary>
    /// Plain HTTP/1.1 addresses for Prometheus to scrape <see cref="Path"/> from, ';'-separated like --urls, under the
    /// same network rules as the gRPC endpoints (loopback unless TLS and API keys, or Security:AllowInsecure).
    /// </summary>
    public string Urls { get; set; } = "";

    public IReadOnlyList<string> UrlList =>
        Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool Enabled => UrlList.Count > 0;

    /// <summary>What is wrong with these settings, naming the setting, or null.</summary>
    public string? Problem(IReadOnlyList<string> grpcUrls)
    {
        foreach (var url in UrlList)
        {
            if (!url.StartsWith("http://unix:", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://unix:", StringComparison.OrdinalIgnoreCase)
                && (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                    || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.AbsolutePath != "/"))
            {
                return $"Metrics:Urls '{url}' is not an http:// or https:// listen address such as http://127.0.0.1:9464";
            }
            // Port 0 asks the OS for a free port, so two of them never collide.
            if (!url.TrimEnd('/').EndsWith(":0", StringComparison.Ordinal)
                && grpcUrls.Any(g => string.Equals(g.TrimEnd('/'), url.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
            {
                // One port cannot be both: the gRPC port speaks only HTTP/2 and never serves /metrics.
                return $"Metrics:Urls '{url}' is also a gRPC listen address; give the metrics listener its own port";
            }
        }
        return null;
    }
}
