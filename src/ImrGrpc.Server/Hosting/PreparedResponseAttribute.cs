namespace ImrGrpc.Server.Hosting;

/// <summary>
/// Marks a service method that answers the named unary RPC with a response it encodes itself
/// (<see cref="Contract.Mapping.IPreparedMessage"/>). The host binds the RPC to this method instead of the generated
/// override; both must give the same bytes (ResponseWriterTests, ResponseBytesTests).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PreparedResponseAttribute(string rpc) : Attribute
{
    public string Rpc { get; } = rpc;
}
