using System.Text.Json.Nodes;
using ImrGrpc.Storage.Bundles;

namespace ImrGrpc.Storage.Editing;

/// <summary>
/// One column (or part of the catalog) before and after, as canonical JSON ("" where absent). The one field-by-field
/// comparison: version diffs, the TUI's diff columns and the audit log's before/after all come from <see cref="Compare"/>.
/// </summary>
public sealed record FieldChange(string Field, string Before, string After)
{
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);

    /// <summary>Every key of either object with its value on each side, in the order the keys first appear (before's, then after's).</summary>
    public static IReadOnlyList<FieldChange> Compare(JsonObject? before, JsonObject? after)
    {
        var keys = (before?.Select(p => p.Key) ?? []).Union(after?.Select(p => p.Key) ?? [], StringComparer.Ordinal);
        return [.. keys.Select(key => new FieldChange(key, Canonical(before, key), Canonical(after, key)))];
    }

    /// <summary>Only the keys whose values differ, by name.</summary>
    public static IReadOnlyList<FieldChange> Differences(JsonObject? before, JsonObject? after) =>
        [.. Compare(before, after).Where(c => c.Changed).OrderBy(c => c.Field, StringComparer.Ordinal)];

    private static string Canonical(JsonObject? obj, string key) => obj?[key] is { } node ? CanonicalJson.Write(node) : "";
}
