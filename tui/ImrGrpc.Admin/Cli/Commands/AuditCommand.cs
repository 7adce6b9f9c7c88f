using System.CommandLine;
using ImrGrpc.Admin.Presentation;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>`audit`: who changed what and when, before and after; --verify checks the hash chain and published content.</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext cli)
    {
        var version = new Option<string?>("--version") { Description = "Only entries for this version" };
        var by = new Option<string?>("--by") { Description = "Only entries by this user" };
        var last = new Option<int?>("--last") { Description = "Only the last N entries" };
        var json = CliContext.JsonOption();
        var verify = new Option<bool>("--verify") { Description = "Check the audit log's hash chain and every published content hash; exit 1 on any break" };
        var command = new Command("audit", "The audit log: who changed what, when, before and after") { version, by, last, json, verify };
        return cli.Handle(command, (p, s) =>
        {
            if (p.GetValue(verify))
            {
                var check = s.Store.VerifyAudit();
                cli.Output.WriteLine($"audit log: {check.Entries} entries, {check.Chained} chained{(check.Unchained > 0 ? $", {check.Unchained} written before the chain" : "")}; published content hashes checked");
                foreach (var problem in check.Problems)
                {
                    cli.Error.WriteLine($"imrgrpc-admin: {problem}");
                }
                if (check.Intact)
                {
                    cli.Output.WriteLine("intact");
                }
                return check.Intact ? ExitCodes.Ok : ExitCodes.Refused;
            }
            var entries = s.Audit(p.GetValue(version), p.GetValue(by), p.GetValue(last));
            if (p.GetValue(json))
            {
                cli.WriteJson(entries);
                return ExitCodes.Ok;
            }
            foreach (var e in entries)
            {
                cli.Output.WriteLine($"{e.At:yyyy-MM-dd HH:mm:ss}Z {e.User,-12} {e.Action,-12} {e.VersionId,-14} {e.RuleId ?? "",-32} {e.Detail}");
                foreach (var change in e.Changes())
                {
                    cli.Output.WriteLine($"{"",36}{change.Field}: {Display.OrNone(change.Before)} -> {Display.OrNone(change.After)}");
                }
            }
            return ExitCodes.Ok;
        });
    }
}
