using ImrGrpc.Engine.Model;
using ImrGrpc.Storage.Bundles;

namespace ImrGrpc.Storage.Editing;

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
            var fields = FieldChange.Differences(x is null ? null : RuleJson.ToJson(x), y is null ? null : RuleJson.ToJson(y));
            if (x is null || y is null || fields.Count > 0)
            {
                rows.Add(new RowDiff(id, x is null ? RowChange.Added : y is null ? RowChange.Removed : RowChange.Changed, fields, x, y));
            }
        }
        var catalog = FieldChange.Differences(CatalogJson.ToJson(before.Catalog), CatalogJson.ToJson(after.Catalog));
        return new VersionDiff(before.Version.Id, after.Version.Id, rows, catalog);
    }
}
