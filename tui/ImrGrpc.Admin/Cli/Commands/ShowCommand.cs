using System.CommandLine;
using ImrGrpc.Admin.Presentation;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage;
using ImrGrpc.Storage.Bundles;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>`show`: a version's rule rows as a table (cells from the column descriptors), or every column with --json.</summary>
internal static class ShowCommand
{
    public static Command Create(CliContext cli)
    {
        var version = CliContext.VersionArgument();
        var treatment = new Option<string?>("--treatment") { Description = "Only rows for this treatment code" };
        var json = CliContext.JsonOption();
        var command = new Command("show", "Show a version's rule rows") { version, treatment, json };
        return cli.Handle(command, (p, s) =>
        {
            var id = p.GetValue(version)!;
            var only = p.GetValue(treatment);
            var v = s.Version(id);
            var rows = s.Rules(id).Where(r => only is null || r.Row.Treatments.Contains(only)).ToList();
            if (p.GetValue(json))
            {
                cli.WriteJson(new
                {
                    version = VersionJson.Of(v, v.Info.Id == s.InForceOn()?.Id),
                    rules = rows.Select(r => new
                    {
                        row_version = r.RowVersion, updated_by = r.UpdatedBy, updated_at = r.UpdatedAt, verified_by = r.VerifiedBy, verified_at = r.VerifiedAt,
                        rule = RuleJson.ToJson(r.Row),
                    }),
                });
                return ExitCodes.Ok;
            }
            cli.Output.WriteLine($"{v.Info.Id} ({Display.Status(v.Info.Status)}) {v.Info.Label}");
            cli.Output.WriteLine($"{"rule",-36} {"treatments",-22} {"group",-22} {"phase",-13} {"min",4} {"max",4} {"wks",4} {"trial",5} {"pages",-12} conf");
            foreach (var r in rows)
            {
                cli.Output.WriteLine(Line(r));
            }
            return ExitCodes.Ok;
        });
    }

    private static string Line(StoredRule r)
    {
        var row = r.Row;
        string Cell(RuleColumn column) => Display.Cell(column, row);
        var flags = row.NotRecommended ? " not-recommended" : "";
        return $"{row.Id,-36} {Display.Clip(Cell(RuleColumns.Treatments), 22),-22} {Display.Clip(Display.Group(row), 22),-22} {Cell(RuleColumns.Phase),-13} " +
               $"{Cell(RuleColumns.MinVisits),4} {Cell(RuleColumns.MaxVisits),4} {Cell(RuleColumns.OverWeeks),4} {Cell(RuleColumns.TrialVisits),5} " +
               $"{Display.Clip(Cell(RuleColumns.Pages), 12),-12} {Cell(RuleColumns.Confidence)}{(r.Verified ? " verified" : "")}{flags}";
    }
}
