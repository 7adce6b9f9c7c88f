using System.Collections.Frozen;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Compilation;

/// <summary>
/// One guideline version compiled for the request path: rows indexed by (treatment, phase, care type),
/// the ICD-10 prefix table sorted longest first, principles and caps looked up by key. Immutable and shared.
/// </summary>
public sealed class CompiledGuideline
{
    private readonly FrozenDictionary<(string Treatment, Phase Phase, CareType Care), RowBucket> _courseRows;
    private readonly FrozenDictionary<(string Treatment, string Procedure), CompiledRule[]> _postSurgicalRows;
    private readonly FrozenDictionary<string, CompiledRule> _caps;
    private readonly CompiledRule[] _principles;
    private readonly FrozenDictionary<string, ConditionGroupInfo>.AlternateLookup<ReadOnlySpan<char>> _icdPrefixes;
    private readonly int[] _icdPrefixLengths;

    internal CompiledGuideline(
        GuidelineBook book,
        IReadOnlyList<CompiledRule> rules,
        FrozenDictionary<(string, Phase, CareType), RowBucket> courseRows,
        FrozenDictionary<(string, string), CompiledRule[]> postSurgicalRows,
        FrozenDictionary<string, CompiledRule> caps,
        CompiledRule[] principles,
        (string, ConditionGroupInfo)[] icdPrefixes)
    {
        Book = book;
        Rules = rules;
        _courseRows = courseRows;
        _postSurgicalRows = postSurgicalRows;
        _caps = caps;
        _principles = principles;
        // Longest prefix first, so the first hit is the most specific group; where two groups list the same prefix the
        // first in that order keeps it. Lookups try each prefix length the table uses, longest first.
        var prefixes = new Dictionary<string, ConditionGroupInfo>(StringComparer.Ordinal);
        foreach (var (prefix, group) in icdPrefixes)
        {
            prefixes.TryAdd(prefix, group);
        }
        _icdPrefixes = prefixes.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _icdPrefixLengths = prefixes.Keys.Select(p => p.Length).Distinct().OrderDescending().ToArray();
        Treatments = book.Catalog.Treatments.ToFrozenDictionary(t => t.Code, StringComparer.Ordinal);
        TreatmentTitles = Treatments.Keys.ToFrozenDictionary(code => code,
            code => Rationale.Words.Capitalize(Rationale.DetailFormatter.TreatmentName(this, code)), StringComparer.Ordinal);
        BodyRegions = book.Catalog.BodyRegions.ToFrozenDictionary(r => r.Code, StringComparer.Ordinal);
        ConditionGroups = book.Catalog.ConditionGroups.ToFrozenDictionary(g => g.Code, StringComparer.Ordinal);
        Procedures = book.Catalog.Procedures.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);
        RulesById = rules.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);
        FunctionThresholds = FunctionThresholds.From(Principle(PrincipleCodes.FunctionalImprovementDefinition, "", Phase.Any)?.Row);
        foreach (var rule in rules)
        {
            rule.Describe(this);
        }
    }

    /// <summary>What counts as a clinically significant change in function under this version.</summary>
    public FunctionThresholds FunctionThresholds { get; }

    public GuidelineBook Book { get; }
    public VersionInfo Version => Book.Version;
    public Catalog Catalog => Book.Catalog;
    public IReadOnlyList<CompiledRule> Rules { get; }
    public FrozenDictionary<string, TreatmentInfo> Treatments { get; }

    /// <summary>Each treatment's name opening a sentence ("Physical therapy"), written once per version: detail lines
    /// and letters start with it for every item.</summary>
    internal FrozenDictionary<string, string> TreatmentTitles { get; }
    public FrozenDictionary<string, BodyRegionInfo> BodyRegions { get; }
    public FrozenDictionary<string, ConditionGroupInfo> ConditionGroups { get; }
    public FrozenDictionary<string, ProcedureInfo> Procedures { get; }
    public FrozenDictionary<string, CompiledRule> RulesById { get; }

    private static readonly CompiledRule[] None = [];

    /// <summary>Course rows for a treatment in a phase (rows for any phase included), in table order.</summary>
    public CompiledRule[] CourseRows(string treatment, Phase phase, CareType care) => CourseBucket(treatment, phase, care).All;

    /// <summary>The same rows, split by condition group for selection.</summary>
    public RowBucket CourseBucket(string treatment, Phase phase, CareType care) =>
        _courseRows.TryGetValue((treatment, phase, care), out var bucket) ? bucket : RowBucket.Empty;

    /// <summary>Post-surgical course rows for a treatment after a procedure.</summary>
    public CompiledRule[] PostSurgicalRows(string treatment, string procedure) =>
        _postSurgicalRows.TryGetValue((treatment, procedure), out var rows) ? rows : None;

    /// <summary>The statutory cap row that counts this treatment, if any.</summary>
    public CompiledRule? StatutoryCap(string treatment) => _caps.GetValueOrDefault(treatment);

    /// <summary>
    /// The most specific principle row for a treatment in a phase: a row naming the treatment beats one for
    /// all treatments, a row for the phase beats one for any phase. Null when the version has none.
    /// </summary>
    public CompiledRule? Principle(string principle, string treatment, Phase phase)
    {
        CompiledRule? best = null;
        var bestScore = -1;
        foreach (var rule in _principles)
        {
            var row = rule.Row;
            if (!string.Equals(row.Principle, principle, StringComparison.Ordinal))
            {
                continue;
            }
            var forTreatment = row.Treatments.Count == 0 ? 0 : Contains(row.Treatments, treatment) ? 2 : -1;
            var forPhase = row.Phase == Phase.Any ? 0 : row.Phase == phase ? 1 : -1;
            if (forTreatment < 0 || forPhase < 0)
            {
                continue;
            }
            var score = forTreatment + forPhase;
            if (score > bestScore)
            {
                best = rule;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>The condition group a diagnosis code maps to: the longest matching ICD-10-CM prefix.</summary>
    public ConditionGroupInfo? ConditionGroupOf(string normalizedIcd10)
    {
        var code = normalizedIcd10.AsSpan();
        foreach (var length in _icdPrefixLengths)
        {
            if (length <= code.Length && _icdPrefixes.TryGetValue(code[..length], out var group))
            {
                return group;
            }
        }
        return null;
    }

    /// <summary>Whether a cited guideline name is an MTUS source, per the version's alias table (null: unknown name).</summary>
    public GuidelineAlias? ClassifyGuideline(string cited)
    {
        // Callers cite the same few names over and over; remember them (up to a bound, whatever callers send).
        if (_classified.TryGetValue(cited, out var known))
        {
            return known;
        }
        GuidelineAlias? best = null;
        var aliases = Catalog.GuidelineAliases;
        for (var i = 0; i < aliases.Count; i++)
        {
            var alias = aliases[i];
            if (cited.Contains(alias.Match, StringComparison.OrdinalIgnoreCase) &&
                (best is null || alias.Match.Length > best.Match.Length))
            {
                best = alias;
            }
        }
        if (_classified.Count < MaxClassified)
        {
            _classified.TryAdd(cited, best);
        }
        return best;
    }

    private const int MaxClassified = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, GuidelineAlias?> _classified = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a row's region covers an item's region: the same region, or an umbrella region of the row
    /// that includes it. A row with no regions covers every region.
    /// </summary>
    public bool RowCoversAny(RuleRow row, IReadOnlyList<string> itemRegions)
    {
        if (row.BodyRegions.Count == 0 || itemRegions.Count == 0)
        {
            return true;
        }
        var rowRegions = row.BodyRegions;
        for (var r = 0; r < rowRegions.Count; r++)
        {
            for (var i = 0; i < itemRegions.Count; i++)
            {
                if (Covers(rowRegions[r], itemRegions[i]))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>The first item region a row covers, or null.</summary>
    public string? FirstCoveredRegion(RuleRow row, IReadOnlyList<string> itemRegions)
    {
        var rowRegions = row.BodyRegions;
        for (var i = 0; i < itemRegions.Count; i++)
        {
            for (var r = 0; r < rowRegions.Count; r++)
            {
                if (Covers(rowRegions[r], itemRegions[i]))
                {
                    return itemRegions[i];
                }
            }
        }
        return null;
    }

    /// <summary>Whether two sets of regions concern the same body part (either may be an umbrella of the other).</summary>
    public bool RegionsOverlap(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return true;
        }
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++)
            {
                if (Covers(a[i], b[j]) || Covers(b[j], a[i]))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Whether one of the regions is the region itself or an umbrella region that includes it.</summary>
    public bool RegionCoveredBy(string region, IReadOnlyList<string> regions)
    {
        for (var i = 0; i < regions.Count; i++)
        {
            if (Covers(regions[i], region))
            {
                return true;
            }
        }
        return false;
    }

    private bool Covers(string outer, string inner) =>
        string.Equals(outer, inner, StringComparison.Ordinal) ||
        (BodyRegions.TryGetValue(outer, out var info) && Contains(info.Includes, inner));

    internal static bool Contains(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
