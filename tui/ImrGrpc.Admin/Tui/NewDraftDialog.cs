using ImrGrpc.Admin.ViewModels;
using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>Asks for the label of a new draft cloned from a version.</summary>
internal static class NewDraftDialog
{
    public static bool Ask(IApplication app, NewDraftViewModel vm)
    {
        var label = new TextField { X = 1, Y = 3, Width = Dim.Fill(1), Text = vm.Label };
        var error = new Label { X = 1, Y = 4, Width = Dim.Fill(1), Text = "" };
        label.TextChanged += (_, _) =>
        {
            vm.Label = label.Text;
            error.Text = vm.Error ?? "";
        };
        using var dialog = new Dialog { Title = "New draft", Width = Dim.Percent(80), Height = 12 };
        dialog.Add(
            new Label { X = 1, Y = 0, Width = Dim.Fill(1), Text = $"A copy of every row and the catalog of {vm.FromVersionId}, to edit and publish." },
            new Label { X = 1, Y = 2, Text = "Label:" },
            label,
            error);
        dialog.AddButton(new Button { Text = "_Cancel" });
        dialog.AddButton(new Button { Text = "C_reate", IsDefault = true });

        app.Run(dialog);
        return dialog.Result == 1 && vm.Error is null;
    }
}
