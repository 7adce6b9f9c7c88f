using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>A long read-only text (a decision before and after, with its rationale), scrolled with the arrows and PgUp/PgDn.</summary>
internal sealed class TextScreen : Screen
{
    public TextScreen(AdminShell shell, string title, string text) : base(shell, title)
    {
        Body.SetText(text);
        Add(Body);
        Keys = [new(Key.Home.WithCtrl, "Top", () => Body.MoveHome(false))];
    }

    public TextLines Body { get; } = new() { X = 0, Y = 0 };

    public override IReadOnlyList<KeyAction> Keys { get; }

    public override void Shown() => Body.SetFocus();
}
