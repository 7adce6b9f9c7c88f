using System.CommandLine;
using ImrGrpc.Admin.Cli.Commands;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.Cli;

/// <summary>
/// The scriptable commands, one file each under Commands/. Each opens the store, does one thing, prints a table (or JSON
/// with --json) and exits 0; a refusal prints a one-line reason on standard error and exits non-zero (<see cref="ExitCodes"/>).
/// </summary>
public static class AdminCli
{
    /// <param name="hooks">Points inside the store's work a test harness may step into; production passes none.</param>
    /// <param name="time">The clock (progress pacing, "today"); the system's unless a test sets one.</param>
    /// <param name="cancellationToken">Cancels a long command as Ctrl+C does.</param>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, StoreHooks? hooks = null,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        // A progress bar only where a person watches standard error; a log or a test gets plain lines.
        var terminal = stderr is null && !Console.IsErrorRedirected;
        var root = Build(output, error, hooks ?? StoreHooks.None, time ?? TimeProvider.System, terminal);
        var parse = root.Parse(args);
        // Invoked asynchronously so that Ctrl+C reaches a long command (impact) as a cancellation it can finish cleanly.
        return parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).GetAwaiter().GetResult();
    }

    internal static RootCommand Build(TextWriter output, TextWriter error, StoreHooks hooks, TimeProvider time, bool errorIsTerminal)
    {
        var cli = new CliContext(output, error, hooks, time, errorIsTerminal);
        var root = new RootCommand("ImrGrpc guideline admin: run with no arguments for the interactive editor, or a command below.");
        root.Options.Add(cli.Db);
        root.Options.Add(cli.User);
        Command[] commands =
        [
            VersionsCommand.Create(cli), ShowCommand.Create(cli), ExportCommand.Create(cli), ImportCommand.Create(cli),
            DraftCommand.Create(cli), SetLimitCommand.Create(cli), VerifyCommand.Create(cli), ValidateCommand.Create(cli),
            DiffCommand.Create(cli), ImpactCommand.Create(cli), PublishCommand.Create(cli), RetireCommand.Create(cli),
            BackupCommand.Create(cli), RestoreCommand.Create(cli), RepairCommand.Create(cli), AuditCommand.Create(cli),
        ];
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }
        return root;
    }
}
