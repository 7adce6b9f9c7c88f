using ImrGrpc.Admin.ViewModels;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>A draft against the version it would replace: the rows that differ, and the selected row's columns with the changed ones highlighted.</summary>
internal sealed class DiffScreen : Screen
{
    private readonly DiffViewModel _vm;
    private readonly Label _summary = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
    private readonly TableView _rows = Tables.Create();
    private readonly Label _fieldsTitle = new() { X = 0, Width = Dim.Fill(), Height = 1 };
    private readonly TableView _fields = Tables.Create();

    public DiffScreen(AdminShell shell, string draftId) : base(shell, $"Diff of {draftId}")
    {
        _vm = new DiffViewModel(Session, draftId);
        _rows.Y = 1;
        _rows.Height = Dim.Percent(35);
        _rows.ValueChanged += (_, _) => ShowFields();
        _rows.Accepted += (_, _) => _fields.SetFocus();
        _fieldsTitle.Y = Pos.Bottom(_rows);
        _fields.Y = Pos.Bottom(_fieldsTitle);
        _fields.Height = Dim.Fill();
        Add(_summary, _rows, _fieldsTitle, _fields);
        Keys =
        [
            new(Key.F5, "Refresh", Shown),
            new(Key.F6, "Impact", () => Shell.Push(new ImpactScreen(Shell, draftId))),
            new(Key.F7, "Publish", () => Shell.Push(new PublishScreen(Shell, draftId))),
        ];
    }

    public override IReadOnlyList<KeyAction> Keys { get; }

    public DiffViewModel Model => _vm;

    public override void Shown()
    {
        _vm.Refresh();
        _summary.Text = _vm.Summary;
        Tables.Show(_rows, _vm.Lines, new()
        {
            ["Change"] = l => l.Change,
            ["Rule"] = l => l.RuleId,
            ["What changed"] = l => l.Summary,
        });
        ShowFields();
        _rows.SetFocus();
    }

    private void ShowFields()
    {
        var index = Tables.SelectedRow(_rows);
        var fields = _vm.Fields(index);
        _fieldsTitle.Text = index >= 0 && index < _vm.Lines.Count
            ? $"Columns of {_vm.Lines[index].RuleId} ({_vm.BeforeId} -> {_vm.AfterId}); > marks a change:"
            : "No rows differ.";
        Tables.Show(_fields, fields, new()
        {
            [" "] = f => f.Mark,
            ["Column"] = f => f.Field,
            [_vm.BeforeId] = f => f.Before,
            [_vm.AfterId] = f => f.After,
        }, 0, (2, 6, 34));
        Tables.ColorRows(_fields, row => row < fields.Count && fields[row].Changed ? Palette.Changed : null);
    }
}
