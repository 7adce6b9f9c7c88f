namespace ImrGrpc.Contract.Mapping;

/// <summary>A response already rendered and measured, that encodes itself into the transport's buffer.</summary>
public interface IPreparedMessage
{
    /// <summary>The encoded length of the message.</summary>
    int Size { get; }

    /// <summary>Encodes the message into exactly <see cref="Size"/> bytes at the start of the destination.</summary>
    void WriteTo(Span<byte> destination);
}

public static class PreparedMessages
{
    /// <summary>The message in an array of its own (tests and benchmarks; the server writes into the transport's buffer).</summary>
    public static byte[] ToArray(this IPreparedMessage message)
    {
        var bytes = new byte[message.Size];
        message.WriteTo(bytes);
        return bytes;
    }
}
