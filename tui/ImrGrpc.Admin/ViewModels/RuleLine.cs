using ImrGrpc.Admin.Presentation;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>One rule row as the rules table shows it.</summary>
public sealed record RuleLine(StoredRule Record)
{
    private RuleRow Row => Record.Row;
    public string Id => Row.Id;
    public string Source => Row.Guideline;
    public string Treatments => Display.Cell(RuleColumns.Treatments, Row);
    public string Group => Display.Group(Row);
    public string Regions => Row.BodyRegions.Count == 0 ? "any" : Display.Cell(RuleColumns.BodyRegions, Row);
    public string Phase => Display.Cell(RuleColumns.Phase, Row);
    public string Min => Display.Cell(RuleColumns.MinVisits, Row);
    public string Max => Display.Cell(RuleColumns.MaxVisits, Row);
    public string Weeks => Display.Cell(RuleColumns.OverWeeks, Row);
    public string Trial => Display.Cell(RuleColumns.TrialVisits, Row);
    public string Pages => Display.Cell(RuleColumns.Pages, Row);
    public string Confidence => Display.Cell(RuleColumns.Confidence, Row) + (Record.Verified ? " ok" : "");
    public bool LowConfidence => Row.Confidence == Engine.Model.Confidence.Low && !Record.Verified;

    /// <summary>Short flags: NR not recommended, FI functional improvement required, D default row, RTW return to work, RAD radiculopathy.</summary>
    public string Flags => string.Join(" ", new[]
    {
        Row.NotRecommended ? "NR" : null,
        Row.RequiresFunctionalImprovement ? "FI" : null,
        Row.IsDefault ? "D" : null,
        Row.RequiresReturnToWork ? "RTW" : null,
        Row.Indication == Indication.Radiculopathy ? "RAD" : null,
        Row.Role == RuleRole.StatutoryCap ? "CAP" : Row.Role == RuleRole.Principle ? "PRIN" : null,
    }.Where(f => f is not null));

    /// <summary>The mark in the first column: "!" for a low-confidence row nobody has verified yet.</summary>
    public string Mark => LowConfidence ? "!" : Record.Verified ? "v" : "";

    /// <summary>Every word an editor might search for.</summary>
    internal string SearchText => string.Join(" ", Id, Source, Row.Edition, Row.Section, Treatments, Group, Regions, Phase, Pages, Confidence, Flags, Row.Notes, Row.Procedure ?? "");
}
