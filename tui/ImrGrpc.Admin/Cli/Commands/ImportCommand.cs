using System.CommandLine;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>`import`: a one-version bundle back as a new draft with the same content hash.</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<string>("file") { Description = "Bundle file to read" };
        var command = new Command("import", "Import a one-version bundle as a new draft; prints the new id on the last line") { file };
        return cli.Handle(command, (p, s) =>
        {
            var id = s.Import(p.GetValue(file)!);
            cli.Output.WriteLine($"imported as draft (content {s.Version(id).Info.ContentHash}):");
            cli.Output.WriteLine(id);
            return ExitCodes.Ok;
        });
    }
}
