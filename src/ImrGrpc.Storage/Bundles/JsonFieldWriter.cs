using System.Text.Json.Nodes;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Storage.Bundles;

/// <summary>Writes fields, leaving out what is absent or default so that new columns do not change old hashes.</summary>
internal static class JsonFieldWriter
{
    public static void Put(this JsonObject obj, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            obj[key] = value;
        }
    }

    public static void Put(this JsonObject obj, string key, int? value)
    {
        if (value is { } v)
        {
            obj[key] = v;
        }
    }

    public static void Put(this JsonObject obj, string key, bool value)
    {
        if (value)
        {
            obj[key] = true;
        }
    }

    public static void Put(this JsonObject obj, string key, DateOnly? value)
    {
        if (value is { } v)
        {
            obj[key] = IsoDate.Write(v);
        }
    }

    public static void Put(this JsonObject obj, string key, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            obj[key] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }
    }
}
