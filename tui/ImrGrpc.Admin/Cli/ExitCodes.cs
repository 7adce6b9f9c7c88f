namespace ImrGrpc.Admin.Cli;

/// <summary>What the admin tool exits with; scripts and the fault suite rely on these numbers.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Refused (validation errors, a broken audit chain...).</summary>
    public const int Refused = 1;
    /// <summary>Bad usage: a missing option, a date that is not one, a file that cannot be read.</summary>
    public const int Usage = 2;
    /// <summary>A stale write, or a publish in between.</summary>
    public const int Conflict = 3;
    /// <summary>A published version, which never changes.</summary>
    public const int Immutable = 4;
    public const int NotFound = 5;
    /// <summary>The store cannot be read, is read-only or full.</summary>
    public const int Unavailable = 6;
    /// <summary>Stopped by Ctrl+C (SIGINT) or SIGTERM before it finished (128 + SIGINT, as shells report it); nothing was changed.</summary>
    public const int Cancelled = 130;
}
