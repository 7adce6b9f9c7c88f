using System.CommandLine;
using ImrGrpc.Admin.Presentation;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>`publish`: validates a draft and puts it in service from a date, closing its predecessor's window.</summary>
internal static class PublishCommand
{
    public static Command Create(CliContext cli)
    {
        var draft = CliContext.DraftArgument();
        var from = new Option<string>("--effective-from") { Description = "First day in force (YYYY-MM-DD)", Required = true };
        var replace = new Option<bool>("--replace") { Description = "Publish even over a version published after this draft was made (audited)" };
        var command = new Command("publish", "Validate a draft and put it in service from a date (closes the predecessor's window)") { draft, from, replace };
        return cli.Handle(command, (p, s) =>
        {
            var date = CliContext.ParseDate(p.GetValue(from), "--effective-from")!.Value;
            var result = s.Publish(p.GetValue(draft)!, date, p.GetValue(replace));
            var v = result.Published.Info;
            cli.Output.WriteLine($"published {v.Id} in force {Display.Iso(v.EffectiveFrom)} to {Display.Iso(v.EffectiveTo, "open")} (content {v.ContentHash})");
            if (result.PredecessorId is { } predecessor)
            {
                cli.Output.WriteLine(result.PredecessorRetired
                    ? $"{predecessor} retired: replaced from its first day"
                    : $"{predecessor} now ends {Display.Iso(result.PredecessorEffectiveTo)}");
            }
            return ExitCodes.Ok;
        });
    }
}
