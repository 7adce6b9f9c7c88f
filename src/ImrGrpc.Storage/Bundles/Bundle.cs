using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Storage.Bundles;

/// <summary>One version in a bundle: its window (for seeding and review) and its content.</summary>
public sealed record BundleVersion(
    string Id,
    string Label,
    DateOnly? EffectiveFrom,
    DateOnly? EffectiveTo,
    string? ParentId,
    Catalog Catalog,
    IReadOnlyList<RuleRow> Rules)
{
    public string ContentHash => GuidelineContent.Hash(Catalog, Rules);
}

/// <summary>
/// A guideline bundle: the canonical JSON form versions are exported to (for review in git and for replicas),
/// imported from, and seeded from.
/// </summary>
public sealed record Bundle(IReadOnlyList<BundleVersion> Versions)
{
    public const string Format = "imrgrpc.guideline-bundle";
    public const int FormatVersion = 1;

    public static Bundle Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new BundleFormatException($"bundle is not valid JSON: {e.Message}");
        }
        if (root is not JsonObject obj)
        {
            throw new BundleFormatException("bundle must be a JSON object");
        }
        var f = new JsonFieldReader(obj, "bundle");
        if (f.RequiredString("format") != Format)
        {
            throw new BundleFormatException($"bundle.format must be '{Format}'");
        }
        if (f.OptionalInt("format_version") != FormatVersion)
        {
            throw new BundleFormatException($"bundle.format_version must be {FormatVersion}");
        }
        f.OptionalString("about");
        var versions = f.Array("versions");
        var list = new List<BundleVersion>(versions.Count);
        for (var i = 0; i < versions.Count; i++)
        {
            var path = $"versions[{i}]";
            var v = new JsonFieldReader(versions[i] as JsonObject ?? throw new BundleFormatException($"{path} must be an object"), path);
            var id = v.RequiredString("id");
            var label = v.OptionalString("label") ?? "";
            var from = v.OptionalDate("effective_from");
            var to = v.OptionalDate("effective_to");
            var parent = v.OptionalString("parent_id");
            v.OptionalString("content_hash");
            v.OptionalString("status");
            var content = new JsonFieldReader(v.Object("content"), $"{path}.content");
            var catalog = CatalogJson.FromJson(content.Object("catalog"), $"{path}.content.catalog");
            var rulesArray = content.Array("rules");
            var rules = new RuleRow[rulesArray.Count];
            for (var r = 0; r < rules.Length; r++)
            {
                var rulePath = $"{path}.content.rules[{r}]";
                rules[r] = RuleJson.FromJson(rulesArray[r] as JsonObject ?? throw new BundleFormatException($"{rulePath} must be an object"), rulePath);
            }
            content.EnsureNoUnknownFields();
            v.EnsureNoUnknownFields();
            list.Add(new BundleVersion(id, label, from, to, parent, catalog, rules));
        }
        f.EnsureNoUnknownFields();
        return new Bundle(list);
    }

    /// <summary>The bundle as canonical JSON, indented for review; each version carries its content hash.</summary>
    public string ToJson()
    {
        var versions = new JsonArray();
        foreach (var v in Versions)
        {
            var obj = new JsonObject
            {
                ["id"] = v.Id,
                ["content_hash"] = v.ContentHash,
                ["content"] = GuidelineContent.ToJson(v.Catalog, v.Rules),
            };
            obj.Put("label", v.Label);
            obj.Put("effective_from", v.EffectiveFrom);
            obj.Put("effective_to", v.EffectiveTo);
            obj.Put("parent_id", v.ParentId);
            versions.Add(obj);
        }
        var root = new JsonObject { ["format"] = Format, ["format_version"] = FormatVersion, ["versions"] = versions };
        return CanonicalJson.Write(root, indented: true) + "\n";
    }
}

/// <summary>A version's content (catalog and rules) and its hash.</summary>
public static class GuidelineContent
{
    /// <summary>Rules are sorted by id: the content does not depend on the order rows were added in.</summary>
    public static JsonObject ToJson(Catalog catalog, IReadOnlyList<RuleRow> rules) => new()
    {
        ["catalog"] = CatalogJson.ToJson(catalog),
        ["rules"] = new JsonArray(rules.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => (JsonNode?)RuleJson.ToJson(r)).ToArray()),
    };

    /// <summary>sha-256 (hex) of the canonical JSON of the content.</summary>
    public static string Hash(Catalog catalog, IReadOnlyList<RuleRow> rules) => Convert.ToHexStringLower(SHA256.HashData(ToBytes(catalog, rules)));

    /// <summary>
    /// The canonical JSON of the content as UTF-8: exactly what <see cref="Hash"/> hashes, so a published content file
    /// holding these bytes is verified by hashing the file and comparing with its name.
    /// </summary>
    public static byte[] ToBytes(Catalog catalog, IReadOnlyList<RuleRow> rules) => Encoding.UTF8.GetBytes(CanonicalJson.Write(ToJson(catalog, rules)));

    /// <summary>Reads content bytes (as <see cref="ToBytes"/> writes them) strictly; errors name the field.</summary>
    public static (Catalog Catalog, IReadOnlyList<RuleRow> Rules) Parse(ReadOnlySpan<byte> bytes, string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new BundleFormatException($"{path} is not valid JSON: {e.Message}");
        }
        var content = new JsonFieldReader(root as JsonObject ?? throw new BundleFormatException($"{path} must be a JSON object"), path);
        var catalog = CatalogJson.FromJson(content.Object("catalog"), $"{path}.catalog");
        var rulesArray = content.Array("rules");
        var rules = new RuleRow[rulesArray.Count];
        for (var r = 0; r < rules.Length; r++)
        {
            var rulePath = $"{path}.rules[{r}]";
            rules[r] = RuleJson.FromJson(rulesArray[r] as JsonObject ?? throw new BundleFormatException($"{rulePath} must be an object"), rulePath);
        }
        content.EnsureNoUnknownFields();
        return (catalog, rules);
    }
}
