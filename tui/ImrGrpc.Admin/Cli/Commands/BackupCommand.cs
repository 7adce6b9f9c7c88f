using System.CommandLine;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>`backup`: a consistent copy of the whole store, verified by reopening it.</summary>
internal static class BackupCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<string>("file") { Description = "The backup file to create (never overwritten)" };
        var command = new Command("backup", "Write a consistent, verified copy of the whole store to a new file") { file };
        return cli.Handle(command, (p, s) =>
        {
            var b = s.Store.Backup(p.GetValue(file)!);
            cli.Output.WriteLine($"backup written and verified: {b.Path} ({b.Versions} versions, {b.Rules} rows, {b.AuditEntries} audit entries, published revision {b.PublishedRevision})");
            return ExitCodes.Ok;
        });
    }
}
