using ImrGrpc.Engine.Model;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.Cli;

/// <summary>A version as `versions --json` and `show --json` print it.</summary>
internal static class VersionJson
{
    public static object Of(StoredVersion v, bool inForceToday) => new
    {
        id = v.Info.Id,
        label = v.Info.Label,
        status = EnumNames.Name(EnumNames.Statuses, v.Info.Status),
        effective_from = IsoDate.Write(v.Info.EffectiveFrom),
        effective_to = IsoDate.Write(v.Info.EffectiveTo),
        in_force_today = inForceToday,
        content_hash = v.Info.ContentHash,
        parent_id = v.Info.ParentId,
        rule_count = v.RuleCount,
        unverified_count = v.UnverifiedCount,
        created_by = v.CreatedBy,
        created_at = v.CreatedAt,
        published_by = v.PublishedBy,
        published_at = v.PublishedAt,
    };
}
