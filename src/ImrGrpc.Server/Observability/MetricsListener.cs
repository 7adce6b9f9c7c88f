using ImrGrpc.Server.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ImrGrpc.Server.Observability;

/// <summary>
/// The Prometheus scrape endpoint on its own plain HTTP/1.1 listener (Metrics:Urls): a second, minimal Kestrel host
/// that serves <see cref="MetricsOptions.Path"/> and nothing else, reading the server's one MeterProvider. Kept apart
/// from the gRPC host because Kestrel cannot add a listener beside --urls without overriding them, and so that the
/// gRPC port never serves /metrics and the metrics port never speaks gRPC (HTTP/2). API keys, when configured, are
/// required here as on every gRPC call but the health check.
/// </summary>
public sealed partial class MetricsListener(
    IOptions<MetricsOptions> options, IServiceProvider services, ApiKeyAuthenticator keys, IConfiguration configuration, ILogger<MetricsListener> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The addresses it listens on once started (a port 0 resolved to the one the OS gave).</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = options.Value.UrlList;
        if (urls.Count == 0)
        {
            return;
        }
        // No defaults: no configuration files, environment or ASPNETCORE_URLS of its own, so it binds only what it is given.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Limits.MaxConcurrentConnections = 64;
            kestrel.Limits.MaxRequestBodySize = 0;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            // An https metrics address uses the server's own certificate (Kestrel:Certificates:Default), nothing else of its Kestrel settings.
            kestrel.Configure(CertificatesOnly(configuration), reloadOnChange: false);
        });
        builder.WebHost.UseUrls([.. urls]);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (keys.Refusal(MetricsOptions.Path, context.Request.Headers) is null)
            {
                return next(context);
            }
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });
        app.MapPrometheusScrapingEndpoint(MetricsOptions.Path, services.GetRequiredService<MeterProvider>(), null, null);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            // Names the listener, so "cannot listen" says which of the two could not bind.
            throw new IOException($"Failed to bind the metrics listener (Metrics:Urls={options.Value.Urls}): {e.Message}", e);
        }
        _app = app;
        Addresses = [.. app.Urls];
        foreach (var address in Addresses)
        {
            LogListening(logger, address.TrimEnd('/') + MetricsOptions.Path);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Metrics for Prometheus on {Url}")]
    private static partial void LogListening(ILogger logger, string url);

    private static IConfigurationSection CertificatesOnly(IConfiguration configuration)
    {
        var certificates = configuration.GetSection("Kestrel:Certificates").AsEnumerable()
            .Where(pair => pair.Value is not null);
        return new ConfigurationBuilder().AddInMemoryCollection(certificates).Build().GetSection("Kestrel");
    }
}
