using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ImrGrpc.Server.Observability;

/// <summary>Metrics and tracing wiring, kept out of Program.cs and ServerSetup.</summary>
public static class TelemetrySetup
{
    public const string ServiceName = "imrgrpc-server";

    /// <summary>
    /// Always registers the service's instruments (they record nothing while nobody listens). With Metrics:Urls set,
    /// an OpenTelemetry MeterProvider collects them with ASP.NET Core's and the runtime's and the metrics listener
    /// serves them to Prometheus; with Tracing:OtlpEndpoint set, each call's span goes to that collector. Neither set:
    /// no OpenTelemetry at all.
    /// </summary>
    public static WebApplicationBuilder AddImrTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<MetricsOptions>(configuration.GetSection(MetricsOptions.Section));
        services.Configure<TracingOptions>(configuration.GetSection(TracingOptions.Section));
        services.AddSingleton<ServerMetrics>();

        // A bad value is reported by StartupFailures.CheckSettings before anything starts; here it only means "off".
        var metrics = Bind<MetricsOptions>(configuration, MetricsOptions.Section);
        var tracing = Bind<TracingOptions>(configuration, TracingOptions.Section);
        var tracingUsable = tracing.Enabled && tracing.Problem() is null;
        if (!metrics.Enabled && !tracingUsable)
        {
            return builder;
        }
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName,
            serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()));
        if (metrics.Enabled)
        {
            telemetry.WithMetrics(meters => meters
                .AddMeter(ServerMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
            services.AddSingleton<MetricsListener>();
            services.AddHostedService(provider => provider.GetRequiredService<MetricsListener>());
        }
        if (tracingUsable)
        {
            telemetry.WithTracing(traces => traces
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(otlp =>
                {
                    otlp.Endpoint = tracing.Endpoint;
                    otlp.Protocol = tracing.Protocol;
                }));
        }
        return builder;
    }

    private static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException)
        {
            return new T();
        }
    }
}
