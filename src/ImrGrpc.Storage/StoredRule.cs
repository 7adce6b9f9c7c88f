using ImrGrpc.Engine.Model;

namespace ImrGrpc.Storage;

/// <summary>A rule row as the store holds it: its content, its row version, who changed it last and who verified it.</summary>
public sealed record StoredRule(
    string VersionId,
    RuleRow Row,
    int RowVersion,
    string UpdatedBy,
    DateTime UpdatedAt,
    string? VerifiedBy,
    DateTime? VerifiedAt)
{
    public bool Verified => VerifiedAt is not null;
}
