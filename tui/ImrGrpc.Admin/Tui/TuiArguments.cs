namespace ImrGrpc.Admin.Tui;

/// <summary>Which command lines open the TUI: none at all, or only --db and --user (with their values).</summary>
public static class TuiArguments
{
    public static bool TryParse(IReadOnlyList<string> args, out string? db, out string? user)
    {
        db = null;
        user = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? value;
            string name;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                name = arg[..eq];
                value = arg[(eq + 1)..];
            }
            else
            {
                name = arg;
                if (i + 1 >= args.Count || args[i + 1].StartsWith('-'))
                {
                    return false;
                }
                value = args[++i];
            }
            switch (name)
            {
                case "--db":
                    db = value;
                    break;
                case "--user":
                    user = value;
                    break;
                default:
                    return false;
            }
        }
        return true;
    }
}
