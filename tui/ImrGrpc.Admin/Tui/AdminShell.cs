using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Presentation;
using ImrGrpc.Storage;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>
/// The admin's one window: the current screen above a status bar listing that screen's keys. Screens stack: a screen
/// opens another with <see cref="Push"/>, Esc goes back, and Esc on the first screen (or Ctrl+Q anywhere) quits.
/// </summary>
internal sealed class AdminShell : Window
{
    private readonly Stack<Screen> _screens = new();
    private readonly View _host;
    private readonly List<StatusBar> _bars = [];

    public AdminShell(IApplication app, AdminSession? session, CaseCorpus corpus)
    {
        App = app;
        Session = session;
        Corpus = corpus;
        Title = "ImrGrpc guideline admin";
        BorderStyle = LineStyle.Single;
        _host = new View { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(1), CanFocus = true };
        Add(_host);
        KeyDown += OnShellKey;
    }

    public new IApplication App { get; }

    /// <summary>Null when the store could not be opened: the shell then only explains why.</summary>
    public AdminSession? Session { get; }

    /// <summary>The cases impact reports replay.</summary>
    public CaseCorpus Corpus { get; }

    public Screen Current => _screens.Peek();

    public int Depth => _screens.Count;

    /// <summary>The first screen (the versions list), under every other.</summary>
    public Screen Start => _screens.Last();

    /// <summary>The width the status bar is laid out for (the smallest terminal the admin supports).</summary>
    public const int MinimumWidth = 80;

    public void Push(Screen screen)
    {
        if (_screens.TryPeek(out var current))
        {
            _host.Remove(current);
        }
        _screens.Push(screen);
        Show(screen);
    }

    /// <summary>Leaves the current screen (if it allows) and shows the one before; quits after the first.</summary>
    public void Back()
    {
        var current = Current;
        if (current.OnEscape() || !current.CanLeave())
        {
            return;
        }
        _screens.Pop();
        _host.Remove(current);
        current.Dispose();
        if (_screens.Count == 0)
        {
            App.RequestStop();
            return;
        }
        Show(Current);
    }

    /// <summary>Back to the first screen (after a publish, say), refreshing it.</summary>
    public void BackToStart()
    {
        while (_screens.Count > 1)
        {
            var screen = _screens.Pop();
            _host.Remove(screen);
            screen.Dispose();
        }
        Show(Current);
    }

    public void Quit()
    {
        foreach (var screen in _screens)
        {
            if (!screen.CanLeave())
            {
                return;
            }
        }
        App.RequestStop();
    }

    /// <summary>Runs a store operation; a refusal is shown in a message box and the screen stays as it was.</summary>
    public bool Try(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (StoreException e)
        {
            MessageBox.ErrorQuery(App, e.Kind == StoreErrorKind.Unavailable ? "Store unavailable" : "Refused", Display.Refusal(e), true, "_OK");
            return false;
        }
    }

    public void Info(string title, string message) => MessageBox.Query(App, title, message, true, "_OK");

    /// <summary>Asks a yes/no question; the last button is the default (Enter), Esc means no.</summary>
    public bool Confirm(string title, string message, string yes) => MessageBox.Query(App, title, message, true, "_Cancel", yes) == 1;

    /// <summary>Rebuilds the status bar for the current screen (after its keys change, e.g. a draft became published).</summary>
    public void RefreshKeys() => BuildStatus(Current);

    private void Show(Screen screen)
    {
        PlainLabels(screen);
        _host.Add(screen);
        Title = $"ImrGrpc admin - {screen.Title}";
        BuildStatus(screen);
        screen.Shown();
        screen.SetFocus();
        SetNeedsLayout();
        SetNeedsDraw();
    }

    private void BuildStatus(Screen screen)
    {
        foreach (var bar in _bars)
        {
            Remove(bar);
            bar.Dispose();
        }
        _bars.Clear();
        var keys = screen.Keys.Append(new KeyAction(Key.Esc, _screens.Count > 1 ? "Back" : "Quit", () => { })).ToList();
        if (_screens.Count > 1)
        {
            keys.Add(new KeyAction(Key.Q.WithCtrl, "Quit", Quit));
        }
        // Two rows when one does not fit the narrowest supported terminal, so every key stays listed.
        var rows = StatusWidth(keys) > MinimumWidth - 2 ? 2 : 1;
        var split = rows == 1 ? keys.Count : (keys.Count + 1) / 2;
        var groups = rows == 1 ? [keys] : new[] { keys.Take(split).ToList(), keys.Skip(split).ToList() };
        for (var i = 0; i < groups.Length; i++)
        {
            var bar = new StatusBar(groups[i].Select(ToShortcut)) { Y = Pos.AnchorEnd(groups.Length - i), Width = Dim.Fill() };
            _bars.Add(bar);
            Add(bar);
        }
        _host.Height = Dim.Fill(rows);
    }

    /// <summary>Labels show data (codes like physical_therapy): an underscore there is text, not a hotkey mark.</summary>
    internal static void PlainLabels(View view)
    {
        foreach (var sub in view.SubViews)
        {
            if (sub is Label label)
            {
                label.HotKeySpecifier = new System.Text.Rune(0xFFFF);
            }
            PlainLabels(sub);
        }
    }

    private static int StatusWidth(IEnumerable<KeyAction> keys) => keys.Sum(k => k.Key.ToString().Length + k.Label.Length + 5);

    private Shortcut ToShortcut(KeyAction k)
    {
        // Esc is handled by the shell itself (it must not close the window); listing it is enough.
        if (k.Key == Key.Esc)
        {
            return new Shortcut(Key.Esc, k.Label, null, "") { CanFocus = false, BindKeyToApplication = false };
        }
        return new Shortcut(k.Key, k.Label, () => k.Action(), "") { CanFocus = false };
    }

    private void OnShellKey(object? sender, Key key)
    {
        if (key == Key.Esc)
        {
            key.Handled = true;
            if (_screens.Count > 0)
            {
                Back();
            }
        }
    }
}
