using System.Globalization;
using System.Text;
using System.Text.Json;
using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Presentation;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Impact;
using ImrGrpc.Engine.Rationale;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>
/// The impact report of a draft: every case of a source (the built-in corpus, or a file the editor opens: JSON lines
/// are streamed, as the CLI streams them) decided under the version it would replace and under the draft. The run
/// happens off the UI thread (<see cref="RunAsync"/>) on every core with progress and cancellation; the screen only
/// shows the state this class keeps. Counts cover every case; the first changed items are listed to open.
/// </summary>
public sealed class ImpactViewModel(AdminSession session, string draftId, ICaseSource source, DateOnly? effectiveFrom = null, string? againstId = null)
{
    private readonly Lock _progressLock = new();
    private CancellationTokenSource? _cancel;
    private ImpactProgress _progress;

    public string DraftId { get; } = draftId;

    public ICaseSource Source { get; private set; } = source;

    /// <summary>How many changed items and errors a run lists (the rest are counted).</summary>
    public ImpactLimits Limits { get; init; } = ImpactLimits.Default;

    /// <summary>Cases decided in parallel; one per core unless set.</summary>
    public int? Workers { get; init; }

    /// <summary>The size progress is counted against: cases of a corpus in memory, bytes of a streamed file.</summary>
    public long Total => Source.Length;

    public RunState State { get; private set; }

    public ImpactProgress Progress
    {
        get
        {
            lock (_progressLock)
            {
                return _progress;
            }
        }
        private set
        {
            lock (_progressLock)
            {
                _progress = value;
            }
        }
    }

    /// <summary>Cases done so far in the current (or last) run.</summary>
    public long Done => Progress.Cases;

    public float Fraction => (float)Progress.Fraction;

    public ImpactReport? Report { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<ImpactLine> Lines { get; private set; } = [];

    public string Status => State switch
    {
        RunState.NotRun => $"Press F5 to replay {What} under {DraftId}.",
        RunState.Running when Source.Streamed =>
            string.Create(CultureInfo.InvariantCulture, $"Replaying {Source.Source}: {Done:N0} cases, {Progress.Fraction * 100:F0}% ({Progress.CasesPerSecond:N0}/s{Left})... (Esc or F6 cancels)"),
        RunState.Running => $"Replaying cases: {Done} of {Total}... (Esc or F6 cancels)",
        RunState.Cancelled => $"Cancelled after {Done} {(Source.Streamed ? "" : $"of {Total} ")}cases; nothing was changed. F5 runs it again.",
        RunState.Failed => $"The impact report failed: {Error}",
        _ => Summary,
    };

    public string Summary => Report is not { } r ? "" :
        $"{r.AfterVersion} against {r.BeforeVersion}: {r.Cases} cases, {r.Items} items; newly certified {r.NewlyCertified}, " +
        $"newly denied {r.NewlyDenied}, other changes {r.OtherChanges}, unreadable {r.ErrorCount}";

    /// <summary>The heading of the list of changed items: which of them a big corpus lists (the first ones in the file).</summary>
    public string ListTitle => Report is { ChangesNotListed: > 0 } r
        ? $"The first {r.Changes.Count} of {r.ChangedItems} changed items, in file order (Enter opens one):"
        : "Items whose decision changes (Enter opens one: before, after, rationale):";

    private string What => Source.Streamed ? $"the cases in {Source.Source}" : $"{Total} cases ({Source.Source})";

    private string Left => Progress.Remaining is { } left ? $", {left:h\\:mm\\:ss} left" : "";

    /// <summary>
    /// Replays another file from now on (a path the editor chose): JSON lines are streamed, a cases file or a single
    /// request is read. False, with <see cref="Error"/> saying why, when it cannot be opened or a run is going on.
    /// </summary>
    public bool Open(string path)
    {
        if (State == RunState.Running)
        {
            return false;
        }
        try
        {
            Source = CaseFiles.Open(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or JsonException)
        {
            Error = $"cannot read {path}: {e.Message}";
            State = RunState.Failed;
            return false;
        }
        State = RunState.NotRun;
        Report = null;
        Error = null;
        Lines = [];
        Progress = default;
        return true;
    }

    /// <summary>Runs the report on the thread pool, reporting progress as it goes; returns when finished, cancelled or failed.</summary>
    public async Task RunAsync(IProgress<ImpactProgress>? progress = null)
    {
        if (State == RunState.Running)
        {
            return;
        }
        _cancel = new CancellationTokenSource();
        var token = _cancel.Token;
        State = RunState.Running;
        Progress = default;
        Report = null;
        Error = null;
        Lines = [];
        var relay = new Relay(p =>
        {
            // Workers report from several threads and out of order; the furthest report stands.
            lock (_progressLock)
            {
                if (p.Cases >= _progress.Cases)
                {
                    _progress = p;
                }
            }
            progress?.Report(p);
        });
        try
        {
            var report = await Task.Run(() => session.ImpactAsync(DraftId, Source, againstId, effectiveFrom, Limits, Workers, relay, token), token).ConfigureAwait(false);
            Report = report;
            Lines = report.Changes.Select(c => new ImpactLine(c)).ToList();
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The file went away or became unreadable during the run.
            Error = $"cannot read {Source.Source}: {e.Message}";
            State = RunState.Failed;
        }
    }

    public void Cancel() => _cancel?.Cancel();

    /// <summary>
    /// Counts by treatment and direction as a text bar chart: one line per treatment with any change, each bar scaled to
    /// the largest count ("+" newly certified, "-" newly denied, "~" other changes).
    /// </summary>
    public IReadOnlyList<string> Chart(int width) => Report is null ? [] : Chart(Report, width);

    internal static IReadOnlyList<string> Chart(ImpactReport report, int width)
    {
        var rows = report.ByTreatment.Where(t => t.NewlyCertified + t.NewlyDenied + t.OtherChanges > 0).ToList();
        if (rows.Count == 0)
        {
            return [$"No decision changes across {report.Items} items."];
        }
        var name = Math.Min(24, rows.Max(r => r.Treatment.Length));
        var peak = rows.Max(r => Math.Max(r.NewlyCertified, Math.Max(r.NewlyDenied, r.OtherChanges)));
        // Counts of a big corpus run to many digits: each column is as wide as its largest number, bars take the rest.
        var count = Math.Max(3, Digits(peak) + 1);
        var extra = 3 * (count - 3) + Math.Max(0, Digits(rows.Max(r => r.Items)) - 3);
        var barWidth = Math.Max(3, (width - name - 24 - extra) / 3);
        string Bar(char c, long n) => n == 0 ? "" : new string(c, Math.Max(1, (int)Math.Round((double)n * barWidth / peak)));
        string Cell(char c, long n) => $"{c}{n.ToString(CultureInfo.InvariantCulture).PadRight(count)}{Bar('#', n).PadRight(barWidth)}";
        return rows.Select(r =>
            $"{Display.Clip(r.Treatment, name).PadRight(name)} {Cell('+', r.NewlyCertified)} {Cell('-', r.NewlyDenied)} {Cell('~', r.OtherChanges)} of {r.Items}").ToList();
    }

    private static int Digits(long n) => n.ToString(CultureInfo.InvariantCulture).Length;

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

    private sealed class Relay(Action<ImpactProgress> report) : IProgress<ImpactProgress>
    {
        public void Report(ImpactProgress value) => report(value);
    }
}
