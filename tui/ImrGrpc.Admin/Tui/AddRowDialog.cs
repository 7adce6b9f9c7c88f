using ImrGrpc.Admin.ViewModels;
using Terminal.Gui.App;

namespace ImrGrpc.Admin.Tui;

/// <summary>Asks for the id of a new row, which starts as a copy of the selected one.</summary>
internal static class AddRowDialog
{
    public static string? Ask(IApplication app, RulesViewModel vm, string templateId) =>
        TextPrompt.Ask(app, "Add row", $"The new row starts as a copy of {templateId} (low confidence) and opens in the editor.",
            "New row id:", templateId + "-2", "_Add", vm.CheckNewId);
}
