using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ImrGrpc.Server.Tests;

/// <summary>A replica reading its bundles from a URL (Bundles:Source=http://...), logs captured.</summary>
public sealed class UrlSourceServerFactory(Uri source) : WebApplicationFactory<Program>
{
    /// <summary>Long enough for a cold first fetch on a busy two-core machine (JIT, connection set-up), short for a test.</summary>
    public const int TimeoutMs = 1500;

    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Bundles:Source", source.AbsoluteUri);
        builder.UseSetting("Bundles:ReloadIntervalMs", "50");
        builder.UseSetting("Bundles:TimeoutMs", TimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Never read with a URL source: a path that does not exist proves it.
        builder.UseSetting("Storage:Path", Path.Combine(Path.GetTempPath(), "imrgrpc-tests", "never", Guid.NewGuid().ToString("N"), "imr.db"));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public GrpcChannel CreateChannel() =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });
}
