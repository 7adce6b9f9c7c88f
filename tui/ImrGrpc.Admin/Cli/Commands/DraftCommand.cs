using System.CommandLine;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>`draft`: a new draft cloned from a version; its id is the last line, for scripts.</summary>
internal static class DraftCommand
{
    public static Command Create(CliContext cli)
    {
        var from = new Argument<string>("from-version") { Description = "The version to clone" };
        var label = new Option<string?>("--label") { Description = "A label for the draft" };
        var command = new Command("draft", "Create a draft cloned from a version; prints the new id on the last line") { from, label };
        return cli.Handle(command, (p, s) =>
        {
            var id = s.CreateDraft(p.GetValue(from)!, p.GetValue(label));
            cli.Output.WriteLine($"draft created from {p.GetValue(from)}:");
            cli.Output.WriteLine(id);
            return ExitCodes.Ok;
        });
    }
}
