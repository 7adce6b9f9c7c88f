using LiteDB;

namespace ImrGrpc.Storage.Documents;

/// <summary>Store-wide counters. Revision rises on every committed change; PublishedRevision only when what is served changes.</summary>
public sealed class MetaDocument
{
    public const string SingletonId = "store";

    [BsonId]
    public string Id { get; set; } = SingletonId;
    public int SchemaVersion { get; set; }
    public long Revision { get; set; }
    public long PublishedRevision { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A guideline version: identity, window, lifecycle.</summary>
public sealed class VersionDocument
{
    [BsonId]
    public string Id { get; set; } = "";
    public string Label { get; set; } = "";
    /// <summary>ISO dates (YYYY-MM-DD); null while a draft or when open-ended.</summary>
    public string? EffectiveFrom { get; set; }
    public string? EffectiveTo { get; set; }
    public string Status { get; set; } = "draft";
    public string? ParentId { get; set; }
    public string ContentHash { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? RetiredBy { get; set; }
    public DateTime? RetiredAt { get; set; }
    /// <summary>Bumped on every change to the version or its rows (optimistic concurrency at version level).</summary>
    public int Revision { get; set; }
}

/// <summary>A version's catalog (codes and mappings), in its canonical JSON shape.</summary>
public sealed class CatalogDocument
{
    [BsonId]
    public string Id { get; set; } = "";
    public BsonDocument Catalog { get; set; } = [];
}

/// <summary>One rule row of one version. The row's columns live in <see cref="Rule"/> in their canonical JSON shape.</summary>
public sealed class RuleDocument
{
    /// <summary>"{version id}/{rule id}".</summary>
    [BsonId]
    public string Id { get; set; } = "";
    public string VersionId { get; set; } = "";
    public string RuleId { get; set; } = "";
    /// <summary>Rises on every edit; a write that names an older row version is refused.</summary>
    public int RowVersion { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public string? VerifiedBy { get; set; }
    public DateTime? VerifiedAt { get; set; }
    public BsonDocument Rule { get; set; } = [];

    public static string KeyOf(string versionId, string ruleId) => $"{versionId}/{ruleId}";
}

/// <summary>One entry of the append-only audit log.</summary>
public sealed class AuditDocument
{
    [BsonId(autoId: true)]
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string User { get; set; } = "";
    public string Action { get; set; } = "";
    public string? VersionId { get; set; }
    public string? RuleId { get; set; }
    /// <summary>The row (canonical JSON) before and after the change; null where it did not exist.</summary>
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Detail { get; set; }
    /// <summary>The <see cref="Hash"/> of the entry before ("" for the first); entries written before the chain have neither.</summary>
    public string? PreviousHash { get; set; }
    /// <summary>sha-256 over the previous hash and every field of this entry.</summary>
    public string? Hash { get; set; }
}
