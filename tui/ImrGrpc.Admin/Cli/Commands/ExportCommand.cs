using System.CommandLine;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>`export`: a version as a canonical JSON bundle, for review in git.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext cli)
    {
        var version = CliContext.VersionArgument();
        var file = new Argument<string>("file") { Description = "Bundle file to write" };
        var command = new Command("export", "Write a version to a canonical JSON bundle") { version, file };
        return cli.Handle(command, (p, s) =>
        {
            var id = p.GetValue(version)!;
            var path = p.GetValue(file)!;
            s.Export(id, path);
            cli.Output.WriteLine($"exported {id} (content {s.Version(id).Info.ContentHash}) to {path}");
            return ExitCodes.Ok;
        });
    }
}
