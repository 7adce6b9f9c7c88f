using System.Globalization;
using System.Text.Json.Nodes;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Storage.Bundles;

/// <summary>
/// Reads the fields of one JSON object strictly: every value is type-checked, and a key the reader never asked
/// for is an error (a misspelt column must not be silently ignored).
/// </summary>
internal sealed class JsonFieldReader(JsonObject obj, string path)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public string Path => path;

    public string RequiredString(string key) =>
        OptionalString(key) is { Length: > 0 } value ? value : throw Error(key, "is required");

    public string? OptionalString(string key)
    {
        var node = Take(key);
        if (node is null)
        {
            return null;
        }
        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Error(key, "must be a string");
    }

    public int? OptionalInt(string key)
    {
        var node = Take(key);
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue v)
        {
            if (v.TryGetValue<int>(out var i))
            {
                return i;
            }
            if (v.TryGetValue<long>(out var l) && l is >= int.MinValue and <= int.MaxValue)
            {
                return (int)l;
            }
            if (v.TryGetValue<double>(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
            {
                return (int)d;
            }
        }
        throw Error(key, "must be a whole number");
    }

    public long? OptionalLong(string key)
    {
        var node = Take(key);
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue v && v.TryGetValue<long>(out var l))
        {
            return l;
        }
        throw Error(key, "must be a whole number");
    }

    public DateTime? OptionalTimestamp(string key)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return null;
        }
        return DateTime.TryParseExact(text, "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw Error(key, $"must be a UTC time YYYY-MM-DDTHH:MM:SS.fffZ, got '{text}'");
    }

    public bool Bool(string key)
    {
        var node = Take(key);
        if (node is null)
        {
            return false;
        }
        return node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw Error(key, "must be true or false");
    }

    public DateOnly? OptionalDate(string key)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return null;
        }
        return IsoDate.TryParse(text, out var date) ? date : throw Error(key, $"must be a date YYYY-MM-DD, got '{text}'");
    }

    public IReadOnlyList<string> Strings(string key)
    {
        var node = Take(key);
        if (node is null)
        {
            return [];
        }
        if (node is not JsonArray array)
        {
            throw Error(key, "must be a list of strings");
        }
        var list = new string[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            list[i] = array[i] is JsonValue v && v.TryGetValue<string>(out var s)
                ? s
                : throw Error($"{key}[{i}]", "must be a string");
        }
        return list;
    }

    /// <summary>One of a choice column's names; <paramref name="absent"/> when the key is missing.</summary>
    public string Choice(string key, IReadOnlyList<string> names, string absent)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return absent;
        }
        return names.Contains(text, StringComparer.Ordinal)
            ? text
            : throw Error(key, $"must be one of {string.Join(", ", names)}; got '{text}'");
    }

    public JsonArray Array(string key)
    {
        var node = Take(key);
        return node switch
        {
            null => [],
            JsonArray array => array,
            _ => throw Error(key, "must be a list"),
        };
    }

    public JsonObject Object(string key) =>
        Take(key) as JsonObject ?? throw Error(key, "must be an object");

    /// <summary>Fails on the first key that was never read.</summary>
    public void EnsureNoUnknownFields()
    {
        foreach (var (key, _) in obj)
        {
            if (!_read.Contains(key))
            {
                throw new BundleFormatException($"{path}: unknown field '{key}'");
            }
        }
    }

    private JsonNode? Take(string key)
    {
        _read.Add(key);
        return obj[key];
    }

    private BundleFormatException Error(string key, string problem) => new($"{path}.{key} {problem}");
}
