using OpenTelemetry.Exporter;

namespace ImrGrpc.Server.Observability;

/// <summary>Trace export ("Tracing" section): nothing is traced or sent unless an OTLP endpoint is given.</summary>
public sealed class TracingOptions
{
    public const string Section = "Tracing";

    /// <summary>The OTLP collector, e.g. http://otel-collector:4317 (gRPC) or http://otel-collector:4318/v1/traces (HTTP).</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>"grpc" (the default) or "http/protobuf".</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    public bool Enabled => OtlpEndpoint.Length > 0;

    public Uri Endpoint => new(OtlpEndpoint, UriKind.Absolute);

    public OtlpExportProtocol Protocol => OtlpProtocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;

    public string? Problem()
    {
        if (!Enabled)
        {
            return null;
        }
        if (!Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"Tracing:OtlpEndpoint '{OtlpEndpoint}' is not an http:// or https:// URL";
        }
        return OtlpProtocol is "grpc" or "http/protobuf" ? null : $"Tracing:OtlpProtocol must be 'grpc' or 'http/protobuf', not '{OtlpProtocol}'";
    }
}
