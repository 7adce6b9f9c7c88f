using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ImrGrpc.Server.Hosting;

/// <summary>Network and access settings ("Security" section).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Allows listening beyond loopback without TLS or API keys. For isolated test networks only.</summary>
    public bool AllowInsecure { get; set; }

    /// <summary>API keys accepted as "authorization: Bearer KEY" or "x-api-key: KEY". Any key turns authentication on.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>A file with one API key per line (kept out of configuration files and process listings).</summary>
    public string? ApiKeysFile { get; set; }

    /// <summary>gRPC server reflection (grpcurl, buf curl discover the service through it).</summary>
    public bool Reflection { get; set; } = true;
}

/// <summary>Where the server listens, and whether that is safe: the network mode the startup log reports.</summary>
public sealed record NetworkMode(bool LoopbackOnly, bool Tls, bool Authenticated, bool Insecure, IReadOnlyList<string> Addresses)
{
    public string Describe() => LoopbackOnly && !Tls
        ? $"loopback only ({string.Join(", ", Addresses)}), plaintext h2c, {(Authenticated ? "API keys required" : "no authentication")}"
        : Insecure
            ? $"INSECURE: {string.Join(", ", Addresses)} reachable beyond loopback {(Tls ? "with TLS" : "in plaintext")}, {(Authenticated ? "API keys required" : "without authentication")} (Security:AllowInsecure=true)"
            : $"{string.Join(", ", Addresses)} with TLS{(LoopbackOnly ? "" : " beyond loopback")}, {(Authenticated ? "API keys required" : "no authentication")}";

    /// <summary>
    /// Works out the mode from the configured addresses. Beyond loopback the server needs TLS (a certificate in
    /// configuration) and API keys, unless Security:AllowInsecure is set; otherwise the reason it refuses to start.
    /// </summary>
    public static (NetworkMode? Mode, string? Refusal) Check(IConfiguration configuration, SecurityOptions security, string defaultUrl)
    {
        var urls = ConfiguredUrls(configuration).ToList();
        if (urls.Count == 0)
        {
            urls.Add(defaultUrl);
        }
        return Check(urls, configuration, security);
    }

    /// <summary>
    /// The same rules for any listener's addresses (the gRPC endpoints, the metrics listener): one place decides what
    /// may be reachable beyond loopback.
    /// </summary>
    public static (NetworkMode? Mode, string? Refusal) Check(IReadOnlyList<string> urls, IConfiguration configuration, SecurityOptions security)
    {
        var keys = ApiKeyAuthenticator.LoadKeys(security);
        var hasCertificate = configuration["Kestrel:Certificates:Default:Path"] is { Length: > 0 }
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any(e => e["Certificate:Path"] is { Length: > 0 });
        var loopbackOnly = true;
        var tls = false;
        foreach (var url in urls)
        {
            var (scheme, host) = Split(url);
            var loopback = IsLoopback(host);
            loopbackOnly &= loopback;
            var https = scheme == "https";
            tls |= https;
            if (https && !hasCertificate)
            {
                return (null, $"{url} is https but no certificate is configured (Kestrel:Certificates:Default:Path and KeyPath)");
            }
            if (!loopback && !security.AllowInsecure)
            {
                if (!https)
                {
                    return (null, $"{url} would accept plaintext connections beyond loopback; use https with Kestrel:Certificates:Default:Path, or set Security:AllowInsecure=true on an isolated network");
                }
                if (keys.Count == 0)
                {
                    return (null, $"{url} is reachable beyond loopback but no API keys are configured (Security:ApiKeys or Security:ApiKeysFile); set Security:AllowInsecure=true to run open on an isolated network");
                }
            }
        }
        return (new NetworkMode(loopbackOnly, tls, keys.Count > 0, !loopbackOnly && security.AllowInsecure, urls), null);
    }

    /// <summary>
    /// The addresses Kestrel will listen on, the way ASP.NET picks them: --urls / ASPNETCORE_URLS, the Kestrel:Endpoints
    /// section, then HTTP_PORTS / HTTPS_PORTS (also as ASPNETCORE_HTTP_PORTS, what the official container images set),
    /// which mean every interface. Empty when none is configured.
    /// </summary>
    public static IReadOnlyList<string> ConfiguredUrls(IConfiguration configuration)
    {
        var urls = new List<string>();
        if (configuration["urls"] is { Length: > 0 } configured)
        {
            urls.AddRange(configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                urls.Add(url);
            }
        }
        if (urls.Count == 0)
        {
            urls.AddRange(Ports(configuration["http_ports"], "http"));
            urls.AddRange(Ports(configuration["https_ports"], "https"));
        }
        return urls;
    }

    private static IEnumerable<string> Ports(string? ports, string scheme) =>
        (ports ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(port => $"{scheme}://*:{port}");

    private static (string Scheme, string Host) Split(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? url[..schemeEnd].ToLowerInvariant() : "http";
        var rest = schemeEnd > 0 ? url[(schemeEnd + 3)..] : url;
        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            return (scheme, UnixSocket);
        }
        var slash = rest.IndexOf('/');
        if (slash >= 0)
        {
            rest = rest[..slash];
        }
        string host;
        if (rest.StartsWith('['))
        {
            host = rest[1..rest.IndexOf(']')];
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            host = colon >= 0 ? rest[..colon] : rest;
        }
        return (scheme, host);
    }

    /// <summary>A unix domain socket is reachable only through the file system of this machine: as local as loopback.</summary>
    private const string UnixSocket = "unix:";

    private static bool IsLoopback(string host) =>
        host == UnixSocket || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}

/// <summary>
/// Checks API keys on every call except health probes. Keys are compared as SHA-256 digests in constant time, so
/// neither timing nor length tells a caller how close a guess was.
/// </summary>
public sealed class ApiKeyAuthenticator(IOptions<SecurityOptions> options)
{
    private readonly byte[][] _digests = LoadKeys(options.Value).Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k))).ToArray();

    public bool Enabled => _digests.Length > 0;

    /// <summary>Why a call to <paramref name="path"/> with these headers is refused, or null when it may proceed.</summary>
    public string? Refusal(string path, IHeaderDictionary headers)
    {
        if (_digests.Length == 0 || path.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal))
        {
            return null;
        }
        var presented = Presented(headers);
        if (presented is null)
        {
            return "an API key is required: send 'authorization: Bearer KEY' or 'x-api-key: KEY'";
        }
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), digest);
        var match = false;
        foreach (var known in _digests)
        {
            match |= CryptographicOperations.FixedTimeEquals(digest, known);
        }
        return match ? null : "the API key is not valid";
    }

    private static string? Presented(IHeaderDictionary headers)
    {
        if (headers["x-api-key"] is { Count: > 0 } apiKey)
        {
            return apiKey.ToString();
        }
        var authorization = headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    public static IReadOnlyList<string> LoadKeys(SecurityOptions options)
    {
        var keys = options.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).ToList();
        if (options.ApiKeysFile is { Length: > 0 } file)
        {
            keys.AddRange(File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
        }
        return keys;
    }
}
