namespace ImrGrpc.Engine.Model;

/// <summary>
/// The snake_case names the tables use for engine enums, both ways: the tables' own vocabulary (bundles, the editor's
/// choices, the CLI), so it lives beside the enums and every edge spells a value the same way.
/// </summary>
public static class EnumNames
{
    public static readonly IReadOnlyDictionary<string, RuleRole> Roles = Map(
        ("course", RuleRole.Course), ("statutory_cap", RuleRole.StatutoryCap), ("principle", RuleRole.Principle));

    public static readonly IReadOnlyDictionary<string, SourceKind> Sources = Map(
        ("mtus", SourceKind.Mtus), ("statute", SourceKind.Statute), ("non_mtus", SourceKind.NonMtus));

    public static readonly IReadOnlyDictionary<string, Phase> Phases = Map(
        ("any", Phase.Any), ("chronic", Phase.Chronic), ("acute", Phase.Acute), ("post_surgical", Phase.PostSurgical));

    public static readonly IReadOnlyDictionary<string, CareType> CareTypes = Map(
        ("therapeutic", CareType.Therapeutic), ("maintenance", CareType.Maintenance), ("flare_up", CareType.FlareUp));

    public static readonly IReadOnlyDictionary<string, CourseScope> Scopes = Map(
        ("claim", CourseScope.Claim), ("episode", CourseScope.Episode));

    public static readonly IReadOnlyDictionary<string, AdjunctRequirement> Adjuncts = Map(
        ("none", AdjunctRequirement.None), ("active_therapy", AdjunctRequirement.ActiveTherapy), ("program", AdjunctRequirement.Program));

    public static readonly IReadOnlyDictionary<string, Indication> Indications = Map(
        ("none", Indication.None), ("radiculopathy", Indication.Radiculopathy));

    public static readonly IReadOnlyDictionary<string, Rounding> Roundings = Map(("up", Rounding.Up), ("down", Rounding.Down));

    public static readonly IReadOnlyDictionary<string, Confidence> Confidences = Map(
        ("high", Confidence.High), ("medium", Confidence.Medium), ("low", Confidence.Low));

    public static readonly IReadOnlyDictionary<string, VersionStatus> Statuses = Map(
        ("draft", VersionStatus.Draft), ("published", VersionStatus.Published), ("retired", VersionStatus.Retired));

    public static string Name<TEnum>(IReadOnlyDictionary<string, TEnum> names, TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var (name, v) in names)
        {
            if (EqualityComparer<TEnum>.Default.Equals(v, value))
            {
                return name;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(value), value, null);
    }

    private static Dictionary<string, T> Map<T>(params (string Name, T Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
}
