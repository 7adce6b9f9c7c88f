namespace ImrGrpc.Storage;

public enum StoreErrorKind
{
    /// <summary>The file is missing its structure, corrupt, locked or unreadable.</summary>
    Unavailable,
    NotFound,
    /// <summary>A write to a published or retired version.</summary>
    Immutable,
    /// <summary>A stale write: someone else changed the row or version first.</summary>
    Conflict,
    /// <summary>The change breaks a rule of the tables (validation, windows, format).</summary>
    Invalid,
}

/// <summary>A store operation that was refused; nothing was written. The message is one line, fit for a user.</summary>
public sealed class StoreException(StoreErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public StoreErrorKind Kind { get; } = kind;

    /// <summary>The individual problems behind a refusal (validation errors), one per line.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];
}
