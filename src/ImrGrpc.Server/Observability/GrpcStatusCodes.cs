using Microsoft.Extensions.Primitives;

namespace ImrGrpc.Server.Observability;

/// <summary>The gRPC status of a finished call as its headers or trailers carry it, read without allocating.</summary>
public static class GrpcStatusCodes
{
    /// <summary>The highest status code gRPC defines (UNAUTHENTICATED).</summary>
    public const int Max = 16;

    private static readonly string[] Names =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
        "UNAUTHENTICATED",
    ];

    /// <summary>The code in a grpc-status value, or -1 when there is none or it is not one of gRPC's.</summary>
    public static int Parse(StringValues value)
    {
        if (value.Count != 1 || value[0] is not { Length: > 0 and <= 2 } text)
        {
            return -1;
        }
        var code = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return -1;
            }
            code = code * 10 + (c - '0');
        }
        return code <= Max ? code : -1;
    }

    public static string Name(int code) => code is >= 0 and <= Max ? Names[code] : code.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
