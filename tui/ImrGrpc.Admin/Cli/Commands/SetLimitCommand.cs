using System.CommandLine;
using ImrGrpc.Admin.Presentation;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>`set-limit`: a row's visit limits in a draft, then what the publish check says of the row.</summary>
internal static class SetLimitCommand
{
    public static Command Create(CliContext cli)
    {
        var draft = CliContext.DraftArgument();
        var rule = RuleArgument();
        var min = new Option<int?>("--min-visits");
        var max = new Option<int?>("--max-visits");
        var weeks = new Option<int?>("--over-weeks");
        var trial = new Option<int?>("--trial-visits");
        var expected = new Option<int?>("--row-version") { Description = "Refuse if the row changed since this row version" };
        var command = new Command("set-limit", "Change a row's visit limits in a draft") { draft, rule, min, max, weeks, trial, expected };
        return cli.Handle(command, (p, s) =>
        {
            var change = new LimitChange(p.GetValue(min), p.GetValue(max), p.GetValue(weeks), p.GetValue(trial));
            if (change == new LimitChange())
            {
                cli.Error.WriteLine("imrgrpc-admin: set-limit needs at least one of --min-visits, --max-visits, --over-weeks, --trial-visits");
                return ExitCodes.Usage;
            }
            var before = s.Store.GetRule(p.GetValue(draft)!, p.GetValue(rule)!).Row;
            var after = s.SetLimits(p.GetValue(draft)!, p.GetValue(rule)!, change, p.GetValue(expected));
            var row = after.Row;
            cli.Output.WriteLine($"{row.Id} in {after.VersionId}: min {Display.Number(before.MinVisits)} -> {Display.Number(row.MinVisits)}, max {Display.Number(before.MaxVisits)} -> {Display.Number(row.MaxVisits)}, " +
                                 $"weeks {Display.Number(before.OverWeeks)} -> {Display.Number(row.OverWeeks)}, trial {Display.Number(before.TrialVisits)} -> {Display.Number(row.TrialVisits)} (row version {after.RowVersion})");
            foreach (var problem in s.Validate(after.VersionId).Where(v => v.RuleId == row.Id))
            {
                cli.Output.WriteLine($"  {problem}");
            }
            return ExitCodes.Ok;
        });
    }

    /// <summary>The row a command acts on (set-limit, verify).</summary>
    internal static Argument<string> RuleArgument() => new("rule-id") { Description = "The row id (see: show)" };
}
