using ImrGrpc.Storage;
using ImrGrpc.Storage.Publishing;
using Microsoft.Extensions.Options;

namespace ImrGrpc.Server.Snapshots;

/// <summary>Picks the bundle source the settings name: a URL, a directory, or the directory beside the editors' store.</summary>
public static class BundleSources
{
    /// <summary>The named client URL sources fetch with (configured once in the host).</summary>
    public const string HttpClientName = "imr-bundles";

    public static IServiceCollection AddBundleSource(this IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan) // Bundles:TimeoutMs applies, timed by TimeProvider
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.None, // the bytes hashed are the bytes served
                MaxAutomaticRedirections = 3,
                ConnectTimeout = TimeSpan.FromSeconds(5),
            })
            // A replica polls several times a second: the factory's per-request log lines would drown the log, and a
            // failure is logged once per distinct problem by the loader, with the reason, never with a stack trace.
            .RemoveAllLoggers();
        services.AddSingleton<IBundleSource>(provider =>
        {
            var bundles = provider.GetRequiredService<IOptions<BundleOptions>>().Value;
            if (bundles.SourceUrl is { } url)
            {
                var clients = provider.GetRequiredService<IHttpClientFactory>();
                return new HttpBundleSource(url, () => clients.CreateClient(HttpClientName), TimeSpan.FromMilliseconds(bundles.TimeoutMs),
                    provider.GetRequiredService<TimeProvider>());
            }
            return new DirectoryBundleSource(string.IsNullOrWhiteSpace(bundles.Source)
                ? PublishedLayout.DirectoryFor(StoreDefaults.Resolve(provider.GetRequiredService<IOptions<StorageOptions>>().Value.Path))
                : bundles.Source);
        });
        return services;
    }
}
