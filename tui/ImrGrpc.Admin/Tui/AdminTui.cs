using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Cli;
using ImrGrpc.Storage;
using Terminal.Gui.App;

namespace ImrGrpc.Admin.Tui;

/// <summary>The interactive admin: opens the store (seeding an empty one, as the CLI does) and runs the screens until quit.</summary>
public static class AdminTui
{
    /// <summary>Runs the TUI; exits 0, or <see cref="ExitCodes.Unavailable"/> when the store could not be opened (the TUI said why).</summary>
    public static int Run(string? db, string? user)
    {
        var path = StoreDefaults.Resolve(db);
        AdminSession? session = null;
        string? reason = null;
        try
        {
            session = AdminSession.Open(db, user);
        }
        catch (StoreException e)
        {
            reason = e.Message;
            session?.Dispose();
            session = null;
        }
        using (session)
        {
            using var app = Terminal.Gui.App.Application.Create().Init();
            using var shell = Build(app, session, path, reason, CaseFiles.Default());
            app.Run(shell);
        }
        return reason is null ? ExitCodes.Ok : ExitCodes.Unavailable;
    }

    /// <summary>The shell with its first screen: the versions list, or why the store cannot be used.</summary>
    internal static AdminShell Build(IApplication app, AdminSession? session, string path, string? reason, CaseCorpus corpus)
    {
        var shell = new AdminShell(app, session, corpus);
        shell.Push(session is null ? new UnavailableScreen(shell, path, reason ?? "unknown reason") : new VersionsScreen(shell));
        return shell;
    }
}

