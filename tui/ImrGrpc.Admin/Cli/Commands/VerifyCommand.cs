using System.CommandLine;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>`verify`: records who checked a draft row against the guideline text, and when.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext cli)
    {
        var draft = CliContext.DraftArgument();
        var rule = SetLimitCommand.RuleArgument();
        var command = new Command("verify", "Record that a draft row was checked against the guideline text (who and when)") { draft, rule };
        return cli.Handle(command, (p, s) =>
        {
            var r = s.MarkVerified(p.GetValue(draft)!, p.GetValue(rule)!);
            cli.Output.WriteLine($"{r.Row.Id} in {r.VersionId} verified by {r.VerifiedBy} at {r.VerifiedAt:yyyy-MM-dd HH:mm:ss} UTC");
            return ExitCodes.Ok;
        });
    }
}
