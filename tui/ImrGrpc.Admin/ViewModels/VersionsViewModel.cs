using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Presentation;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>Every version with its status and window; the one in force today is marked; drafts are started and abandoned here.</summary>
public sealed class VersionsViewModel(AdminSession session)
{
    public IReadOnlyList<VersionLine> Lines { get; private set; } = [];

    public DateOnly Today { get; init; } = session.Today;

    public string? InForceId => Lines.FirstOrDefault(l => l.InForceToday)?.Id;

    public string Legend => $"* in force today ({Display.Iso(Today)}); {Lines.Count(l => l.IsDraft)} draft(s)";

    public void Refresh()
    {
        var versions = session.Versions();
        var inForce = VersionWindows.InForceOn(versions, static v => v.Info, Today);
        Lines = versions.Select(v => new VersionLine(
            v.Info.Id,
            Display.Status(v.Info.Status),
            v.Info.Label,
            Display.Window(v.Info),
            Display.ShortHash(v.Info.ContentHash),
            v.Info.ParentId ?? "-",
            v.RuleCount,
            v.UnverifiedCount,
            v == inForce,
            v.Info.Status == VersionStatus.Draft)).ToList();
    }

    public int IndexOf(string? id) => id is null ? -1 : Lines.ToList().FindIndex(l => l.Id == id);

    /// <summary>Abandons a draft (published versions only leave service when a successor takes over their window).</summary>
    public void Abandon(string draftId) => session.Retire(draftId);
}
