using ImrGrpc.Admin.Presentation;
using ImrGrpc.Engine.Impact;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>One item whose decision flips, as the impact list shows it.</summary>
public sealed record ImpactLine(ItemImpact Change)
{
    public string Direction => Display.Direction(Change.Direction);
    public string Case => Change.CaseName;
    public string Item => Change.ItemId;
    public string Treatment => Change.Treatment;
    public string Outcome => $"{Display.Brief(Change.Before)} -> {Display.Brief(Change.After)}";
    public string Quantity => $"{Change.QuantityBefore} -> {Change.QuantityAfter}";
}
