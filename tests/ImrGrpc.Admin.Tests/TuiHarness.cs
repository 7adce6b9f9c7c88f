using System.Runtime.CompilerServices;
using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Tui;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace ImrGrpc.Admin.Tests;

internal static class HeadlessTerminal
{
    /// <summary>The ANSI driver must not touch the test runner's console.</summary>
    [ModuleInitializer]
    internal static void Init() => Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
}

/// <summary>
/// The real admin shell on a seeded temporary store, under the ANSI driver with no terminal: keys are injected, the
/// screen is read back as text. Modal dialogs (confirmations, prompts) are answered from the application's iteration
/// event, and every wait stops after a bounded number of iterations so a test cannot hang.
/// </summary>
internal sealed class TuiHarness : IDisposable
{
    private readonly AdminHarness _store = new();

    public TuiHarness(int width = 100, int height = 30, string user = "tui-tester")
    {
        Session = AdminSession.Open(_store.StorePath, user);
        App = Terminal.Gui.App.Application.Create(new VirtualTimeProvider()).Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(width, height);
        Shell = AdminTui.Build(App, Session, _store.StorePath, null, TestCases.Corpus());
        App.Begin(Shell);
        Draw();
    }

    public AdminSession Session { get; }

    public IApplication App { get; }

    public AdminShell Shell { get; }

    public AdminHarness Store => _store;

    /// <summary>The screen as text, after a full layout and draw.</summary>
    public string Screen => Draw();

    public string Draw()
    {
        App.LayoutAndDraw(true);
        return App.Driver!.ToString() ?? "";
    }

    public void Key(params Key[] keys)
    {
        foreach (var key in keys)
        {
            App.InjectKey(key);
        }
        Draw();
    }

    /// <summary>Types text into whatever has focus.</summary>
    public void Type(string text)
    {
        foreach (var c in text)
        {
            App.InjectKey(new Key(c));
        }
        Draw();
    }

    /// <summary>
    /// Presses a key that opens a modal dialog, then answers it: <paramref name="answer"/> runs on each iteration while
    /// a dialog is on top (return true once answered). Gives up after <paramref name="maxIterations"/>.
    /// </summary>
    public string? Modal(Key key, Func<string, bool> answer, int maxIterations = 200)
    {
        string? seen = null;
        var iterations = 0;
        void OnIteration(object? sender, EventArgs<IApplication?> e)
        {
            if (++iterations > maxIterations)
            {
                App.RequestStop();
                return;
            }
            if (App.TopRunnableView is not AdminShell and not null)
            {
                var screen = Draw();
                seen ??= screen;
                answer(screen);
            }
        }
        App.Iteration += OnIteration;
        try
        {
            App.InjectKey(key);
        }
        finally
        {
            App.Iteration -= OnIteration;
        }
        Assert.True(iterations <= maxIterations, $"the dialog was still open after {maxIterations} iterations:\n{Draw()}");
        Draw();
        return seen;
    }

    /// <summary>Waits for background work (an impact run) and lets its UI updates run, within a bounded time.</summary>
    public void Await(Func<Task?> task)
    {
        var t = task();
        if (t is not null)
        {
            Assert.True(t.Wait(TimeSpan.FromSeconds(60)), "the background run did not finish within 60 s");
        }
        // Work marshalled with app.Invoke waits in the timer queue; run it as the main loop would.
        for (var i = 0; i < 5; i++)
        {
            App.TimedEvents!.RunTimers();
        }
        Draw();
    }

    public void Dispose()
    {
        Shell.Dispose();
        App.Dispose();
        Session.Dispose();
        _store.Dispose();
    }
}
