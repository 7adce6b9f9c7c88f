using System.CommandLine;
using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Presentation;
using ImrGrpc.Engine.Impact;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>
/// `impact`: replays cases under a draft and the version it would replace; counts every decision that changes and lists
/// the first ones. A JSON-lines file is streamed on every core with progress on standard error; Ctrl+C stops it.
/// </summary>
internal static class ImpactCommand
{
    public static Command Create(CliContext cli)
    {
        var draft = CliContext.DraftArgument();
        var cases = new Option<string?>("--cases")
        {
            Description = "JSON lines, one EvaluateRequestRequest per line (streamed: any size in constant memory); or a cases file, " +
                          "a single request or an array of requests (read into memory). Default: the built-in example and reviewer cases",
        };
        var against = new Option<string?>("--against") { Description = "The version to compare with (default: the one in force on --effective-from)" };
        var effective = new Option<string?>("--effective-from") { Description = "The date the draft would be published from (default: today)" };
        var maxChanges = new Option<int>("--max-changes")
        {
            Description = "List at most this many changed items, the first by position in the file; the rest are counted",
            DefaultValueFactory = _ => ImpactLimits.DefaultMaxChanges,
        };
        var maxErrors = new Option<int>("--max-errors")
        {
            Description = "List at most this many unreadable or undecidable cases, the first by position; the rest are counted",
            DefaultValueFactory = _ => ImpactLimits.DefaultMaxErrors,
        };
        var workers = new Option<int?>("--workers") { Description = "Cases decided in parallel (default: one per core); the report is the same for any number" };
        var noProgress = new Option<bool>("--no-progress") { Description = "No progress on standard error (by default: a bar on a terminal, a line every 5 s otherwise)" };
        var json = CliContext.JsonOption();
        var command = new Command("impact", "Replay cases under a draft and the version it would replace; list every decision that changes (exit 130 if cancelled with Ctrl+C)")
        {
            draft, cases, against, effective, maxChanges, maxErrors, workers, noProgress, json,
        };
        return cli.HandleAsync(command, async (p, s, token) =>
        {
            // A bad number is a usage error with its one-line reason, as a bad date is (exit 2).
            if (p.GetValue(maxChanges) < 0 || p.GetValue(maxErrors) < 0)
            {
                throw new FormatException("--max-changes and --max-errors cannot be negative");
            }
            if (p.GetValue(workers) is < 1)
            {
                throw new FormatException("--workers must be at least 1");
            }
            ICaseSource source = p.GetValue(cases) is { } file ? CaseFiles.Open(file) : CaseFiles.Default();
            var progress = p.GetValue(noProgress) ? null : new ProgressLine(cli.Error, cli.ErrorIsTerminal, cli.Time, "impact");
            ImpactReport report;
            try
            {
                report = await s.ImpactAsync(p.GetValue(draft)!, source, p.GetValue(against), CliContext.ParseDate(p.GetValue(effective), "--effective-from"),
                    new ImpactLimits(p.GetValue(maxChanges), p.GetValue(maxErrors)), p.GetValue(workers), progress, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                progress?.Clear();
                cli.Error.WriteLine("imrgrpc-admin: impact cancelled; nothing was changed");
                return ExitCodes.Cancelled;
            }
            progress?.Clear();
            if (p.GetValue(json))
            {
                cli.WriteJson(Json(report));
                return ExitCodes.Ok;
            }
            Write(cli.Output, report, source.Source);
            return ExitCodes.Ok;
        });
    }

    private static void Write(TextWriter output, ImpactReport r, string source)
    {
        output.WriteLine($"Impact of {r.AfterVersion} against {r.BeforeVersion} on {r.Cases} cases ({r.Items} items) from {source}:");
        output.WriteLine($"  newly certified {r.NewlyCertified}, newly denied {r.NewlyDenied}, other changes {r.OtherChanges}, unreadable {r.ErrorCount}");
        output.WriteLine($"  {"treatment",-32} {"items",6} {"certified",10} {"denied",7} {"other",6}");
        foreach (var t in r.ByTreatment)
        {
            output.WriteLine($"  {t.Treatment,-32} {t.Items,6} {t.NewlyCertified,10} {t.NewlyDenied,7} {t.OtherChanges,6}");
        }
        if (r.Changes.Count > 0)
        {
            output.WriteLine(r.ChangesNotListed > 0 ? $"Changed items (the first {r.Changes.Count} of {r.ChangedItems}):" : "Changed items:");
        }
        foreach (var c in r.Changes)
        {
            output.WriteLine($"  {Display.Direction(c.Direction, loud: true),-16} {c.CaseName} item {c.ItemId} ({c.Treatment}): " +
                             $"{Display.Determination(c.Before)} -> {Display.Determination(c.After)}, approvable {c.QuantityBefore} -> {c.QuantityAfter}" +
                             (c.PagesBefore.SequenceEqual(c.PagesAfter) ? "" : $", pages {string.Join(",", c.PagesBefore)} -> {string.Join(",", c.PagesAfter)}"));
        }
        if (r.ChangesNotListed > 0)
        {
            output.WriteLine($"  ... and {r.ChangesNotListed} more changed items, counted above (--max-changes lists more)");
        }
        foreach (var e in r.Errors)
        {
            output.WriteLine($"  unreadable       {e.CaseName}: {e.Message}");
        }
        if (r.ErrorsNotListed > 0)
        {
            output.WriteLine($"  ... and {r.ErrorsNotListed} more unreadable cases, counted above (--max-errors lists more)");
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
        other_changes = r.OtherChanges,
        changed_items = r.ChangedItems,
        changes_not_listed = r.ChangesNotListed,
        error_count = r.ErrorCount,
        errors_not_listed = r.ErrorsNotListed,
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
