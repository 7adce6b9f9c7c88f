using System.CommandLine;
using ImrGrpc.Engine.Validation;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>`validate`: the publish check on a version; errors exit 1, warnings do not.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext cli)
    {
        var version = CliContext.VersionArgument();
        var json = CliContext.JsonOption();
        var command = new Command("validate", "Check a version as publishing would; exits 1 when there are errors") { version, json };
        return cli.Handle(command, (p, s) =>
        {
            var id = p.GetValue(version)!;
            var problems = s.Validate(id);
            var errors = problems.Count(v => v.Severity == Severity.Error);
            var warnings = problems.Count - errors;
            if (p.GetValue(json))
            {
                cli.WriteJson(new { version = id, errors, warnings, problems });
            }
            else
            {
                foreach (var problem in problems.OrderBy(v => v.Severity))
                {
                    cli.Output.WriteLine(problem);
                }
                cli.Output.WriteLine($"{id}: {errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}");
            }
            if (errors > 0)
            {
                cli.Error.WriteLine($"imrgrpc-admin: {id} has {errors} validation error{(errors == 1 ? "" : "s")}; it cannot be published");
                return ExitCodes.Refused;
            }
            return ExitCodes.Ok;
        });
    }
}
