namespace ImrGrpc.Engine.Model;

/// <summary>A code and what it means.</summary>
public sealed record CodeInfo(string Code, string Description);

/// <summary>A treatment the tables know, with the attributes criteria need.</summary>
public sealed record TreatmentInfo
{
    public required string Code { get; init; }
    public required string Description { get; init; }
    /// <summary>Short noun phrase used in rationale text ("physical therapy").</summary>
    public string Name { get; init; } = "";
    /// <summary>What a quantity counts: visits, months, injections, sessions.</summary>
    public string Unit { get; init; } = "visits";
    /// <summary>Passive care (massage, manipulation, TENS): used sparingly in the chronic phase.</summary>
    public bool Passive { get; init; }
    /// <summary>Active therapy (exercise the worker performs); satisfies an active-therapy adjunct.</summary>
    public bool Active { get; init; }
}

/// <summary>A guideline condition group and the ICD-10-CM prefixes that map to it.</summary>
public sealed record ConditionGroupInfo(string Code, string Description, IReadOnlyList<string> Icd10Prefixes);

/// <summary>A surgical procedure and the condition group it treats.</summary>
public sealed record ProcedureInfo(string Code, string Description, string? ConditionGroup);

/// <summary>A body region; an umbrella region (upper extremity) lists the regions it covers.</summary>
public sealed record BodyRegionInfo(string Code, string Description, IReadOnlyList<string> Includes);

/// <summary>How a guideline name cited by a claims administrator is classified.</summary>
public sealed record GuidelineAlias(string Match, string Name, bool Mtus);

/// <summary>The versioned catalog: codes requests may use and how they map.</summary>
public sealed record Catalog
{
    public IReadOnlyList<TreatmentInfo> Treatments { get; init; } = [];
    public IReadOnlyList<BodyRegionInfo> BodyRegions { get; init; } = [];
    public IReadOnlyList<ConditionGroupInfo> ConditionGroups { get; init; } = [];
    public IReadOnlyList<ProcedureInfo> Procedures { get; init; } = [];
    public IReadOnlyList<GuidelineAlias> GuidelineAliases { get; init; } = [];
}
