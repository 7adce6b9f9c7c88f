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
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, StoreHooks? hooks = null)
    {
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        var root = Build(output, error, hooks ?? StoreHooks.None);
        var parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    internal static RootCommand Build(TextWriter output, TextWriter error, StoreHooks hooks)
    {
        var cli = new CliContext(output, error, hooks);
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
