using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>Shown instead of everything else when the store cannot be opened: why, and that nothing will be written.</summary>
internal sealed class UnavailableScreen : Screen
{
    public UnavailableScreen(AdminShell shell, string path, string reason) : base(shell, "Store unavailable")
    {
        Add(new Label
        {
            X = 1,
            Y = 1,
            Width = Dim.Fill(1),
            Height = Dim.Fill(1),
            Text = $"The guideline store cannot be opened, so the admin will not read or write anything.\n\n{reason}\n\n" +
                   $"Store: {path}\n\nCheck the file (another program, permissions, a damaged or newer file), or open another one:\n" +
                   "  ImrGrpc.Admin --db PATH\n\nPress Esc to quit.",
        });
    }

    public override IReadOnlyList<KeyAction> Keys => [];
}
