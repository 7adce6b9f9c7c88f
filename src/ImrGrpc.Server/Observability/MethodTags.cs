namespace ImrGrpc.Server.Observability;

/// <summary>
/// The tag sets of one gRPC method, built once: the request path records from these arrays and never builds a tag,
/// a string or a boxed status code per call.
/// </summary>
public sealed class MethodTags
{
    public MethodTags(string service, string method)
    {
        Method = [new(ServerMetrics.ServiceTag, service), new(ServerMetrics.MethodTag, method)];
        ByStatus = new KeyValuePair<string, object?>[GrpcStatusCodes.Max + 1][];
        for (var code = 0; code <= GrpcStatusCodes.Max; code++)
        {
            ByStatus[code] = [Method[0], Method[1], new(ServerMetrics.StatusTag, code)];
        }
    }

    /// <summary>Service and method.</summary>
    public KeyValuePair<string, object?>[] Method { get; }

    /// <summary>Service, method and status, indexed by the gRPC status code.</summary>
    public KeyValuePair<string, object?>[][] ByStatus { get; }
}
