using ImrGrpc.Engine.Model;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>Every editable column of a rule row as the edit screen lists it, one field per column descriptor.</summary>
public static class RuleFields
{
    public static IReadOnlyList<RuleField> All { get; } = [.. RuleColumns.Editable.Select(c => new RuleField(c))];

    public static RuleField Get(string name) => All.First(f => f.Name == name);
}
