using System.CommandLine;
using ImrGrpc.Admin.Presentation;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>`versions`: every guideline version with its status, window, hash and rows; * marks the one in force today.</summary>
internal static class VersionsCommand
{
    public static Command Create(CliContext cli)
    {
        var json = CliContext.JsonOption();
        var command = new Command("versions", "List every guideline version: status, window, content hash, rows") { json };
        return cli.Handle(command, (p, s) =>
        {
            var list = s.Versions();
            var inForce = VersionWindows.InForceOn(list, static v => v.Info, s.Today);
            if (p.GetValue(json))
            {
                cli.WriteJson(list.Select(v => VersionJson.Of(v, v == inForce)));
                return ExitCodes.Ok;
            }
            cli.Output.WriteLine($"{"",1} {"id",-14} {"status",-10} {"from",-10} {"to",-10} {"hash",-12} {"parent",-14} {"rows",5} {"unverified",10}  label");
            foreach (var v in list)
            {
                var i = v.Info;
                var to = i.EffectiveFrom is null ? "-" : Display.Iso(i.EffectiveTo, "open");
                cli.Output.WriteLine($"{(v == inForce ? "*" : " ")} {i.Id,-14} {Display.Status(i.Status),-10} {Display.Iso(i.EffectiveFrom, "-"),-10} {to,-10} " +
                                     $"{Display.ShortHash(i.ContentHash, 12),-12} {i.ParentId ?? "-",-14} {v.RuleCount,5} {v.UnverifiedCount,10}  {i.Label}");
            }
            cli.Output.WriteLine("* in force today");
            return ExitCodes.Ok;
        });
    }
}
