using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Presentation;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>The audit log, newest first, filtered by version and by user (empty filter = all).</summary>
public sealed class AuditViewModel(AdminSession session)
{
    public string VersionFilter { get; set; } = "";

    public string UserFilter { get; set; } = "";

    public IReadOnlyList<AuditLine> Lines { get; private set; } = [];

    public IReadOnlyList<string> Users { get; private set; } = [];

    public IReadOnlyList<string> VersionIds { get; private set; } = [];

    public string Summary =>
        $"{Lines.Count} entr{(Lines.Count == 1 ? "y" : "ies")}" +
        $"{(VersionFilter.Trim().Length > 0 ? $" for version {VersionFilter.Trim()}" : "")}{(UserFilter.Trim().Length > 0 ? $" by {UserFilter.Trim()}" : "")}; " +
        $"users: {string.Join(", ", Users)}";

    public void Refresh()
    {
        var all = session.Audit();
        Users = all.Select(e => e.User).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        VersionIds = all.Select(e => e.VersionId).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var version = VersionFilter.Trim();
        var user = UserFilter.Trim();
        Lines = all
            .Where(e => version.Length == 0 || string.Equals(e.VersionId, version, StringComparison.OrdinalIgnoreCase))
            .Where(e => user.Length == 0 || string.Equals(e.User, user, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => e.Id)
            .Select(e => new AuditLine(e))
            .ToList();
    }

    /// <summary>Everything one entry recorded: the action, and each column before and after.</summary>
    public string Detail(int index)
    {
        if (index < 0 || index >= Lines.Count)
        {
            return "";
        }
        var e = Lines[index].Entry;
        var lines = new List<string> { $"{e.At:yyyy-MM-dd HH:mm:ss}Z {e.User} {e.Action} {e.VersionId} {e.RuleId}".TrimEnd() };
        if (e.Detail is not null)
        {
            lines.Add(e.Detail);
        }
        lines.AddRange(e.Changes().Select(c => $"  {c.Field}: {Display.OrNone(c.Before)} -> {Display.OrNone(c.After)}"));
        return string.Join("\n", lines);
    }
}
