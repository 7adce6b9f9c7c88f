using ImrGrpc.Admin.ViewModels;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>
/// The impact of a draft: the corpus (or a file opened with F3: JSON lines are streamed, any size) replayed off the UI
/// thread on every core with a progress bar (Esc or F6 cancels), then counts by treatment and direction as a bar chart
/// and the list of flipped items (the first ones, for a big file); Enter opens one, before and after.
/// </summary>
internal sealed class ImpactScreen : Screen
{
    private readonly ImpactViewModel _vm;
    private readonly Label _status = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = 2 };
    private readonly ProgressBar _progress = new() { X = 0, Y = 2, Width = Dim.Fill(), Height = 1 };
    private readonly Label _legend = new() { X = 0, Y = 3, Width = Dim.Fill(), Height = 1 };
    private readonly Label _chart = new() { X = 0, Y = 4, Width = Dim.Fill(), Height = 5 };
    private readonly Label _listTitle = new() { X = 0, Width = Dim.Fill(), Height = 1 };
    private readonly TableView _changes = Tables.Create();

    public ImpactScreen(AdminShell shell, string draftId) : base(shell, $"Impact of {draftId}")
    {
        _vm = new ImpactViewModel(Session, draftId, shell.Corpus);
        _listTitle.Y = Pos.Bottom(_chart);
        _changes.Y = Pos.Bottom(_listTitle);
        _changes.Height = Dim.Fill();
        _changes.Accepted += (_, _) => Open();
        Add(_status, _progress, _legend, _chart, _listTitle, _changes);
        Keys =
        [
            new(Key.F3, "Open file", ChooseFile),
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
        var progress = new UiProgress(Shell.App, Session.Time, () =>
        {
            if (!Closed && _vm.State == RunState.Running)
            {
                RenderProgress();
            }
        });
        Running = _vm.RunAsync(progress).ContinueWith(_ => Shell.App.Invoke(() =>
        {
            if (!Closed)
            {
                Render();
            }
        }), TaskScheduler.Default);
        Render();
    }

    /// <summary>Replays a case file from now on and starts the run, as the file dialog does (tests call this directly).</summary>
    public void Load(string path)
    {
        if (_vm.Open(path))
        {
            Start();
        }
        else
        {
            Render();
        }
    }

    private void ChooseFile()
    {
        if (_vm.State == RunState.Running)
        {
            return;
        }
        using var dialog = new OpenDialog { Title = "Replay a case file (JSON lines, or a cases file)", AllowsMultipleSelection = false };
        dialog.AllowedTypes = [new AllowedType("Cases", ".jsonl", ".json"), new AllowedTypeAny()];
        Shell.App.Run(dialog);
        if (!dialog.Canceled && dialog.FilePaths.Count > 0)
        {
            Load(dialog.FilePaths[0]);
        }
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
        _listTitle.Text = _vm.ListTitle;
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
}
