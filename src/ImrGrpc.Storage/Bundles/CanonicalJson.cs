using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ImrGrpc.Storage.Bundles;

/// <summary>
/// The canonical JSON form the content hash is taken over: object keys sorted by code point, no insignificant
/// white space, integers only, strings escaped minimally (quote, backslash and control characters, as in
/// RFC 8785). The same content gives the same bytes on any machine.
/// </summary>
public static class CanonicalJson
{
    public static string Write(JsonNode? node, bool indented = false)
    {
        var builder = new StringBuilder();
        Append(builder, node, indented, 0);
        return builder.ToString();
    }

    private static void Append(StringBuilder b, JsonNode? node, bool indented, int depth)
    {
        switch (node)
        {
            case null:
                b.Append("null");
                break;
            case JsonObject obj:
            {
                var keys = obj.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
                if (keys.Count == 0)
                {
                    b.Append("{}");
                    break;
                }
                b.Append('{');
                for (var i = 0; i < keys.Count; i++)
                {
                    if (i > 0)
                    {
                        b.Append(',');
                    }
                    NewLine(b, indented, depth + 1);
                    AppendString(b, keys[i]);
                    b.Append(indented ? ": " : ":");
                    Append(b, obj[keys[i]], indented, depth + 1);
                }
                NewLine(b, indented, depth);
                b.Append('}');
                break;
            }
            case JsonArray array:
            {
                if (array.Count == 0)
                {
                    b.Append("[]");
                    break;
                }
                var scalars = array.All(n => n is JsonValue);
                b.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        b.Append(scalars && indented ? ", " : ",");
                    }
                    if (!scalars)
                    {
                        NewLine(b, indented, depth + 1);
                    }
                    Append(b, array[i], indented, depth + 1);
                }
                if (!scalars)
                {
                    NewLine(b, indented, depth);
                }
                b.Append(']');
                break;
            }
            case JsonValue value:
                AppendValue(b, value);
                break;
        }
    }

    private static void AppendValue(StringBuilder b, JsonValue value)
    {
        if (value.TryGetValue<string>(out var s))
        {
            AppendString(b, s);
        }
        else if (value.TryGetValue<bool>(out var flag))
        {
            b.Append(flag ? "true" : "false");
        }
        else if (value.TryGetValue<long>(out var l))
        {
            b.Append(l.ToString(CultureInfo.InvariantCulture));
        }
        else if (value.TryGetValue<int>(out var i))
        {
            b.Append(i.ToString(CultureInfo.InvariantCulture));
        }
        else if (value.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < 1e15)
        {
            b.Append(((long)d).ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            throw new FormatException($"Canonical JSON holds integers only; got {value.ToJsonString()}.");
        }
    }

    private static void AppendString(StringBuilder b, string s)
    {
        b.Append('"');
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\b': b.Append("\\b"); break;
                case '\f': b.Append("\\f"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (ch < 0x20)
                    {
                        b.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        b.Append(ch);
                    }
                    break;
            }
        }
        b.Append('"');
    }

    private static void NewLine(StringBuilder b, bool indented, int depth)
    {
        if (indented)
        {
            b.Append('\n').Append(' ', depth);
        }
    }
}
