using ImrGrpc.Admin.Application;
using Terminal.Gui.ViewBase;

namespace ImrGrpc.Admin.Tui;

/// <summary>
/// One screen of the admin: a view filling the shell above the status bar, with the keys it answers to. The shell shows
/// one screen at a time; Esc goes back to the one before.
/// </summary>
internal abstract class Screen : View
{
    protected Screen(AdminShell shell, string title)
    {
        Shell = shell;
        Title = title;
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;
        Disposing += (_, _) => Closed = true;
    }

    /// <summary>Set once the screen is gone: background work finishing later must not touch its views.</summary>
    public bool Closed { get; private set; }

    protected AdminShell Shell { get; }

    protected AdminSession Session => Shell.Session!;

    /// <summary>The keys of this screen, for the status bar (Esc and Ctrl+Q are the shell's).</summary>
    public abstract IReadOnlyList<KeyAction> Keys { get; }

    /// <summary>Called each time the screen comes (back) to the front: reload what others may have changed.</summary>
    public virtual void Shown()
    {
    }

    /// <summary>Esc pressed: true if the screen dealt with it itself (cancelling a run, say) and stays.</summary>
    public virtual bool OnEscape() => false;

    /// <summary>Whether the screen may be left now (an editor with unsaved typing asks first).</summary>
    public virtual bool CanLeave() => true;
}
