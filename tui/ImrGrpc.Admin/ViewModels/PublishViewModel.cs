using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Presentation;
using ImrGrpc.Engine.Model;
using ImrGrpc.Engine.Validation;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>
/// Putting a draft in service: the publish check, the impact summary, the first day in force and what happens to the
/// version it replaces, then the publish itself (one transaction in the store).
/// </summary>
public sealed class PublishViewModel
{
    private readonly AdminSession _session;
    private string _dateText;

    public PublishViewModel(AdminSession session, string draftId, ICaseSource corpus, DateOnly? today = null)
    {
        _session = session;
        DraftId = draftId;
        Today = today ?? session.Today;
        _dateText = Display.Iso(Today.AddDays(1));
        Refresh();
        Impact = ImpactFor(corpus);
    }

    public string DraftId { get; }

    public DateOnly Today { get; }

    public ImpactViewModel Impact { get; private set; }

    public IReadOnlyList<ValidationProblem> Problems { get; private set; } = [];

    public int ErrorCount => Problems.Count(p => p.Severity == Severity.Error);

    public int WarningCount => Problems.Count - ErrorCount;

    public bool IsDraft { get; private set; }

    public PublishResult? Result { get; private set; }

    public string Message { get; private set; } = "";

    public string EffectiveDateText
    {
        get => _dateText;
        set => _dateText = value ?? "";
    }

    public DateOnly? EffectiveFrom => IsoDate.Parse(_dateText.Trim());

    /// <summary>
    /// What publishing on the chosen date does, computed by the same method the publish itself runs: the preview shows
    /// it, and the impact is run against the version it names.
    /// </summary>
    public PublishPlan? Plan => IsDraft && EffectiveFrom is { } date ? _session.PlanPublish(DraftId, date) : null;

    public string? DateError => EffectiveFrom is null ? "the first day in force as YYYY-MM-DD" : null;

    public string ValidationSummary => ErrorCount == 0
        ? $"Publish check passed: no errors, {WarningCount} warning{(WarningCount == 1 ? "" : "s")}."
        : $"{ErrorCount} error{(ErrorCount == 1 ? "" : "s")} block publishing ({WarningCount} warning{(WarningCount == 1 ? "" : "s")}); fix them in the rules screen.";

    /// <summary>What publishing on the chosen date does to the version in force then.</summary>
    public string Consequence
    {
        get
        {
            if (Plan is not { } plan)
            {
                return "";
            }
            var date = plan.EffectiveFrom;
            var consequence = plan.PredecessorId is not { } replaced
                ? $"No published version is in force on {Display.Iso(date)}; {DraftId} starts its own window."
                : plan.PredecessorRetired
                    ? $"{replaced} starts on {Display.Iso(date)} too: it is retired and {DraftId} takes its whole window."
                    : $"{replaced} (in force on {Display.Iso(date)}) will end {Display.Iso(plan.PredecessorEffectiveTo!.Value)}; {DraftId} takes over from {Display.Iso(date)}.";
            return plan.Refusal is { } refusal ? $"{consequence}\nRefused: {refusal.Message}" : consequence;
        }
    }

    public bool CanPublish => IsDraft && ErrorCount == 0 && EffectiveFrom is not null && Result is null;

    public string Confirmation => $"Publish {DraftId} in force from {EffectiveDateText.Trim()}?\n{Consequence}\nPublished versions never change afterwards.";

    public void Refresh()
    {
        IsDraft = _session.Store.GetVersionInfo(DraftId).Status == VersionStatus.Draft;
        Problems = _session.Validate(DraftId).OrderBy(p => p.Severity).ToList();
    }

    /// <summary>A fresh impact report for the date now chosen.</summary>
    public ImpactViewModel NewImpact()
    {
        Impact = ImpactFor(Impact.Source);
        return Impact;
    }

    /// <summary>The impact of publishing on the chosen date: against the version the plan replaces (else the draft's parent).</summary>
    private ImpactViewModel ImpactFor(ICaseSource source) => new(_session, DraftId, source, EffectiveFrom, Plan?.PredecessorId);

    /// <summary>Publishes; on refusal the message lists every reason and nothing changed.</summary>
    public bool Publish()
    {
        if (!IsDraft)
        {
            Message = $"{DraftId} is not a draft any more.";
            return false;
        }
        if (EffectiveFrom is not { } date)
        {
            Message = $"Not published: {DateError}.";
            return false;
        }
        try
        {
            Result = _session.Publish(DraftId, date);
            var v = Result.Published.Info;
            Message = $"Published {v.Id} in force {Display.Window(v)}" +
                      (Result.PredecessorId is { } p ? Result.PredecessorRetired ? $"; {p} retired." : $"; {p} now ends {Display.Iso(Result.PredecessorEffectiveTo)}." : ".");
            IsDraft = false;
            return true;
        }
        catch (StoreException e)
        {
            Message = $"Not published: {Display.Refusal(e)}" + (e.Details.Count > 1 ? "\n" + string.Join("\n", e.Details) : "");
            Refresh();
            return false;
        }
    }
}
