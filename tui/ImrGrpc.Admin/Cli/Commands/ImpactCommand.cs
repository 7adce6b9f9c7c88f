using System.CommandLine;
using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Presentation;
using ImrGrpc.Engine.Impact;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>`impact`: replays cases under a draft and the version it would replace; lists every decision that changes.</summary>
internal static class ImpactCommand
{
    public static Command Create(CliContext cli)
    {
        var draft = CliContext.DraftArgument();
        var cases = new Option<string?>("--cases") { Description = "JSON lines of EvaluateRequestRequest, or a cases file (default: the built-in example and reviewer cases)" };
        var against = new Option<string?>("--against") { Description = "The version to compare with (default: the one in force on --effective-from)" };
        var effective = new Option<string?>("--effective-from") { Description = "The date the draft would be published from (default: today)" };
        var json = CliContext.JsonOption();
        var command = new Command("impact", "Replay cases under a draft and the version it would replace; list every decision that changes") { draft, cases, against, effective, json };
        return cli.Handle(command, (p, s) =>
        {
            var corpus = p.GetValue(cases) is { } file ? CaseFiles.Load(file) : CaseFiles.Default();
            var report = s.Impact(p.GetValue(draft)!, corpus, p.GetValue(against), CliContext.ParseDate(p.GetValue(effective), "--effective-from"));
            if (p.GetValue(json))
            {
                cli.WriteJson(Json(report));
                return ExitCodes.Ok;
            }
            Write(cli.Output, report, corpus.Source);
            return ExitCodes.Ok;
        });
    }

    private static void Write(TextWriter output, ImpactReport r, string source)
    {
        output.WriteLine($"Impact of {r.AfterVersion} against {r.BeforeVersion} on {r.Cases} cases ({r.Items} items) from {source}:");
        output.WriteLine($"  newly certified {r.NewlyCertified}, newly denied {r.NewlyDenied}, other changes {r.Changes.Count - r.NewlyCertified - r.NewlyDenied}, unreadable {r.Errors.Count}");
        output.WriteLine($"  {"treatment",-32} {"items",6} {"certified",10} {"denied",7} {"other",6}");
        foreach (var t in r.ByTreatment)
        {
            output.WriteLine($"  {t.Treatment,-32} {t.Items,6} {t.NewlyCertified,10} {t.NewlyDenied,7} {t.OtherChanges,6}");
        }
        if (r.Changes.Count > 0)
        {
            output.WriteLine("Changed items:");
        }
        foreach (var c in r.Changes)
        {
            output.WriteLine($"  {Display.Direction(c.Direction, loud: true),-16} {c.CaseName} item {c.ItemId} ({c.Treatment}): " +
                             $"{Display.Determination(c.Before)} -> {Display.Determination(c.After)}, approvable {c.QuantityBefore} -> {c.QuantityAfter}" +
                             (c.PagesBefore.SequenceEqual(c.PagesAfter) ? "" : $", pages {string.Join(",", c.PagesBefore)} -> {string.Join(",", c.PagesAfter)}"));
        }
        foreach (var e in r.Errors)
        {
            output.WriteLine($"  unreadable       {e.CaseName}: {e.Message}");
        }
    }

    private static object Json(ImpactReport r) => new
    {
        before = r.BeforeVersion,
        after = r.AfterVersion,
        cases = r.Cases,
        items = r.Items,
        newly_certified = r.NewlyCertified,
        newly_denied = r.NewlyDenied,
        by_treatment = r.ByTreatment,
        changes = r.Changes.Select(c => new
        {
            @case = c.CaseName, case_id = c.CaseId, item_id = c.ItemId, treatment = c.Treatment, direction = c.Direction,
            before = c.Before, after = c.After, quantity_before = c.QuantityBefore, quantity_after = c.QuantityAfter,
            pages_before = c.PagesBefore, pages_after = c.PagesAfter,
        }),
        errors = r.Errors,
    };
}
