using System.CommandLine;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.Cli.Commands;

/// <summary>
/// `restore`: replaces the store with a verified backup. It works on the file itself, not through an opened session:
/// the live store may be unreadable, which is when a restore is needed.
/// </summary>
internal static class RestoreCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<string>("file") { Description = "The backup file to restore" };
        var force = new Option<bool>("--force") { Description = "Restore even a backup whose audit chain or published content does not verify (audited)" };
        var command = new Command("restore", "Replace the store with a verified backup; the replaced file is kept beside it") { file, force };
        command.SetAction(p => Restore(cli, p, p.GetValue(file)!, p.GetValue(force)));
        return command;
    }

    private static int Restore(CliContext cli, ParseResult p, string file, bool force)
    {
        try
        {
            var user = p.GetValue(cli.User) is { Length: > 0 } u ? u : Environment.UserName;
            var result = GuidelineStore.Restore(file, StoreDefaults.Resolve(p.GetValue(cli.Db)), user, force: force);
            cli.Output.WriteLine($"restored {result.LivePath} from {file} ({result.Restored.Versions} versions, verified)");
            if (result.PreviousKeptAt is { } kept)
            {
                cli.Output.WriteLine($"the replaced store was kept as {kept}");
            }
            return ExitCodes.Ok;
        }
        catch (StoreException e)
        {
            cli.Error.WriteLine($"imrgrpc-admin: {e.Message}");
            return e.Kind == StoreErrorKind.Unavailable ? ExitCodes.Unavailable : ExitCodes.Refused;
        }
    }
}
