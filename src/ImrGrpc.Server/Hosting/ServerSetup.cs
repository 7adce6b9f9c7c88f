using ImrGrpc.Server.Errors;
using ImrGrpc.Server.Services;
using ImrGrpc.Server.Snapshots;
using ImrGrpc.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ImrGrpc.Server.Hosting;

/// <summary>The host's wiring, kept out of Program.cs.</summary>
public static class ServerSetup
{
    public const string DefaultUrl = "http://127.0.0.1:5000";
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddImrServer(this WebApplicationBuilder builder)
    {
        // Plaintext gRPC clients (grpcurl -plaintext, buf curl --http2-prior-knowledge) speak h2c: every endpoint,
        // including those given with --urls, is HTTP/2 only.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });

        var services = builder.Services;
        services.Configure<StorageOptions>(builder.Configuration.GetSection(StorageOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GuidelineSnapshots>();
        services.AddSingleton<SnapshotLoader>();
        services.AddHostedService<GuidelineReloadService>();

        services.AddGrpc(options =>
        {
            options.Interceptors.Add<ErrorInterceptor>();
            options.MaxReceiveMessageSize = MaxMessageBytes;
            options.EnableDetailedErrors = false;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks(options =>
            {
                // "" (the whole server) answers SERVING while a library is loaded; "store" reports the store itself.
                options.Services.Map("", r => r.Tags.Contains("serving"));
                options.Services.Map("store", r => r.Tags.Contains("store"));
                options.Services.Map("imr.v1.GuidelineDecisionService", r => r.Tags.Contains("serving"));
            })
            .AddCheck<ServingHealthCheck>("guidelines", tags: ["serving"])
            .AddCheck<StoreHealthCheck>("store", tags: ["store"]);
        return builder;
    }

    public static WebApplication MapImrServer(this WebApplication app)
    {
        app.MapGrpcService<GuidelineDecisionService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    /// <summary>
    /// Loads the guideline library before the server listens. When the store cannot be read, says why in one line and
    /// returns false (the caller exits non-zero); the file is left as it was.
    /// </summary>
    public static bool LoadGuidelinesOrExplain(this WebApplication app)
    {
        var loader = app.Services.GetRequiredService<SnapshotLoader>();
        try
        {
            loader.LoadInitial();
            return true;
        }
        catch (StoreException e)
        {
            Console.Error.WriteLine($"imrgrpc-server: {e.Message}");
            return false;
        }
    }
}

/// <summary>SERVING once a guideline library is loaded; the library keeps serving even if the store later fails.</summary>
internal sealed class ServingHealthCheck(GuidelineSnapshots snapshots) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(snapshots.Loaded
            ? HealthCheckResult.Healthy($"{snapshots.Current.Versions.Count} versions, revision {snapshots.Current.Revision}")
            : HealthCheckResult.Unhealthy("guideline library not loaded"));
}

/// <summary>Whether the last read of the store worked. Reads a flag the reloader keeps, never the file itself.</summary>
internal sealed class StoreHealthCheck(GuidelineSnapshots snapshots) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = snapshots.StoreHealth;
        return Task.FromResult(health.Healthy ? HealthCheckResult.Healthy(health.Description) : HealthCheckResult.Unhealthy(health.Description));
    }
}
