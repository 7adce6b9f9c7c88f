using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImrGrpc.Admin.Application;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage;
using ImrGrpc.Storage.Bundles;

namespace ImrGrpc.Admin.Cli;

/// <summary>
/// What every command shares: where it writes, the global --db and --user options, the arguments several commands take,
/// and running a command against an opened store, turning a refusal into its one-line reason and exit code.
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter error, StoreHooks hooks, TimeProvider time, bool errorIsTerminal)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>The clock progress is paced by.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Whether standard error is a terminal (a progress bar redrawn in place) or a log (plain lines).</summary>
    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    public Option<string?> Db { get; } = new("--db") { Description = "The guideline store (LiteDB file); default: the per-user store the server also uses", Recursive = true };

    public Option<string?> User { get; } = new("--user") { Description = "Who is making the change, for the audit log (default: the OS user)", Recursive = true };

    public static Option<bool> JsonOption() => new("--json") { Description = "Print JSON for scripts" };

    public static Argument<string> VersionArgument() => new("version") { Description = "A guideline version id (see: versions)" };

    public static Argument<string> DraftArgument() => new("draft") { Description = "A draft version id" };

    /// <summary>The command, set to run <paramref name="action"/> on an opened session (see <see cref="Execute"/>).</summary>
    public Command Handle(Command command, Func<ParseResult, AdminSession, int> action)
    {
        command.SetAction(p => Execute(p, s => action(p, s)));
        return command;
    }

    /// <summary>
    /// The command, set to run <paramref name="action"/> on an opened session with a token that Ctrl+C (SIGINT, SIGTERM)
    /// cancels; a cancelled command exits <see cref="ExitCodes.Cancelled"/>.
    /// </summary>
    public Command HandleAsync(Command command, Func<ParseResult, AdminSession, CancellationToken, Task<int>> action)
    {
        command.SetAction((p, token) => ExecuteAsync(p, s => action(p, s, token)));
        return command;
    }

    /// <summary>Opens the store, runs the command, and maps a refusal to its exit code (its reason on standard error).</summary>
    public int Execute(ParseResult parse, Func<AdminSession, int> action) =>
        ExecuteAsync(parse, s => Task.FromResult(action(s))).GetAwaiter().GetResult();

    private async Task<int> ExecuteAsync(ParseResult parse, Func<AdminSession, Task<int>> action)
    {
        try
        {
            using var session = AdminSession.Open(parse.GetValue(Db), parse.GetValue(User), time: Time, hooks: hooks);
            return await action(session).ConfigureAwait(false);
        }
        catch (StoreException e)
        {
            Error.WriteLine($"imrgrpc-admin: {e.Message}");
            foreach (var detail in e.Details.Skip(1))
            {
                Output.WriteLine($"  {detail}");
            }
            return ExitCode(e);
        }
        catch (Exception e) when (e is BundleFormatException or IOException or UnauthorizedAccessException or FormatException or JsonException)
        {
            Error.WriteLine($"imrgrpc-admin: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Usage;
        }
    }

    public void WriteJson<T>(T value) => Output.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>A date option: null when not given; a usage error naming the option when it is not YYYY-MM-DD.</summary>
    public static DateOnly? ParseDate(string? text, string option)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return IsoDate.TryParse(text, out var date) ? date : throw new FormatException($"{option} '{text}' is not a date YYYY-MM-DD");
    }

    private static int ExitCode(StoreException e) => e.Kind switch
    {
        StoreErrorKind.Conflict => ExitCodes.Conflict,
        StoreErrorKind.Immutable => ExitCodes.Immutable,
        StoreErrorKind.NotFound => ExitCodes.NotFound,
        StoreErrorKind.Unavailable => ExitCodes.Unavailable,
        _ => ExitCodes.Refused,
    };
}
