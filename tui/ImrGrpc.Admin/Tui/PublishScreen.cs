using ImrGrpc.Admin.Presentation;
using ImrGrpc.Admin.ViewModels;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>
/// Putting a draft in service: the publish check, the impact summary, the first day in force and what it does to the
/// version it replaces; Ctrl+P asks for confirmation and publishes, then the versions screen shows the new state.
/// </summary>
internal sealed class PublishScreen : Screen
{
    private readonly PublishViewModel _vm;
    private readonly Label _validation = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
    private readonly TableView _problems = Tables.Create();
    private readonly Label _impact = new() { X = 0, Width = Dim.Fill(), Height = 2 };
    private readonly ProgressBar _progress = new() { X = 0, Width = Dim.Fill(), Height = 1 };
    private readonly Label _chart = new() { X = 0, Width = Dim.Fill(), Height = 3 };
    private readonly TextField _date = new() { X = 25, Width = 12 };
    private readonly Label _dateError = new() { X = 39, Width = Dim.Fill(), Height = 1 };
    private readonly Label _consequence = new() { X = 0, Width = Dim.Fill(), Height = 2 };
    private readonly Label _message = new() { X = 0, Width = Dim.Fill(), Height = Dim.Fill() };

    public PublishScreen(AdminShell shell, string draftId) : base(shell, $"Publish {draftId}")
    {
        _vm = new PublishViewModel(Session, draftId, shell.Corpus);
        _problems.Y = 1;
        _problems.Height = 5;
        _impact.Y = Pos.Bottom(_problems);
        _progress.Y = Pos.Bottom(_impact);
        _chart.Y = Pos.Bottom(_progress);
        var dateLabel = new Label { X = 0, Y = Pos.Bottom(_chart), Text = "First day in force (F3):" };
        _date.Y = Pos.Top(dateLabel);
        _dateError.Y = Pos.Top(dateLabel);
        _consequence.Y = Pos.Bottom(dateLabel);
        _message.Y = Pos.Bottom(_consequence);
        _date.Text = _vm.EffectiveDateText;
        _date.TextChanged += (_, _) =>
        {
            _vm.EffectiveDateText = _date.Text;
            ShowDate();
        };
        _date.Accepting += (_, e) =>
        {
            e.Handled = true;
            Publish();
        };
        _dateError.SetScheme(Palette.Error(GetScheme()));
        Add(_validation, _problems, _impact, _progress, _chart, dateLabel, _date, _dateError, _consequence, _message);
        Keys =
        [
            new(Key.P.WithCtrl, "Publish", Publish),
            new(Key.F3, "Date", () => _date.SetFocus()),
            new(Key.F5, "Impact", StartImpact),
            new(Key.F7, "Diff", () => Shell.Push(new DiffScreen(Shell, draftId))),
        ];
    }

    public override IReadOnlyList<KeyAction> Keys { get; }

    public PublishViewModel Model => _vm;

    /// <summary>The impact run in progress, if any (tests wait on it).</summary>
    public Task? Running { get; private set; }

    public override void Shown()
    {
        _vm.Refresh();
        _validation.Text = _vm.ValidationSummary;
        _validation.SetScheme(_vm.ErrorCount == 0 ? Palette.Good(GetScheme()) : Palette.Error(GetScheme()));
        Tables.Show(_problems, _vm.Problems, new()
        {
            ["Severity"] = p => Display.Severity(p.Severity),
            ["Problem"] = p => p.Message,
            ["Row"] = p => p.RuleId ?? "",
            ["Column"] = p => p.Field ?? "",
        }, -1, (1, 10, 50));
        ShowDate();
        if (_vm.Impact.State is RunState.NotRun)
        {
            StartImpact();
        }
        _date.SetFocus();
    }

    public override bool OnEscape()
    {
        if (_vm.Impact.State != RunState.Running)
        {
            return false;
        }
        _vm.Impact.Cancel();
        return true;
    }

    private void ShowDate()
    {
        _dateError.Text = _vm.DateError is { } e ? $"x {e}" : "";
        _consequence.Text = _vm.Consequence;
        _message.Text = _vm.Message.Length > 0 ? _vm.Message
            : _vm.CanPublish ? "Ctrl+P (or Enter in the date) publishes after you confirm." : _vm.IsDraft ? "Cannot publish yet: see above." : "";
    }

    private void StartImpact()
    {
        if (_vm.Impact.State == RunState.Running || _vm.EffectiveFrom is null)
        {
            return;
        }
        var impact = _vm.NewImpact();
        Running = impact.RunAsync(new UiProgress(Shell.App, Session.Time, () =>
        {
            if (!Closed)
            {
                ShowImpact();
            }
        })).ContinueWith(_ => Shell.App.Invoke(() =>
        {
            if (!Closed)
            {
                ShowImpact();
            }
        }), TaskScheduler.Default);
        ShowImpact();
    }

    private void ShowImpact()
    {
        var impact = _vm.Impact;
        _impact.Text = string.Join("\n", TextLines.Wrap($"Impact: {impact.Status}", TextLines.WrapWidth).Take(2));
        _progress.Fraction = impact.Fraction;
        _chart.Text = impact.State == RunState.Done ? string.Join("\n", impact.Chart(Math.Max(Frame.Width, 60)).Take(3)) : "";
        SetNeedsDraw();
    }

    private void Publish()
    {
        if (!_vm.CanPublish)
        {
            Shell.Info("Cannot publish", _vm.IsDraft ? $"{_vm.ValidationSummary}{(_vm.DateError is { } e ? $"\nFirst day in force: {e}." : "")}" : $"{_vm.DraftId} is not a draft.");
            return;
        }
        if (_vm.Impact.State == RunState.Running)
        {
            _vm.Impact.Cancel();
        }
        if (!Shell.Confirm("Publish", _vm.Confirmation, "_Publish"))
        {
            return;
        }
        if (_vm.Publish())
        {
            Shell.Info("Published", _vm.Message);
            if (Shell.Start is VersionsScreen versions)
            {
                versions.Select(_vm.DraftId);
            }
            Shell.BackToStart();
            return;
        }
        ShowDate();
        Shell.Info("Not published", _vm.Message);
    }
}
