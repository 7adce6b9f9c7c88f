namespace ImrGrpc.Engine.Model;

/// <summary>The codes a version's catalog knows, by <see cref="CodeSet"/>: what a code column's values are checked against.</summary>
public sealed class KnownCodes
{
    private static readonly IReadOnlySet<string> Principles = PrincipleCodes.All.ToHashSet(StringComparer.Ordinal);
    private static readonly IReadOnlySet<string> Nothing = new HashSet<string>();
    private readonly Dictionary<CodeSet, IReadOnlySet<string>> _sets;

    private KnownCodes(Dictionary<CodeSet, IReadOnlySet<string>> sets) => _sets = sets;

    public static KnownCodes Of(Catalog catalog) => new(new()
    {
        [CodeSet.Treatment] = Set(catalog.Treatments.Select(t => t.Code)),
        [CodeSet.BodyRegion] = Set(catalog.BodyRegions.Select(r => r.Code)),
        [CodeSet.ConditionGroup] = Set(catalog.ConditionGroups.Select(g => g.Code)),
        [CodeSet.Procedure] = Set(catalog.Procedures.Select(p => p.Code)),
        [CodeSet.Principle] = Principles,
    });

    /// <summary>Every code of a set (none for <see cref="CodeSet.None"/>).</summary>
    public IReadOnlySet<string> this[CodeSet set] => _sets.GetValueOrDefault(set, Nothing);

    /// <summary>The values of a code column on a row (none when it is empty or not a code column).</summary>
    public static IEnumerable<string> In(RuleColumn column, RuleRow row) => column.ValueOf(row) switch
    {
        IReadOnlyList<string> list => list,
        string code when column.Kind == ColumnKind.Code && code.Length > 0 => [code],
        _ => [],
    };

    private static HashSet<string> Set(IEnumerable<string> codes) => codes.Where(c => !string.IsNullOrWhiteSpace(c)).ToHashSet(StringComparer.Ordinal);
}
