namespace ImrGrpc.Engine.Model;

/// <summary>Lifecycle state of a version.</summary>
public enum VersionStatus
{
    Draft = 0,
    Published = 1,
    Retired = 2,
}

/// <summary>Identity and window of a guideline version.</summary>
public sealed record VersionInfo
{
    public required string Id { get; init; }
    public string Label { get; init; } = "";
    public DateOnly? EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }
    public VersionStatus Status { get; init; }
    public string? ParentId { get; init; }
    public string ContentHash { get; init; } = "";

    public bool IsInForceOn(DateOnly date) =>
        EffectiveFrom is { } from && from <= date && (EffectiveTo is not { } to || date <= to);
}

/// <summary>A whole rule book: one version's catalog and rows.</summary>
public sealed record GuidelineBook(VersionInfo Version, Catalog Catalog, IReadOnlyList<RuleRow> Rules);
