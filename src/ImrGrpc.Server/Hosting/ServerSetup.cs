using Grpc.AspNetCore.Server.Model;
using ImrGrpc.Server.Errors;
using ImrGrpc.Server.Observability;
using ImrGrpc.Server.Services;
using ImrGrpc.Server.Snapshots;
using ImrGrpc.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Console;

namespace ImrGrpc.Server.Hosting;

/// <summary>The host's wiring, kept out of Program.cs.</summary>
public static partial class ServerSetup
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>The largest request accepted: a case with 100 items and long histories stays far below it.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    public static WebApplicationBuilder AddImrServer(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        ConfigureKestrel(builder);
        ConfigureLogging(builder);

        var services = builder.Services;
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.Configure<BundleOptions>(configuration.GetSection(BundleOptions.Section));
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GuidelineSnapshots>();
        services.AddSingleton<CallDeadlines>();
        services.AddBundleSource();
        services.AddSingleton<SnapshotLoader>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.Configure<CallLogOptions>(configuration.GetSection(CallLogOptions.Section));
        services.AddSingleton<CaseIdProtector>();
        services.AddHostedService<GuidelineReloadService>();
        services.Configure<ServerOptions>(configuration.GetSection(ServerOptions.Section));
        services.AddSingleton<InFlightCalls>();
        services.AddHostedService<GracefulShutdown>();
        builder.AddImrTelemetry();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(ShutdownGrace(configuration)) + GracefulShutdown.CutMargin);

        services.AddGrpc(options =>
        {
            options.Interceptors.Add<CallInterceptor>();
            options.MaxReceiveMessageSize = MaxMessageBytes;
            options.EnableDetailedErrors = false;
            options.CompressionProviders.Add(new ValidatingGzipProvider());
        });
        if (Security(configuration).Reflection)
        {
            services.AddGrpcReflection();
        }
        services.AddGrpcHealthChecks(options =>
            {
                // "" (the whole server) answers SERVING while a library is loaded; "store" reports the store itself.
                options.Services.Map("", r => r.Tags.Contains("serving"));
                options.Services.Map("store", r => r.Tags.Contains("store"));
                options.Services.Map("imr.v1.GuidelineDecisionService", r => r.Tags.Contains("serving"));
            })
            .AddCheck<ServingHealthCheck>("guidelines", tags: ["serving"])
            .AddCheck<StoreHealthCheck>("store", tags: ["store"]);

        // Bind every service through the validating provider instead of grpc-dotnet's own binder, so an unparsable
        // request body is INVALID_ARGUMENT rather than UNKNOWN.
        var binder = services.SingleOrDefault(d => d.ServiceType == typeof(IServiceMethodProvider<>) && d.ImplementationType?.Name == "BinderServiceMethodProvider`1")
            ?? throw new InvalidOperationException("grpc-dotnet's service binder was not found; the request validation cannot be installed");
        services.Remove(binder);
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(ValidatingServiceMethodProvider<>));
        return builder;
    }

    /// <summary>The shutdown grace in seconds; a bad value is reported by <see cref="CheckNetworkOrExplain"/>, not thrown here.</summary>
    private static double ShutdownGrace(IConfiguration configuration)
    {
        try
        {
            return Math.Clamp(configuration.GetSection(ServerOptions.Section).Get<ServerOptions>()?.ShutdownTimeoutSeconds ?? 5, 0, 300);
        }
        catch (InvalidOperationException)
        {
            return 5;
        }
    }

    /// <summary>The security settings; a bad value is reported by <see cref="CheckNetworkOrExplain"/>, not thrown here.</summary>
    private static SecurityOptions Security(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        }
        catch (InvalidOperationException)
        {
            return new SecurityOptions();
        }
    }

    /// <summary>
    /// HTTP/2 only on every endpoint (plaintext gRPC clients speak h2c), loopback by default, and limits that keep a
    /// flood of connections or oversized headers from starving the server.
    /// </summary>
    private static void ConfigureKestrel(WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2);
            var limits = kestrel.Limits;
            limits.MaxConcurrentConnections = 4096;
            limits.MaxConcurrentUpgradedConnections = 0;
            limits.MaxRequestHeadersTotalSize = 32 * 1024;
            limits.MaxRequestHeaderCount = 100;
            limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
            limits.Http2.MaxStreamsPerConnection = 128;
            limits.Http2.MaxRequestHeaderFieldSize = 8 * 1024;
            limits.Http2.HeaderTableSize = 4096;
            limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(30);
            limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
        });
        if (NetworkMode.ConfiguredUrls(builder.Configuration).Count == 0)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
    }

    /// <summary>One line per entry: plain text by default, JSON with Logging:Console:FormatterName=json.</summary>
    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        var json = string.Equals(builder.Configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase);
        builder.Logging.ClearProviders();
        if (json)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.IncludeScopes = false;
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
                o.IncludeScopes = false;
            });
        }
        // grpc-dotnet logs each error status with its detail at Information; details can quote what a caller sent
        // (an unknown code, a malformed date), so that line never reaches the log, whatever the configured levels.
        builder.Logging.AddFilter("Grpc.AspNetCore.Server.ServerCallHandler", LogLevel.Warning);
        StartupGate.Install(builder);
        // A burst of calls must not stall on a slow terminal: past the queue, lines are dropped, not waited for.
        builder.Services.Configure<ConsoleLoggerOptions>(o =>
        {
            o.QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite;
            o.MaxQueueLength = 10_000;
        });
    }

    public static WebApplication MapImrServer(this WebApplication app)
    {
        app.UseMiddleware<CallLogMiddleware>();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapGrpcService<GuidelineDecisionService>();
        app.MapGrpcHealthChecksService();
        if (Security(app.Configuration).Reflection)
        {
            app.MapGrpcReflectionService();
        }
        return app;
    }

    /// <summary>
    /// Refuses to start (one line, the caller exits non-zero) when the configured addresses would expose the service
    /// beyond loopback without TLS and API keys; otherwise returns the mode to report.
    /// </summary>
    public static NetworkMode? CheckNetworkOrExplain(this WebApplicationBuilder builder)
    {
        if (StartupFailures.CheckSettings(builder.Configuration) is { } bad)
        {
            Console.Error.WriteLine($"imrgrpc-server: bad setting: {bad}");
            return null;
        }
        string? refusal;
        NetworkMode? mode;
        try
        {
            (mode, refusal) = NetworkMode.Check(builder.Configuration, Security(builder.Configuration), DefaultUrl);
        }
        catch (IOException e)
        {
            (mode, refusal) = (null, $"cannot read Security:ApiKeysFile: {e.Message}");
        }
        if (refusal is null && builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() is { Enabled: true } metrics)
        {
            // The metrics listener is held to the same rules as the gRPC one: what it serves is no one else's business either.
            var (_, metricsRefusal) = NetworkMode.Check(metrics.UrlList, builder.Configuration, Security(builder.Configuration));
            if (metricsRefusal is not null)
            {
                (mode, refusal) = (null, $"Metrics:Urls: {metricsRefusal}");
            }
        }
        if (refusal is not null)
        {
            Console.Error.WriteLine($"imrgrpc-server: refusing to start: {refusal}");
        }
        return mode;
    }

    /// <summary>
    /// Loads the guideline library before the server listens. When the store cannot be read, says why in one line and
    /// returns false (the caller exits non-zero); the file is left as it was.
    /// </summary>
    public static bool LoadGuidelinesOrExplain(this WebApplication app, NetworkMode mode)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ImrGrpc.Server");
        LogNetworkMode(logger, mode.Describe(), app.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>()?.Reflection ?? true);
        var loader = app.Services.GetRequiredService<SnapshotLoader>();
        try
        {
            // Before the host starts, so there is no synchronization context to deadlock on.
            loader.LoadInitialAsync(CancellationToken.None).GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is StoreException or BundleSourceException or ImrGrpc.Storage.Bundles.BundleFormatException)
        {
            Console.Error.WriteLine($"imrgrpc-server: {GuidelineStore.OneLine(e is StoreException ? e.Message : $"cannot serve the published versions in {loader.Source.Description}: {e.Message}")}");
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Network mode: {Mode}; reflection {Reflection}")]
    private static partial void LogNetworkMode(ILogger logger, string mode, bool reflection);
}

/// <summary>SERVING once a guideline library is loaded; the library keeps serving even if the store later fails.</summary>
internal sealed class ServingHealthCheck(GuidelineSnapshots snapshots) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(snapshots.Loaded
            ? HealthCheckResult.Healthy($"{snapshots.Current.Count} versions, revision {snapshots.Current.Revision}")
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
