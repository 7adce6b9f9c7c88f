using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage.Bundles;

namespace ImrGrpc.Storage.Publishing;

/// <summary>One published version as the manifest lists it: its window and the hash naming its content file.</summary>
public sealed record ManifestEntry(
    string Id,
    string Label,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    string? ParentId,
    string ContentHash,
    string? PublishedBy,
    DateTime? PublishedAt)
{
    public VersionInfo ToVersionInfo() => new()
    {
        Id = Id,
        Label = Label,
        EffectiveFrom = EffectiveFrom,
        EffectiveTo = EffectiveTo,
        Status = VersionStatus.Published,
        ParentId = ParentId,
        ContentHash = ContentHash,
    };
}

/// <summary>
/// What a server serves: every published version with its window and content hash, and the store's published
/// revision. The only file of the published directory that is ever replaced (by atomic rename); the content files it
/// names are immutable and named by their own sha-256.
/// </summary>
public sealed record PublishedManifest(long Revision, IReadOnlyList<ManifestEntry> Versions)
{
    public const string Format = "imrgrpc.published-manifest";
    public const int FormatVersion = 1;

    /// <summary>The largest manifest a reader accepts: thousands of versions fit; a runaway file does not.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>Canonical JSON (sorted keys, versions by start date then id), one trailing newline.</summary>
    public byte[] ToBytes()
    {
        var versions = new JsonArray();
        foreach (var v in Versions.OrderBy(v => v.EffectiveFrom).ThenBy(v => v.Id, StringComparer.Ordinal))
        {
            var obj = new JsonObject
            {
                ["id"] = v.Id,
                ["content_hash"] = v.ContentHash,
                ["effective_from"] = Iso(v.EffectiveFrom),
            };
            obj.Put("label", v.Label);
            obj.Put("effective_to", v.EffectiveTo);
            obj.Put("parent_id", v.ParentId);
            obj.Put("published_by", v.PublishedBy);
            obj.Put("published_at", v.PublishedAt?.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            versions.Add(obj);
        }
        var root = new JsonObject
        {
            ["format"] = Format,
            ["format_version"] = FormatVersion,
            ["revision"] = Revision,
            ["versions"] = versions,
        };
        return Encoding.UTF8.GetBytes(CanonicalJson.Write(root, indented: true) + "\n");
    }

    /// <summary>Reads a manifest strictly; anything off is a <see cref="BundleFormatException"/> naming the field.</summary>
    public static PublishedManifest Parse(ReadOnlySpan<byte> bytes)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new BundleFormatException($"manifest is not valid JSON: {e.Message}");
        }
        if (root is not JsonObject obj)
        {
            throw new BundleFormatException("manifest must be a JSON object");
        }
        var f = new JsonFieldReader(obj, "manifest");
        if (f.RequiredString("format") != Format)
        {
            throw new BundleFormatException($"manifest.format must be '{Format}'");
        }
        if (f.OptionalInt("format_version") != FormatVersion)
        {
            throw new BundleFormatException($"manifest.format_version must be {FormatVersion}");
        }
        var revision = f.OptionalLong("revision") ?? throw new BundleFormatException("manifest.revision is required");
        var array = f.Array("versions");
        var list = new List<ManifestEntry>(array.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"manifest.versions[{i}]";
            var v = new JsonFieldReader(array[i] as JsonObject ?? throw new BundleFormatException($"{path} must be an object"), path);
            var entry = new ManifestEntry(
                v.RequiredString("id"),
                v.OptionalString("label") ?? "",
                v.OptionalDate("effective_from") ?? throw new BundleFormatException($"{path}.effective_from is required"),
                v.OptionalDate("effective_to"),
                v.OptionalString("parent_id"),
                v.RequiredString("content_hash"),
                v.OptionalString("published_by"),
                v.OptionalTimestamp("published_at"));
            v.EnsureNoUnknownFields();
            if (!IsContentHash(entry.ContentHash))
            {
                throw new BundleFormatException($"{path}.content_hash must be 64 lower-case hex digits");
            }
            if (!ids.Add(entry.Id))
            {
                throw new BundleFormatException($"{path}.id '{entry.Id}' is listed twice");
            }
            if (entry.EffectiveTo is { } to && to < entry.EffectiveFrom)
            {
                throw new BundleFormatException($"{path}: effective_to {Iso(to)} is before effective_from {Iso(entry.EffectiveFrom)}");
            }
            list.Add(entry);
        }
        f.EnsureNoUnknownFields();
        var ordered = list.OrderBy(v => v.EffectiveFrom).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i - 1].EffectiveTo is not { } end || end >= ordered[i].EffectiveFrom)
            {
                throw new BundleFormatException($"manifest: the windows of {ordered[i - 1].Id} and {ordered[i].Id} overlap");
            }
        }
        return new PublishedManifest(revision, list);
    }

    /// <summary>sha-256 of the exact bytes: how a reader tells one manifest from another, whatever its revision says.</summary>
    public static string HashOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static bool IsContentHash(string text) =>
        text.Length == 64 && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static string Iso(DateOnly date) => IsoDate.Write(date);
}
