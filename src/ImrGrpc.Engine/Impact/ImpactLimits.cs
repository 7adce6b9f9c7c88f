namespace ImrGrpc.Engine.Impact;

/// <summary>
/// How much of a replay is listed rather than only counted: a corpus of millions of cases must not be held in memory,
/// so a report lists the first changed items and the first unreadable cases (by position in the corpus) and counts the
/// rest. Totals are always over every case.
/// </summary>
public sealed record ImpactLimits(int MaxChanges = ImpactLimits.DefaultMaxChanges, int MaxErrors = ImpactLimits.DefaultMaxErrors)
{
    public const int DefaultMaxChanges = 1000;
    public const int DefaultMaxErrors = 1000;

    public static ImpactLimits Default { get; } = new();

    public int MaxChanges { get; } = MaxChanges >= 0 ? MaxChanges : throw new ArgumentOutOfRangeException(nameof(MaxChanges), "cannot be negative");

    public int MaxErrors { get; } = MaxErrors >= 0 ? MaxErrors : throw new ArgumentOutOfRangeException(nameof(MaxErrors), "cannot be negative");
}
