using System.Text.Json.Nodes;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage.Bundles;

namespace ImrGrpc.Storage.Editing;

public enum RowChange
{
    Added,
    Removed,
    Changed,
}

/// <summary>One column that differs: its canonical JSON before and after ("" where absent).</summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>One row that differs between two versions.</summary>
public sealed record RowDiff(string RuleId, RowChange Change, IReadOnlyList<FieldChange> Fields, RuleRow? Before, RuleRow? After);

/// <summary>The differences between two versions: rows added, removed or changed column by column, and the catalog.</summary>
public sealed record VersionDiff(string BeforeId, string AfterId, IReadOnlyList<RowDiff> Rows, IReadOnlyList<FieldChange> Catalog)
{
    public bool IsEmpty => Rows.Count == 0 && Catalog.Count == 0;

    public static VersionDiff Compare(GuidelineBook before, GuidelineBook after)
    {
        var a = before.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var b = after.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var rows = new List<RowDiff>();
        foreach (var id in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            var x = a.GetValueOrDefault(id);
            var y = b.GetValueOrDefault(id);
            if (x is null)
            {
                rows.Add(new RowDiff(id, RowChange.Added, Fields(null, RuleJson.ToJson(y!)), null, y));
            }
            else if (y is null)
            {
                rows.Add(new RowDiff(id, RowChange.Removed, Fields(RuleJson.ToJson(x), null), x, null));
            }
            else
            {
                var fields = Fields(RuleJson.ToJson(x), RuleJson.ToJson(y));
                if (fields.Count > 0)
                {
                    rows.Add(new RowDiff(id, RowChange.Changed, fields, x, y));
                }
            }
        }
        var catalog = Fields(CatalogJson.ToJson(before.Catalog), CatalogJson.ToJson(after.Catalog));
        return new VersionDiff(before.Version.Id, after.Version.Id, rows, catalog);
    }

    private static List<FieldChange> Fields(JsonObject? before, JsonObject? after)
    {
        var keys = (before?.Select(p => p.Key) ?? []).Union(after?.Select(p => p.Key) ?? []).Order(StringComparer.Ordinal);
        var changes = new List<FieldChange>();
        foreach (var key in keys)
        {
            var x = before?[key] is { } bx ? CanonicalJson.Write(bx) : "";
            var y = after?[key] is { } ay ? CanonicalJson.Write(ay) : "";
            if (x != y)
            {
                changes.Add(new FieldChange(key, x, y));
            }
        }
        return changes;
    }
}
