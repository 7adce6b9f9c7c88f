using System.CommandLine;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>`repair`: rewrites the published directory servers read (missing or damaged files) from the store.</summary>
internal static class RepairCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("repair", "Rewrite the published directory servers read from the store (missing or damaged files)");
        return cli.Handle(command, (p, s) =>
        {
            var sync = s.Store.SyncPublished();
            cli.Output.WriteLine($"published directory {sync.Directory}: revision {sync.Revision}, {sync.ContentFilesWritten} content files written, manifest {(sync.ManifestWritten ? "rewritten" : "already up to date")}");
            return ExitCodes.Ok;
        });
    }
}
