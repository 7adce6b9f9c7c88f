using ImrGrpc.Admin.ViewModels;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>
/// The impact of a draft: the corpus replayed off the UI thread with a progress bar (Esc or F6 cancels), then counts by
/// treatment and direction as a bar chart and the list of flipped items; Enter opens one, before and after.
/// </summary>
internal sealed class ImpactScreen : Screen
{
    private readonly ImpactViewModel _vm;
    private readonly Label _status = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = 2 };
    private readonly ProgressBar _progress = new() { X = 0, Y = 2, Width = Dim.Fill(), Height = 1 };
    private readonly Label _legend = new() { X = 0, Y = 3, Width = Dim.Fill(), Height = 1 };
    private readonly Label _chart = new() { X = 0, Y = 4, Width = Dim.Fill(), Height = 5 };
    private readonly TableView _changes = Tables.Create();
    private int _pending;

    public ImpactScreen(AdminShell shell, string draftId) : base(shell, $"Impact of {draftId}")
    {
        _vm = new ImpactViewModel(Session, draftId, shell.Corpus);
        var listTitle = new Label { X = 0, Y = Pos.Bottom(_chart), Width = Dim.Fill(), Height = 1, Text = "Items whose decision changes (Enter opens one: before, after, rationale):" };
        _changes.Y = Pos.Bottom(listTitle);
        _changes.Height = Dim.Fill();
        _changes.Accepted += (_, _) => Open();
        Add(_status, _progress, _legend, _chart, listTitle, _changes);
        Keys =
        [
            new(Key.F5, "Run", Start),
            new(Key.F6, "Cancel", _vm.Cancel),
            new(Key.F7, "Publish", () => Shell.Push(new PublishScreen(Shell, draftId))),
        ];
    }

    public override IReadOnlyList<KeyAction> Keys { get; }

    public ImpactViewModel Model => _vm;

    /// <summary>The run in progress, if any (tests wait on it).</summary>
    public Task? Running { get; private set; }

    public override void Shown()
    {
        if (_vm.State == RunState.NotRun)
        {
            Start();
        }
        else
        {
            Render();
        }
        _changes.SetFocus();
    }

    /// <summary>Esc while running cancels the run instead of leaving.</summary>
    public override bool OnEscape()
    {
        if (_vm.State != RunState.Running)
        {
            return false;
        }
        _vm.Cancel();
        return true;
    }

    public override bool CanLeave() => _vm.State != RunState.Running;

    private void Start()
    {
        if (_vm.State == RunState.Running)
        {
            return;
        }
        var progress = new ProgressRelay(this);
        Running = _vm.RunAsync(progress).ContinueWith(_ => Shell.App.Invoke(() =>
        {
            if (!Closed)
            {
                Render();
            }
        }), TaskScheduler.Default);
        Render();
    }

    private void RenderProgress()
    {
        _status.Text = string.Join("\n", TextLines.Wrap(_vm.Status, TextLines.WrapWidth).Take(2));
        _legend.Text = ImpactViewModel.ChartLegend;
        _progress.Fraction = _vm.Fraction;
        SetNeedsDraw();
    }

    private void Render()
    {
        RenderProgress();
        var chart = _vm.Chart(Math.Max(Frame.Width, 60)).Take(5).ToList();
        _chart.Text = string.Join("\n", chart);
        _chart.Height = Math.Max(1, chart.Count);
        Tables.Show(_changes, _vm.Lines, new()
        {
            ["Direction"] = l => l.Direction,
            ["Case"] = l => l.Case,
            ["Before -> after"] = l => l.Outcome,
            ["Treatment"] = l => l.Treatment,
            ["Item"] = l => l.Item,
            ["Qty"] = l => l.Quantity,
        }, -1, (1, 8, 24), (3, 6, 20));
        Tables.ColorRows(_changes, row => row < _vm.Lines.Count && _vm.Lines[row].Change.Direction == Engine.Impact.ImpactDirection.NewlyDenied ? Palette.Error : null);
        SetNeedsDraw();
    }

    private void Open()
    {
        var index = Tables.SelectedRow(_changes);
        if (index >= 0 && index < _vm.Lines.Count)
        {
            var line = _vm.Lines[index];
            Shell.Push(new TextScreen(Shell, $"{line.Case} item {line.Item}: before and after", _vm.Detail(index)));
        }
    }

    /// <summary>Marshals progress to the UI thread, at most one pending update at a time so a large corpus cannot flood it.</summary>
    private sealed class ProgressRelay(ImpactScreen screen) : IProgress<int>
    {
        public void Report(int value)
        {
            if (Interlocked.Exchange(ref screen._pending, 1) == 0)
            {
                screen.Shell.App.Invoke(() =>
                {
                    Interlocked.Exchange(ref screen._pending, 0);
                    if (!screen.Closed && screen._vm.State == RunState.Running)
                    {
                        screen.RenderProgress();
                    }
                });
            }
        }
    }
}
