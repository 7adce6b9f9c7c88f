using System.Text.Json.Nodes;
using ImrGrpc.Storage.Editing;

namespace ImrGrpc.Storage;

/// <summary>One entry of the audit log; <see cref="Before"/> and <see cref="After"/> are a row's canonical JSON.</summary>
public sealed record AuditEntry(
    long Id,
    DateTime At,
    string User,
    string Action,
    string? VersionId,
    string? RuleId,
    string? Before,
    string? After,
    string? Detail)
{
    /// <summary>The columns the entry changed, by name, each as canonical JSON before and after ("" where absent).</summary>
    public IReadOnlyList<FieldChange> Changes() => FieldChange.Differences(Parse(Before), Parse(After));

    private static JsonObject? Parse(string? json) => json is null ? null : JsonNode.Parse(json)?.AsObject();
}
