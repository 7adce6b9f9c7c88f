using ImrGrpc.Admin.ViewModels;
using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>Asks for the id of a new row, which starts as a copy of the selected one.</summary>
internal static class AddRowDialog
{
    public static string? Ask(IApplication app, RulesViewModel vm, string templateId)
    {
        var id = new TextField { X = 1, Y = 3, Width = Dim.Fill(1), Text = templateId + "-2" };
        var error = new Label { X = 1, Y = 4, Width = Dim.Fill(1), Text = vm.CheckNewId(id.Text) ?? "" };
        id.TextChanged += (_, _) => error.Text = vm.CheckNewId(id.Text) ?? "";
        using var dialog = new Dialog { Title = "Add row", Width = Dim.Percent(80), Height = 12 };
        dialog.Add(
            new Label { X = 1, Y = 0, Width = Dim.Fill(1), Text = $"The new row starts as a copy of {templateId} (low confidence) and opens in the editor." },
            new Label { X = 1, Y = 2, Text = "New row id:" },
            id,
            error);
        dialog.AddButton(new Button { Text = "_Cancel" });
        dialog.AddButton(new Button { Text = "_Add", IsDefault = true });

        app.Run(dialog);
        return dialog.Result == 1 && vm.CheckNewId(id.Text) is null ? id.Text.Trim() : null;
    }
}
