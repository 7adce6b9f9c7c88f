using ImrGrpc.Engine.Model;
using ImrGrpc.Storage.Bundles;

namespace ImrGrpc.Storage.Editing;

/// <summary>One row that differs between two versions: the columns that changed, and both rows.</summary>
public sealed record RowDiff(string RuleId, RowChange Change, IReadOnlyList<FieldChange> Fields, RuleRow? Before, RuleRow? After)
{
    /// <summary>Every column either side sets, changed or not, in column order.</summary>
    public IReadOnlyList<FieldChange> Columns() =>
        FieldChange.Compare(Before is null ? null : RuleJson.ToJson(Before), After is null ? null : RuleJson.ToJson(After));
}
