using System.CommandLine;
using ImrGrpc.Admin.Presentation;
using ImrGrpc.Storage.Editing;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>`diff`: two versions row by row, column by column.</summary>
internal static class DiffCommand
{
    public static Command Create(CliContext cli)
    {
        var a = new Argument<string>("a") { Description = "The version before" };
        var b = new Argument<string>("b") { Description = "The version after" };
        var json = CliContext.JsonOption();
        var command = new Command("diff", "Row-by-row differences between two versions") { a, b, json };
        return cli.Handle(command, (p, s) =>
        {
            var d = s.Diff(p.GetValue(a)!, p.GetValue(b)!);
            if (p.GetValue(json))
            {
                cli.WriteJson(new
                {
                    before = d.BeforeId, after = d.AfterId,
                    rows = d.Rows.Select(r => new { rule_id = r.RuleId, change = r.Change, fields = r.Fields.Select(FieldJson) }),
                    catalog = d.Catalog.Select(FieldJson),
                });
                return ExitCodes.Ok;
            }
            cli.Output.WriteLine($"{d.BeforeId} -> {d.AfterId}: {d.Rows.Count} row{(d.Rows.Count == 1 ? " differs" : "s differ")}{(d.Catalog.Count > 0 ? "; the catalog differs" : "")}");
            foreach (var row in d.Rows)
            {
                cli.Output.WriteLine($"{Display.Change(row.Change),-8} {row.RuleId}");
                foreach (var f in row.Fields.Where(_ => row.Change == RowChange.Changed))
                {
                    cli.Output.WriteLine($"           {f.Field}: {Display.OrNone(f.Before)} -> {Display.OrNone(f.After)}");
                }
            }
            foreach (var f in d.Catalog)
            {
                cli.Output.WriteLine($"catalog  {f.Field} changed");
            }
            return ExitCodes.Ok;
        });
    }

    /// <summary>A column as --json prints it: its name and its canonical JSON before and after ("" where absent).</summary>
    private static object FieldJson(FieldChange f) => new { field = f.Field, before = f.Before, after = f.After };
}
