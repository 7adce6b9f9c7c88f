using ImrGrpc.Admin.ViewModels;
using Terminal.Gui.App;

namespace ImrGrpc.Admin.Tui;

/// <summary>Asks for the label of a new draft cloned from a version.</summary>
internal static class NewDraftDialog
{
    /// <summary>True when the editor accepted a label (now in <see cref="NewDraftViewModel.Label"/>).</summary>
    public static bool Ask(IApplication app, NewDraftViewModel vm)
    {
        var label = TextPrompt.Ask(app, "New draft", $"A copy of every row and the catalog of {vm.FromVersionId}, to edit and publish.",
            "Label:", vm.Label, "C_reate", text =>
            {
                vm.Label = text;
                return vm.Error;
            });
        if (label is null)
        {
            return false;
        }
        vm.Label = label;
        return true;
    }
}
