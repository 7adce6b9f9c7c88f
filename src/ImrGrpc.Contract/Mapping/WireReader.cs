using System.Buffers.Binary;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// Reads the protobuf wire format, as far as this contract uses it (the counterpart of <see cref="WireWriter"/>): every
/// method is false on malformed bytes. <see cref="RequestReader"/> reads requests with it and <see cref="WireProblems"/>
/// its varints, when it walks a body the parser refused.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _at;

    public readonly bool More => _at < _bytes.Length;

    public bool Tag(out int field, out int wireType)
    {
        field = 0;
        wireType = 0;
        if (!Varint(out var tag) || tag > uint.MaxValue || tag >> 3 == 0)
        {
            return false;
        }
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        return true;
    }

    /// <summary>An int32 or enum: the low 32 bits of the varint, as Google.Protobuf reads it.</summary>
    public bool Int32(out int value)
    {
        var ok = Varint(out var raw);
        value = unchecked((int)raw);
        return ok;
    }

    public bool Bool(out bool value)
    {
        var ok = Varint(out var raw);
        value = raw != 0;
        return ok;
    }

    public bool Double(out double value)
    {
        value = 0;
        if (_bytes.Length - _at < 8)
        {
            return false;
        }
        value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(_bytes.Slice(_at, 8)));
        _at += 8;
        return true;
    }

    /// <summary>A length-delimited field's bytes.</summary>
    public bool Bytes(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!Varint(out var length) || length > (ulong)(_bytes.Length - _at))
        {
            return false;
        }
        value = _bytes.Slice(_at, (int)length);
        _at += (int)length;
        return true;
    }

    private bool Varint(out ulong value) => TryVarint(_bytes, ref _at, out value);

    /// <summary>A varint at <paramref name="position"/>, moved past it: at most 10 bytes of 7 bits, low bits first.</summary>
    public static bool TryVarint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < data.Length; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }
        return false;
    }
}
