using System.Text;
using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Presentation;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Impact;
using ImrGrpc.Engine.Rationale;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>
/// The impact report of a draft: every case of a corpus decided under the version it would replace and under the
/// draft. The run happens off the UI thread (<see cref="RunAsync"/>) with progress and cancellation; the screen only
/// shows the state this class keeps.
/// </summary>
public sealed class ImpactViewModel(AdminSession session, string draftId, CaseCorpus corpus, DateOnly? effectiveFrom = null, string? againstId = null)
{
    private CancellationTokenSource? _cancel;

    public string DraftId { get; } = draftId;

    public CaseCorpus Corpus { get; } = corpus;

    public int Total => Corpus.Cases.Count;

    public RunState State { get; private set; }

    public int Done { get; private set; }

    public float Fraction => Total == 0 ? 0 : Math.Clamp((float)Done / Total, 0, 1);

    public ImpactReport? Report { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<ImpactLine> Lines { get; private set; } = [];

    public string Status => State switch
    {
        RunState.NotRun => $"Press F5 to replay {Total} cases ({Corpus.Source}) under {DraftId}.",
        RunState.Running => $"Replaying cases: {Done} of {Total}... (Esc or F6 cancels)",
        RunState.Cancelled => $"Cancelled after {Done} of {Total} cases; nothing was changed. F5 runs it again.",
        RunState.Failed => $"The impact report failed: {Error}",
        _ => Summary,
    };

    public string Summary => Report is not { } r ? "" :
        $"{r.AfterVersion} against {r.BeforeVersion}: {r.Cases} cases, {r.Items} items; newly certified {r.NewlyCertified}, " +
        $"newly denied {r.NewlyDenied}, other changes {r.Changes.Count - r.NewlyCertified - r.NewlyDenied}, unreadable {r.Errors.Count}";

    /// <summary>Runs the report on the thread pool. Progress is reported as cases done; returns when finished, cancelled or failed.</summary>
    public async Task RunAsync(IProgress<int>? progress = null)
    {
        if (State == RunState.Running)
        {
            return;
        }
        _cancel = new CancellationTokenSource();
        var token = _cancel.Token;
        State = RunState.Running;
        Done = 0;
        Report = null;
        Error = null;
        Lines = [];
        var relay = new Progress(n =>
        {
            Done = n;
            progress?.Report(n);
        });
        try
        {
            var report = await Task.Run(() => session.Impact(DraftId, Corpus, againstId, effectiveFrom, relay, token), token).ConfigureAwait(false);
            Report = report;
            Lines = report.Changes.Select(c => new ImpactLine(c)).ToList();
            Done = Total;
            State = RunState.Done;
        }
        catch (OperationCanceledException)
        {
            State = RunState.Cancelled;
        }
        catch (StoreException e)
        {
            Error = Display.Refusal(e);
            State = RunState.Failed;
        }
    }

    public void Cancel() => _cancel?.Cancel();

    /// <summary>
    /// Counts by treatment and direction as a text bar chart: one line per treatment with any change, each bar scaled to
    /// the largest count ("+" newly certified, "-" newly denied, "~" other changes).
    /// </summary>
    public IReadOnlyList<string> Chart(int width)
    {
        if (Report is null)
        {
            return [];
        }
        var rows = Report.ByTreatment.Where(t => t.NewlyCertified + t.NewlyDenied + t.OtherChanges > 0).ToList();
        if (rows.Count == 0)
        {
            return [$"No decision changes across {Report.Items} items."];
        }
        var name = Math.Min(24, rows.Max(r => r.Treatment.Length));
        var peak = rows.Max(r => Math.Max(r.NewlyCertified, Math.Max(r.NewlyDenied, r.OtherChanges)));
        var barWidth = Math.Max(3, (width - name - 24) / 3);
        string Bar(char c, int n) => n == 0 ? "" : new string(c, Math.Max(1, (int)Math.Round((double)n * barWidth / peak)));
        string Cell(char c, int n) => $"{c}{n,-3}{Bar('#', n).PadRight(barWidth)}";
        return rows.Select(r =>
            $"{Display.Clip(r.Treatment, name).PadRight(name)} {Cell('+', r.NewlyCertified)} {Cell('-', r.NewlyDenied)} {Cell('~', r.OtherChanges)} of {r.Items}").ToList();
    }

    /// <summary>Chart legend for the screen.</summary>
    public static string ChartLegend => "+ newly certified  - newly denied  ~ other change (quantity, pages...)";

    /// <summary>One flipped item: its decision before and after, criteria with their numbers, and both rationales.</summary>
    public string Detail(int index)
    {
        if (index < 0 || index >= Lines.Count)
        {
            return "";
        }
        var c = Lines[index].Change;
        var text = new StringBuilder();
        text.AppendLine($"{c.CaseName}, item {c.ItemId} ({c.Treatment}): {Display.Direction(c.Direction)}");
        text.AppendLine();
        Decision(text, "BEFORE", c.BeforeDecision, c.ItemId);
        text.AppendLine();
        Decision(text, "AFTER", c.AfterDecision, c.ItemId);
        return text.ToString();
    }

    internal static void Decision(StringBuilder text, string heading, CaseDecision decision, string itemId)
    {
        var item = decision.Items.First(i => i.Item.ItemId == itemId);
        text.AppendLine($"{heading} under {decision.Guideline.Version.Id}: {Display.Determination(item.Determination)}, approvable {item.ApprovableQuantity} of {item.Item.Quantity}");
        text.AppendLine($"  {DetailFormatter.Summary(decision, item)}");
        foreach (var criterion in item.Criteria)
        {
            text.AppendLine($"  [{Display.CriterionStatus(criterion.Status)}] {Display.Criterion(criterion.Code)}: {DetailFormatter.Criterion(decision, item, criterion)}");
        }
        text.AppendLine();
        text.AppendLine(RationaleRenderer.Render(decision, RationaleFormat.Text, [itemId]).Document.TrimEnd());
    }

    private sealed class Progress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
