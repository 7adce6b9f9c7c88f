using System.Text;
using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Presentation;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Impact;
using ImrGrpc.Engine.Model;
using ImrGrpc.Engine.Rationale;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>
/// Deciding one case file under a chosen version (by default the one in force on its request date), with each item's
/// decision, the criteria and their numbers, and the rationale a reviewer would sign.
/// </summary>
public sealed class TryCaseViewModel(AdminSession session)
{
    public string? Path { get; private set; }

    public ImpactCase? Case { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Every version a case can be tried under: published and retired ones, and drafts.</summary>
    public IReadOnlyList<string> VersionIds { get; private set; } = [];

    public string? VersionId { get; set; }

    public CaseDecision? Decision { get; private set; }

    public string Message { get; private set; } = "Press F3 to open a case file (an imr.v1 EvaluateRequestRequest in JSON).";

    public bool Load(string path)
    {
        Path = path;
        Decision = null;
        try
        {
            var (@case, problems) = CaseFiles.LoadOne(path);
            Case = @case;
            Problems = problems;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            Case = null;
            Problems = [e.Message];
        }
        if (Case is null)
        {
            Message = $"Cannot read {path}: {string.Join("; ", Problems)}";
            return false;
        }
        var versions = session.Store.ListVersionInfos();
        VersionIds = versions.Select(v => v.Id).ToList();
        var inForce = VersionWindows.InForceOn(versions, static v => v, Case.Request.RequestDate)?.Id;
        VersionId = inForce ?? VersionIds.LastOrDefault();
        Message = $"Loaded {Case.Name}: request date {Display.Iso(Case.Request.RequestDate)}, {Case.Request.Items.Count} item(s); " +
                  $"version {VersionId ?? "(none)"}{(VersionId == inForce ? " (in force on the request date)" : "")}.";
        return true;
    }

    /// <summary>Moves to the next version in the list (the screen's version key cycles).</summary>
    public void NextVersion()
    {
        if (VersionIds.Count == 0)
        {
            return;
        }
        var i = VersionId is null ? -1 : VersionIds.ToList().IndexOf(VersionId);
        VersionId = VersionIds[(i + 1) % VersionIds.Count];
    }

    public bool Decide()
    {
        if (Case is null)
        {
            Message = "Open a case file first (F3).";
            return false;
        }
        try
        {
            Decision = session.TryCase(Case, VersionId);
            var inForce = session.InForceOn(Case.Request.RequestDate)?.Id;
            Message = $"{Case.Name} decided under {Decision.Guideline.Version.Id}" +
                      $"{(Decision.Guideline.Version.Id == inForce ? " (in force on the request date)" : $" (in force on the request date: {inForce ?? "none"})")}. Enter on a version decides it again.";
            return true;
        }
        catch (StoreException e)
        {
            Decision = null;
            Message = $"Cannot decide it: {Display.Refusal(e)}";
            return false;
        }
    }

    /// <summary>Each item's decision, criteria and rationale, as text.</summary>
    public string Report()
    {
        if (Decision is not { } d)
        {
            return "";
        }
        var text = new StringBuilder();
        foreach (var item in d.Items)
        {
            text.AppendLine($"Item {item.Item.ItemId}: {item.Item.Description} ({item.Item.Treatment} x {item.Item.Quantity})");
            text.AppendLine($"  Decision: {Display.Determination(item.Determination)}, approvable {item.ApprovableQuantity}, IMR outcome {Display.Outcome(item.ImrOutcome)}");
            text.AppendLine($"  {DetailFormatter.Summary(d, item)}");
            foreach (var c in item.Criteria)
            {
                text.AppendLine($"  [{Display.CriterionStatus(c.Status)}] {Display.Criterion(c.Code)}: {DetailFormatter.Criterion(d, item, c)}");
            }
            foreach (var f in item.Findings)
            {
                text.AppendLine($"  finding: {DetailFormatter.Finding(d, item, f)}");
            }
            text.AppendLine();
        }
        text.AppendLine(RationaleRenderer.Render(d, RationaleFormat.Text).Document.TrimEnd());
        return text.ToString();
    }
}
