using ImrGrpc.Admin.Presentation;
using ImrGrpc.Storage.Editing;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>One row that differs, as the diff list shows it.</summary>
public sealed record DiffLine(RowDiff Row)
{
    public string Change => Display.Change(Row.Change);
    public string RuleId => Row.RuleId;

    /// <summary>"max_visits 10 -> 12" for a changed row; the number of columns for an added or removed one.</summary>
    public string Summary => Row.Change == RowChange.Changed
        ? string.Join("; ", Row.Fields.Select(f => $"{f.Field} {Show(f.Before)} -> {Show(f.After)}"))
        : $"{Row.Fields.Count} columns";

    /// <summary>A value as the diff screen shows it: "(none)" where absent, a string without its quotes.</summary>
    internal static string Show(string canonical) => Display.OrNone(canonical).Trim('"');
}
