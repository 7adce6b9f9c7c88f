using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.ViewModels;
using ImrGrpc.Engine.Impact;
using ImrGrpc.Engine.Model;
using ImrGrpc.Engine.Validation;
using ImrGrpc.Storage;
using ImrGrpc.Storage.Bundles;

namespace ImrGrpc.Admin.Cli;

/// <summary>
/// The scriptable commands. Each opens the store, does one thing, prints a table (or JSON with --json) and exits 0;
/// a refusal prints a one-line reason on standard error and exits non-zero.
/// </summary>
public static class AdminCli
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int Usage = 2;
    public const int Conflict = 3;
    public const int Immutable = 4;
    public const int NotFound = 5;
    public const int Unavailable = 6;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        var root = Build(output, error);
        var parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private sealed class Globals
    {
        public Option<string?> Db { get; } = new("--db") { Description = "The guideline store (LiteDB file); default: the per-user store the server also uses", Recursive = true };
        public Option<string?> User { get; } = new("--user") { Description = "Who is making the change, for the audit log (default: the OS user)", Recursive = true };
    }

    internal static RootCommand Build(TextWriter output, TextWriter error)
    {
        var g = new Globals();
        var root = new RootCommand("ImrGrpc guideline admin: run with no arguments for the interactive editor, or a command below.");
        root.Options.Add(g.Db);
        root.Options.Add(g.User);

        var jsonOption = new Option<bool>("--json") { Description = "Print JSON for scripts" };
        var versionArg = new Argument<string>("version") { Description = "A guideline version id (see: versions)" };
        var draftArg = new Argument<string>("draft") { Description = "A draft version id" };

        // versions
        var versions = new Command("versions", "List every guideline version: status, window, content hash, rows");
        versions.Options.Add(jsonOption);
        versions.SetAction(p => Execute(g, p, output, error, s =>
        {
            var list = s.Versions();
            var inForce = VersionWindows.InForceOn(list, static v => v.Info, s.Today);
            if (p.GetValue(jsonOption))
            {
                WriteJson(output, list.Select(v => VersionJson(v, v == inForce)));
                return Ok;
            }
            output.WriteLine($"{"",1} {"id",-14} {"status",-10} {"from",-10} {"to",-10} {"hash",-12} {"parent",-14} {"rows",5} {"unverified",10}  label");
            foreach (var v in list)
            {
                var i = v.Info;
                output.WriteLine($"{(v == inForce ? "*" : " ")} {i.Id,-14} {Status(i.Status),-10} {Iso(i.EffectiveFrom) ?? "-",-10} {(i.EffectiveFrom is null ? "-" : Iso(i.EffectiveTo) ?? "open"),-10} {i.ContentHash[..Math.Min(12, i.ContentHash.Length)],-12} {i.ParentId ?? "-",-14} {v.RuleCount,5} {v.UnverifiedCount,10}  {i.Label}");
            }
            output.WriteLine("* in force today");
            return Ok;
        }));
        root.Subcommands.Add(versions);

        // show
        var show = new Command("show", "Show a version's rule rows");
        show.Arguments.Add(versionArg);
        var treatmentFilter = new Option<string?>("--treatment") { Description = "Only rows for this treatment code" };
        show.Options.Add(treatmentFilter);
        show.Options.Add(jsonOption);
        show.SetAction(p => Execute(g, p, output, error, s =>
        {
            var id = p.GetValue(versionArg)!;
            var treatment = p.GetValue(treatmentFilter);
            var version = s.Version(id);
            var rows = s.Rules(id).Where(r => treatment is null || r.Row.Treatments.Contains(treatment)).ToList();
            if (p.GetValue(jsonOption))
            {
                WriteJson(output, new
                {
                    version = VersionJson(version, version.Info.Id == s.InForceOn()?.Id),
                    rules = rows.Select(r => new
                    {
                        row_version = r.RowVersion, updated_by = r.UpdatedBy, updated_at = r.UpdatedAt, verified_by = r.VerifiedBy, verified_at = r.VerifiedAt,
                        rule = RuleJson.ToJson(r.Row),
                    }),
                });
                return Ok;
            }
            output.WriteLine($"{version.Info.Id} ({Status(version.Info.Status)}) {version.Info.Label}");
            output.WriteLine($"{"rule",-36} {"treatments",-22} {"group",-22} {"phase",-13} {"min",4} {"max",4} {"wks",4} {"trial",5} {"pages",-12} conf");
            foreach (var r in rows)
            {
                var row = r.Row;
                var flags = row.NotRecommended ? " not-recommended" : "";
                output.WriteLine($"{row.Id,-36} {Clip(string.Join(",", row.Treatments), 22),-22} {Clip(row.ConditionGroup ?? (row.IsDefault ? "(default)" : "-"), 22),-22} {EnumNames.Name(EnumNames.Phases, row.Phase),-13} {N(row.MinVisits),4} {N(row.MaxVisits),4} {N(row.OverWeeks),4} {N(row.TrialVisits),5} {Clip(string.Join(",", row.Pages), 12),-12} {EnumNames.Name(EnumNames.Confidences, row.Confidence)}{(r.Verified ? " verified" : "")}{flags}");
            }
            return Ok;
        }));
        root.Subcommands.Add(show);

        // export
        var export = new Command("export", "Write a version to a canonical JSON bundle");
        var fileArg = new Argument<string>("file") { Description = "Bundle file to write" };
        export.Arguments.Add(versionArg);
        export.Arguments.Add(fileArg);
        export.SetAction(p => Execute(g, p, output, error, s =>
        {
            var id = p.GetValue(versionArg)!;
            var file = p.GetValue(fileArg)!;
            s.Export(id, file);
            output.WriteLine($"exported {id} (content {s.Version(id).Info.ContentHash}) to {file}");
            return Ok;
        }));
        root.Subcommands.Add(export);

        // import
        var import = new Command("import", "Import a one-version bundle as a new draft; prints the new id on the last line");
        var importFile = new Argument<string>("file") { Description = "Bundle file to read" };
        import.Arguments.Add(importFile);
        import.SetAction(p => Execute(g, p, output, error, s =>
        {
            var id = s.Import(p.GetValue(importFile)!);
            output.WriteLine($"imported as draft (content {s.Version(id).Info.ContentHash}):");
            output.WriteLine(id);
            return Ok;
        }));
        root.Subcommands.Add(import);

        // draft
        var draft = new Command("draft", "Create a draft cloned from a version; prints the new id on the last line");
        var fromArg = new Argument<string>("from-version") { Description = "The version to clone" };
        var labelOption = new Option<string?>("--label") { Description = "A label for the draft" };
        draft.Arguments.Add(fromArg);
        draft.Options.Add(labelOption);
        draft.SetAction(p => Execute(g, p, output, error, s =>
        {
            var id = s.CreateDraft(p.GetValue(fromArg)!, p.GetValue(labelOption));
            output.WriteLine($"draft created from {p.GetValue(fromArg)}:");
            output.WriteLine(id);
            return Ok;
        }));
        root.Subcommands.Add(draft);

        // set-limit
        var setLimit = new Command("set-limit", "Change a row's visit limits in a draft");
        var ruleArg = new Argument<string>("rule-id") { Description = "The row id (see: show)" };
        var min = new Option<int?>("--min-visits");
        var max = new Option<int?>("--max-visits");
        var weeks = new Option<int?>("--over-weeks");
        var trial = new Option<int?>("--trial-visits");
        var expected = new Option<int?>("--row-version") { Description = "Refuse if the row changed since this row version" };
        setLimit.Arguments.Add(draftArg);
        setLimit.Arguments.Add(ruleArg);
        foreach (var o in new[] { min, max, weeks, trial, expected })
        {
            setLimit.Options.Add(o);
        }
        setLimit.SetAction(p => Execute(g, p, output, error, s =>
        {
            var change = new LimitChange(p.GetValue(min), p.GetValue(max), p.GetValue(weeks), p.GetValue(trial));
            if (change == new LimitChange())
            {
                error.WriteLine("imrgrpc-admin: set-limit needs at least one of --min-visits, --max-visits, --over-weeks, --trial-visits");
                return Usage;
            }
            var before = s.Store.GetRule(p.GetValue(draftArg)!, p.GetValue(ruleArg)!);
            var after = s.SetLimits(p.GetValue(draftArg)!, p.GetValue(ruleArg)!, change, p.GetValue(expected));
            output.WriteLine($"{after.Row.Id} in {after.VersionId}: min {N(before.Row.MinVisits)} -> {N(after.Row.MinVisits)}, max {N(before.Row.MaxVisits)} -> {N(after.Row.MaxVisits)}, " +
                             $"weeks {N(before.Row.OverWeeks)} -> {N(after.Row.OverWeeks)}, trial {N(before.Row.TrialVisits)} -> {N(after.Row.TrialVisits)} (row version {after.RowVersion})");
            foreach (var problem in s.Validate(after.VersionId).Where(v => v.RuleId == after.Row.Id))
            {
                output.WriteLine($"  {problem}");
            }
            return Ok;
        }));
        root.Subcommands.Add(setLimit);

        // verify
        var verify = new Command("verify", "Record that a draft row was checked against the guideline text (who and when)");
        verify.Arguments.Add(draftArg);
        verify.Arguments.Add(ruleArg);
        verify.SetAction(p => Execute(g, p, output, error, s =>
        {
            var r = s.MarkVerified(p.GetValue(draftArg)!, p.GetValue(ruleArg)!);
            output.WriteLine($"{r.Row.Id} in {r.VersionId} verified by {r.VerifiedBy} at {r.VerifiedAt:yyyy-MM-dd HH:mm:ss} UTC");
            return Ok;
        }));
        root.Subcommands.Add(verify);

        // validate
        var validate = new Command("validate", "Check a version as publishing would; exits 1 when there are errors");
        validate.Arguments.Add(versionArg);
        validate.Options.Add(jsonOption);
        validate.SetAction(p => Execute(g, p, output, error, s =>
        {
            var id = p.GetValue(versionArg)!;
            var problems = s.Validate(id);
            var errors = problems.Count(v => v.Severity == Severity.Error);
            if (p.GetValue(jsonOption))
            {
                WriteJson(output, new { version = id, errors, warnings = problems.Count - errors, problems });
            }
            else
            {
                foreach (var problem in problems.OrderBy(v => v.Severity))
                {
                    output.WriteLine(problem);
                }
                output.WriteLine($"{id}: {errors} error{(errors == 1 ? "" : "s")}, {problems.Count - errors} warning{(problems.Count - errors == 1 ? "" : "s")}");
            }
            if (errors > 0)
            {
                error.WriteLine($"imrgrpc-admin: {id} has {errors} validation error{(errors == 1 ? "" : "s")}; it cannot be published");
                return Refused;
            }
            return Ok;
        }));
        root.Subcommands.Add(validate);

        // diff
        var diff = new Command("diff", "Row-by-row differences between two versions");
        var aArg = new Argument<string>("a") { Description = "The version before" };
        var bArg = new Argument<string>("b") { Description = "The version after" };
        diff.Arguments.Add(aArg);
        diff.Arguments.Add(bArg);
        diff.Options.Add(jsonOption);
        diff.SetAction(p => Execute(g, p, output, error, s =>
        {
            var d = s.Diff(p.GetValue(aArg)!, p.GetValue(bArg)!);
            if (p.GetValue(jsonOption))
            {
                WriteJson(output, new
                {
                    before = d.BeforeId, after = d.AfterId,
                    rows = d.Rows.Select(r => new { rule_id = r.RuleId, change = r.Change, fields = r.Fields.Select(FieldJson) }),
                    catalog = d.Catalog.Select(FieldJson),
                });
                return Ok;
            }
            output.WriteLine($"{d.BeforeId} -> {d.AfterId}: {d.Rows.Count} row{(d.Rows.Count == 1 ? " differs" : "s differ")}{(d.Catalog.Count > 0 ? "; the catalog differs" : "")}");
            foreach (var row in d.Rows)
            {
                output.WriteLine($"{row.Change.ToString().ToLowerInvariant(),-8} {row.RuleId}");
                foreach (var f in row.Fields.Where(_ => row.Change == Storage.Editing.RowChange.Changed))
                {
                    output.WriteLine($"           {f.Field}: {(f.Before.Length > 0 ? f.Before : "(none)")} -> {(f.After.Length > 0 ? f.After : "(none)")}");
                }
            }
            foreach (var f in d.Catalog)
            {
                output.WriteLine($"catalog  {f.Field} changed");
            }
            return Ok;
        }));
        root.Subcommands.Add(diff);

        // impact
        var impact = new Command("impact", "Replay cases under a draft and the version it would replace; list every decision that changes");
        var casesOption = new Option<string?>("--cases") { Description = "JSON lines of EvaluateRequestRequest, or a cases file (default: the built-in example and reviewer cases)" };
        var againstOption = new Option<string?>("--against") { Description = "The version to compare with (default: the one in force on --effective-from)" };
        var effectiveOption = new Option<string?>("--effective-from") { Description = "The date the draft would be published from (default: today)" };
        impact.Arguments.Add(draftArg);
        impact.Options.Add(casesOption);
        impact.Options.Add(againstOption);
        impact.Options.Add(effectiveOption);
        impact.Options.Add(jsonOption);
        impact.SetAction(p => Execute(g, p, output, error, s =>
        {
            var corpus = p.GetValue(casesOption) is { } file ? CaseFiles.Load(file) : CaseFiles.Default();
            var report = s.Impact(p.GetValue(draftArg)!, corpus, p.GetValue(againstOption), ParseDate(p.GetValue(effectiveOption), "--effective-from"));
            if (p.GetValue(jsonOption))
            {
                WriteJson(output, ImpactJson(report));
                return Ok;
            }
            WriteImpact(output, report, corpus.Source);
            return Ok;
        }));
        root.Subcommands.Add(impact);

        // publish
        var publish = new Command("publish", "Validate a draft and put it in service from a date (closes the predecessor's window)");
        var fromOption = new Option<string>("--effective-from") { Description = "First day in force (YYYY-MM-DD)", Required = true };
        var replaceOption = new Option<bool>("--replace") { Description = "Publish even over a version published after this draft was made (audited)" };
        publish.Arguments.Add(draftArg);
        publish.Options.Add(fromOption);
        publish.Options.Add(replaceOption);
        publish.SetAction(p => Execute(g, p, output, error, s =>
        {
            var date = ParseDate(p.GetValue(fromOption), "--effective-from")!.Value;
            var result = s.Publish(p.GetValue(draftArg)!, date, p.GetValue(replaceOption));
            var v = result.Published.Info;
            output.WriteLine($"published {v.Id} in force {Iso(v.EffectiveFrom)} to {Iso(v.EffectiveTo) ?? "open"} (content {v.ContentHash})");
            if (result.PredecessorId is { } pred)
            {
                output.WriteLine(result.PredecessorRetired ? $"{pred} retired: replaced from its first day" : $"{pred} now ends {Iso(result.PredecessorEffectiveTo)}");
            }
            return Ok;
        }));
        root.Subcommands.Add(publish);

        // retire
        var retire = new Command("retire", "Abandon a draft");
        retire.Arguments.Add(draftArg);
        retire.SetAction(p => Execute(g, p, output, error, s =>
        {
            s.Retire(p.GetValue(draftArg)!);
            output.WriteLine($"{p.GetValue(draftArg)} retired");
            return Ok;
        }));
        root.Subcommands.Add(retire);

        // backup
        var backup = new Command("backup", "Write a consistent, verified copy of the whole store to a new file");
        var backupFile = new Argument<string>("file") { Description = "The backup file to create (never overwritten)" };
        backup.Arguments.Add(backupFile);
        backup.SetAction(p => Execute(g, p, output, error, s =>
        {
            var b = s.Store.Backup(p.GetValue(backupFile)!);
            output.WriteLine($"backup written and verified: {b.Path} ({b.Versions} versions, {b.Rules} rows, {b.AuditEntries} audit entries, published revision {b.PublishedRevision})");
            return Ok;
        }));
        root.Subcommands.Add(backup);

        // restore
        var restore = new Command("restore", "Replace the store with a verified backup; the replaced file is kept beside it");
        var restoreFile = new Argument<string>("file") { Description = "The backup file to restore" };
        var forceOption = new Option<bool>("--force") { Description = "Restore even a backup whose audit chain or published content does not verify (audited)" };
        restore.Arguments.Add(restoreFile);
        restore.Options.Add(forceOption);
        restore.SetAction(p => Restore(g, p, output, error, p.GetValue(restoreFile)!, p.GetValue(forceOption)));
        root.Subcommands.Add(restore);

        // repair
        var repair = new Command("repair", "Rewrite the published directory servers read from the store (missing or damaged files)");
        repair.SetAction(p => Execute(g, p, output, error, s =>
        {
            var sync = s.Store.SyncPublished();
            output.WriteLine($"published directory {sync.Directory}: revision {sync.Revision}, {sync.ContentFilesWritten} content files written, manifest {(sync.ManifestWritten ? "rewritten" : "already up to date")}");
            return Ok;
        }));
        root.Subcommands.Add(repair);

        // audit
        var audit = new Command("audit", "The audit log: who changed what, when, before and after");
        var auditVersion = new Option<string?>("--version") { Description = "Only entries for this version" };
        var auditUser = new Option<string?>("--by") { Description = "Only entries by this user" };
        var lastOption = new Option<int?>("--last") { Description = "Only the last N entries" };
        audit.Options.Add(auditVersion);
        audit.Options.Add(auditUser);
        audit.Options.Add(lastOption);
        var verifyChain = new Option<bool>("--verify") { Description = "Check the audit log's hash chain and every published content hash; exit 1 on any break" };
        audit.Options.Add(jsonOption);
        audit.Options.Add(verifyChain);
        audit.SetAction(p => Execute(g, p, output, error, s =>
        {
            if (p.GetValue(verifyChain))
            {
                var check = s.Store.VerifyAudit();
                output.WriteLine($"audit log: {check.Entries} entries, {check.Chained} chained{(check.Unchained > 0 ? $", {check.Unchained} written before the chain" : "")}; published content hashes checked");
                foreach (var problem in check.Problems)
                {
                    error.WriteLine($"imrgrpc-admin: {problem}");
                }
                if (check.Intact)
                {
                    output.WriteLine("intact");
                }
                return check.Intact ? Ok : Refused;
            }
            var entries = s.Audit(p.GetValue(auditVersion), p.GetValue(auditUser), p.GetValue(lastOption));
            if (p.GetValue(jsonOption))
            {
                WriteJson(output, entries);
                return Ok;
            }
            foreach (var e in entries)
            {
                output.WriteLine($"{e.At:yyyy-MM-dd HH:mm:ss}Z {e.User,-12} {e.Action,-12} {e.VersionId,-14} {e.RuleId ?? "",-32} {e.Detail}");
                foreach (var change in e.Changes())
                {
                    output.WriteLine($"{"",36}{change.Field}: {Display.OrNone(change.Before)} -> {Display.OrNone(change.After)}");
                }
            }
            return Ok;
        }));
        root.Subcommands.Add(audit);

        return root;
    }

    // ------------------------------------------------------------------ execution and errors

    private static int Execute(Globals g, ParseResult p, TextWriter output, TextWriter error, Func<AdminSession, int> action)
    {
        try
        {
            using var session = AdminSession.Open(p.GetValue(g.Db), p.GetValue(g.User));
            return action(session);
        }
        catch (StoreException e)
        {
            error.WriteLine($"imrgrpc-admin: {e.Message}");
            foreach (var detail in e.Details.Skip(1))
            {
                output.WriteLine($"  {detail}");
            }
            return e.Kind switch
            {
                StoreErrorKind.Conflict => Conflict,
                StoreErrorKind.Immutable => Immutable,
                StoreErrorKind.NotFound => NotFound,
                StoreErrorKind.Unavailable => Unavailable,
                _ => Refused,
            };
        }
        catch (Exception e) when (e is BundleFormatException or IOException or UnauthorizedAccessException or FormatException or JsonException)
        {
            error.WriteLine($"imrgrpc-admin: {e.Message.ReplaceLineEndings(" ")}");
            return Usage;
        }
    }

    /// <summary>Restore works on the file itself: the live store may be unreadable, which is when a restore is needed.</summary>
    private static int Restore(Globals g, ParseResult p, TextWriter output, TextWriter error, string file, bool force)
    {
        try
        {
            var user = p.GetValue(g.User) is { Length: > 0 } u ? u : Environment.UserName;
            var result = GuidelineStore.Restore(file, StoreDefaults.Resolve(p.GetValue(g.Db)), user, force: force);
            output.WriteLine($"restored {result.LivePath} from {file} ({result.Restored.Versions} versions, verified)");
            if (result.PreviousKeptAt is { } kept)
            {
                output.WriteLine($"the replaced store was kept as {kept}");
            }
            return Ok;
        }
        catch (StoreException e)
        {
            error.WriteLine($"imrgrpc-admin: {e.Message}");
            return e.Kind == StoreErrorKind.Unavailable ? Unavailable : Refused;
        }
    }

    private static DateOnly? ParseDate(string? text, string option)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"{option} '{text}' is not a date YYYY-MM-DD");
    }

    // ------------------------------------------------------------------ output

    private static void WriteImpact(TextWriter output, ImpactReport r, string source)
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
            output.WriteLine($"  {Direction(c.Direction),-16} {c.CaseName} item {c.ItemId} ({c.Treatment}): {Words(c.Before)} -> {Words(c.After)}, approvable {c.QuantityBefore} -> {c.QuantityAfter}" +
                             (c.PagesBefore.SequenceEqual(c.PagesAfter) ? "" : $", pages {string.Join(",", c.PagesBefore)} -> {string.Join(",", c.PagesAfter)}"));
        }
        foreach (var e in r.Errors)
        {
            output.WriteLine($"  unreadable       {e.CaseName}: {e.Message}");
        }
    }

    private static object ImpactJson(ImpactReport r) => new
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

    internal static string Words(Engine.Evaluation.Determination d) => d switch
    {
        Engine.Evaluation.Determination.MedicallyNecessary => "medically necessary",
        Engine.Evaluation.Determination.NotMedicallyNecessary => "not medically necessary",
        Engine.Evaluation.Determination.Modified => "modified",
        Engine.Evaluation.Determination.InsufficientInformation => "pended for information",
        _ => "physician review",
    };

    private static string Direction(ImpactDirection d) => d switch
    {
        ImpactDirection.NewlyCertified => "NEWLY CERTIFIED",
        ImpactDirection.NewlyDenied => "NEWLY DENIED",
        ImpactDirection.QuantityChanged => "quantity",
        ImpactDirection.DeterminationChanged => "determination",
        _ => "citations",
    };

    private static object VersionJson(StoredVersion v, bool inForceToday) => new
    {
        id = v.Info.Id,
        label = v.Info.Label,
        status = Status(v.Info.Status),
        effective_from = Iso(v.Info.EffectiveFrom),
        effective_to = Iso(v.Info.EffectiveTo),
        in_force_today = inForceToday,
        content_hash = v.Info.ContentHash,
        parent_id = v.Info.ParentId,
        rule_count = v.RuleCount,
        unverified_count = v.UnverifiedCount,
        created_by = v.CreatedBy,
        created_at = v.CreatedAt,
        published_by = v.PublishedBy,
        published_at = v.PublishedAt,
    };

    private static object FieldJson(Storage.Editing.FieldChange f) => new { field = f.Field, before = f.Before, after = f.After };

    private static void WriteJson<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, Json));

    private static string Status(VersionStatus s) => EnumNames.Name(EnumNames.Statuses, s);

    private static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Clip(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "~";
}
