using System.Text;
using Google.Protobuf.Reflection;
using ImrGrpc.Engine.Cases;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// Says which field a body that protobuf refused to parse went wrong in. The parser's exception names no field
/// ("String is invalid UTF-8"); walking the bytes again with the message's descriptor finds the deepest field the
/// problem lies in ("items[1].description"), so the caller can fix its encoder instead of guessing.
/// Runs only after a parse failed: a valid body never pays for it.
/// </summary>
public static class WireProblems
{
    private const int MaxDepth = 100;

    /// <summary>The problem, or null when the walk finds none it can name (the caller then blames the whole body).</summary>
    public static FieldProblem? Find(MessageDescriptor descriptor, ReadOnlySpan<byte> body) => Walk(descriptor, body, "", 0);

    private static FieldProblem? Walk(MessageDescriptor descriptor, ReadOnlySpan<byte> data, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            return new(Blame(path), $"messages are nested more than {MaxDepth} deep");
        }
        Dictionary<int, int>? seen = null;
        var position = 0;
        while (position < data.Length)
        {
            var tagStart = position;
            if (!WireReader.TryVarint(data, ref position, out var tag))
            {
                return new(Blame(path), $"a field tag at byte {tagStart} is cut short");
            }
            var number = (int)(tag >> 3);
            var wireType = (int)(tag & 7);
            if (number <= 0 || tag >> 3 > int.MaxValue)
            {
                return new(Blame(path), $"field number {tag >> 3} at byte {tagStart} is not valid");
            }
            var field = descriptor.FindFieldByNumber(number);
            var name = Name(path, field, number, ref seen);
            switch (wireType)
            {
                case 0:
                    if (!WireReader.TryVarint(data, ref position, out _))
                    {
                        return new(name, "its varint value is cut short or longer than 10 bytes");
                    }
                    break;
                case 1 or 5:
                    var width = wireType == 1 ? 8 : 4;
                    if (data.Length - position < width)
                    {
                        return new(name, $"its {width}-byte value is cut short");
                    }
                    position += width;
                    break;
                case 2:
                    var lengthStart = position;
                    if (!WireReader.TryVarint(data, ref position, out var length))
                    {
                        return new(name, "its length is cut short");
                    }
                    if (length > (ulong)(data.Length - position))
                    {
                        return new(name, $"its length {length} (at byte {lengthStart}) runs past the end of the enclosing message ({data.Length - position} bytes left)");
                    }
                    var value = data.Slice(position, (int)length);
                    position += (int)length;
                    if (Check(field, value, name, depth) is { } inner)
                    {
                        return inner;
                    }
                    break;
                default:
                    return new(name, $"wire type {wireType} is not used by this contract (at byte {tagStart})");
            }
        }
        return null;
    }

    /// <summary>The content of a length-delimited field: UTF-8 for strings, a nested message, packed numbers.</summary>
    private static FieldProblem? Check(FieldDescriptor? field, ReadOnlySpan<byte> value, string name, int depth)
    {
        switch (field?.FieldType)
        {
            case FieldType.String:
                return FirstInvalidUtf8(value) is { } offset ? new(name, $"is not valid UTF-8 (byte {offset} of {value.Length})") : null;
            case FieldType.Message:
                return Walk(field.MessageType, value, name, depth + 1);
            case FieldType.Enum or FieldType.Int32 or FieldType.Int64 or FieldType.UInt32 or FieldType.UInt64 or FieldType.SInt32 or FieldType.SInt64 or FieldType.Bool
                when field.IsRepeated:
                var position = 0;
                while (position < value.Length)
                {
                    if (!WireReader.TryVarint(value, ref position, out _))
                    {
                        return new(name, "its packed values are cut short");
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>"items[2].body_regions[0]": a repeated field's index counts its occurrences within this message.</summary>
    private static string Name(string path, FieldDescriptor? field, int number, ref Dictionary<int, int>? seen)
    {
        var name = field?.Name ?? $"<unknown field {number}>";
        var full = path.Length == 0 ? name : $"{path}.{name}";
        if (field is { IsRepeated: true, IsMap: false })
        {
            seen ??= [];
            var index = seen.GetValueOrDefault(number);
            seen[number] = index + 1;
            full += $"[{index}]";
        }
        return full;
    }

    private static string Blame(string path) => path.Length == 0 ? "request" : path;

    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> value)
    {
        if (System.Text.Unicode.Utf8.IsValid(value))
        {
            return null;
        }
        var offset = 0;
        while (offset < value.Length)
        {
            if (Rune.DecodeFromUtf8(value[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }
            offset += consumed;
        }
        return null;
    }
}
