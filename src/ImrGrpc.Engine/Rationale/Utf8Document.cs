using System.Buffers;
using System.Text;

namespace ImrGrpc.Engine.Rationale;

/// <summary>
/// The letter as UTF-8, in an array rented from the shared pool, for ExplainRationale as the server answers it. The
/// transport wants bytes: as a string the letter was held twice over (UTF-16, then encoded), and that string was a
/// quarter of what a seed call allocated (docs/PERFORMANCE.md, sixth pass). One writer owns it: <see cref="Release"/>
/// gives the array back to the pool, after which <see cref="Bytes"/> throws rather than read an array someone else
/// may already be filling. A document never released is left to the garbage collector, as any array would be.
/// </summary>
public sealed class Utf8Document
{
    private byte[]? _buffer;

    private Utf8Document(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    /// <summary>The number of UTF-8 bytes.</summary>
    public int Length { get; }

    /// <summary>The encoded letter, until it is released.</summary>
    public ReadOnlySpan<byte> Bytes =>
        _buffer is { } buffer
            ? buffer.AsSpan(0, Length)
            : throw new ObjectDisposedException(nameof(Utf8Document), "the document was released after it was written");

    /// <summary>Gives the array back to the pool; the bytes must not be read after this.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A text already made (tests, and the message-tree comparison) encoded the same way.</summary>
    public static Utf8Document From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        return new Utf8Document(buffer, Encoding.UTF8.GetBytes(text, buffer));
    }

    /// <summary>
    /// The builder's text encoded chunk by chunk, with no string made of it. The encoder carries a surrogate pair split
    /// across two chunks, so the bytes are exactly <c>Encoding.UTF8.GetBytes(text.ToString())</c>'s, an unpaired
    /// surrogate included (it becomes U+FFFD in both).
    /// </summary>
    internal static Utf8Document From(StringBuilder text)
    {
        // Sized by counting each chunk on its own: exact but for a pair split between two chunks, counted as two
        // replacement characters (6 bytes for its 4), so never short. GetMaxByteCount (three bytes a character) rented
        // three times what a letter of some hundred items needs, 1 MB instead of 300 KB, from the pool's largest buckets.
        var size = 0;
        foreach (var chunk in text.GetChunks())
        {
            size += Encoding.UTF8.GetByteCount(chunk.Span);
        }
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var encoder = Encoding.UTF8.GetEncoder();
        var written = 0;
        foreach (var chunk in text.GetChunks())
        {
            encoder.Convert(chunk.Span, buffer.AsSpan(written), flush: false, out _, out var bytes, out _);
            written += bytes;
        }
        encoder.Convert([], buffer.AsSpan(written), flush: true, out _, out var last, out _);
        return new Utf8Document(buffer, written + last);
    }
}
