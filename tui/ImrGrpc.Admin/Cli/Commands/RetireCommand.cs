using System.CommandLine;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>`retire`: abandons a draft (a published version leaves service only when a successor replaces it).</summary>
internal static class RetireCommand
{
    public static Command Create(CliContext cli)
    {
        var draft = CliContext.DraftArgument();
        var command = new Command("retire", "Abandon a draft") { draft };
        return cli.Handle(command, (p, s) =>
        {
            s.Retire(p.GetValue(draft)!);
            cli.Output.WriteLine($"{p.GetValue(draft)} retired");
            return ExitCodes.Ok;
        });
    }
}
