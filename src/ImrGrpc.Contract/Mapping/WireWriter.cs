using System.Text;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// Protocol buffer wire encoding into a span sized beforehand: the few primitives the response writers need, each
/// written exactly as Google.Protobuf writes it (varints, length-delimited UTF-8, one-byte tags for fields 1-15).
/// </summary>
internal ref struct WireWriter(Span<byte> buffer)
{
    private readonly Span<byte> _buffer = buffer;
    private int _position;

    public readonly int Position => _position;

    /// <summary>The key of a field below 16: its number and wire type in one byte.</summary>
    public static byte Tag(int field, int wireType) => (byte)((field << 3) | wireType);

    public void Raw(byte value) => _buffer[_position++] = value;

    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    public void Varint(uint value)
    {
        while (value >= 0x80)
        {
            _buffer[_position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_position++] = (byte)value;
    }

    /// <summary>An int32 as protobuf writes it: negative values sign-extended to ten bytes.</summary>
    public void Int32(int value)
    {
        if (value >= 0)
        {
            Varint((uint)value);
            return;
        }
        var v = (ulong)(long)value;
        while (v >= 0x80)
        {
            _buffer[_position++] = (byte)(v | 0x80);
            v >>= 7;
        }
        _buffer[_position++] = (byte)v;
    }

    /// <summary>A string field whose UTF-8 length is already known (see <see cref="StringFieldSize"/>).</summary>
    public void String(byte tag, string value, int utf8Length)
    {
        Raw(tag);
        Varint((uint)utf8Length);
        _position += Encoding.UTF8.GetBytes(value, _buffer[_position..]);
    }

    /// <summary>A string field, left out when empty as proto3 leaves it (see <see cref="OptionalSize"/>).</summary>
    public void OptionalString(byte tag, string value, int utf8Length)
    {
        if (utf8Length > 0)
        {
            String(tag, value, utf8Length);
        }
    }

    /// <summary>A string field from characters, left out when empty.</summary>
    public void OptionalChars(byte tag, ReadOnlySpan<char> value, int utf8Length)
    {
        if (utf8Length > 0)
        {
            Chars(tag, value, utf8Length);
        }
    }

    /// <summary>A string field from characters whose UTF-8 length is already known.</summary>
    public void Chars(byte tag, ReadOnlySpan<char> value, int utf8Length)
    {
        Raw(tag);
        Varint((uint)utf8Length);
        _position += Encoding.UTF8.GetBytes(value, _buffer[_position..]);
    }

    /// <summary>A length-delimited field of bytes already encoded.</summary>
    public void Bytes(byte tag, ReadOnlySpan<byte> bytes)
    {
        Raw(tag);
        Varint((uint)bytes.Length);
        Raw(bytes);
    }

    public static int VarintSize(uint value) => value switch
    {
        < 1u << 7 => 1,
        < 1u << 14 => 2,
        < 1u << 21 => 3,
        < 1u << 28 => 4,
        _ => 5,
    };

    public static int Int32Size(int value) => value >= 0 ? VarintSize((uint)value) : 10;

    /// <summary>The size of a string or bytes field of this length: nothing when empty (proto3 leaves it out).</summary>
    public static int OptionalSize(int length) => length > 0 ? LengthDelimitedSize(length) : 0;

    /// <summary>A one-byte tag, the length and the bytes.</summary>
    public static int LengthDelimitedSize(int length) => 1 + VarintSize((uint)length) + length;

    /// <summary>A one-byte tag and a message or bytes field already encoded, with its length.</summary>
    public static byte[] Field(byte tag, ReadOnlySpan<byte> content)
    {
        var bytes = new byte[LengthDelimitedSize(content.Length)];
        var writer = new WireWriter(bytes);
        writer.Bytes(tag, content);
        return bytes;
    }
}
