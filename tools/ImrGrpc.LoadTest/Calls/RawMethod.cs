using Google.Protobuf.Reflection;
using Grpc.Core;

namespace ImrGrpc.LoadTest.Calls;

/// <summary>
/// A unary method whose request goes out as bytes serialized once, up front, and whose response is received in full
/// but never parsed: the tool pays neither serialization nor response allocations per call, so what it measures is
/// the server and the transport.
/// </summary>
internal static class RawMethod
{
    private static readonly Marshaller<byte[]> RequestBytes = new(
        static (payload, context) => context.Complete(payload),
        static _ => throw new NotSupportedException("the load tool never receives requests"));

    private static readonly Marshaller<DiscardedResponse> Discard = new(
        static (_, _) => throw new NotSupportedException("the load tool never sends responses"),
        static _ => DiscardedResponse.Instance);

    public static Method<byte[], DiscardedResponse> For(MethodDescriptor method) =>
        new(MethodType.Unary, method.Service.FullName, method.Name, RequestBytes, Discard);
}

/// <summary>Stands in for every response: only the call's status matters to a load run.</summary>
internal sealed class DiscardedResponse
{
    public static readonly DiscardedResponse Instance = new();

    private DiscardedResponse()
    {
    }
}
