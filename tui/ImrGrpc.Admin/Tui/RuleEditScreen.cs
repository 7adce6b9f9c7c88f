using ImrGrpc.Engine.Model;
using ImrGrpc.Admin.ViewModels;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>
/// Editing one row: every column in a list, the selected one in the edit box below, checked as you type. Ctrl+S saves,
/// Esc cancels (asking first if anything was typed). A refusal because someone else saved the row first says who, and
/// keeps every typed value.
/// </summary>
internal sealed class RuleEditScreen : Screen
{
    private readonly RuleEditViewModel _vm;
    private readonly Label _info = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
    private readonly TableView _table = Tables.Create();
    private readonly Label _field = new() { X = 0, Y = Pos.AnchorEnd(4), Width = Dim.Fill(), Height = 1 };
    private readonly TextField _editor = new() { X = 7, Y = Pos.AnchorEnd(3), Width = Dim.Fill() };
    private readonly Label _error = new() { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Height = 1 };
    private readonly Label _message = new() { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1 };
    private bool _loading;

    public RuleEditScreen(AdminShell shell, string versionId, string ruleId) : base(shell, $"Edit {ruleId}")
    {
        _vm = new RuleEditViewModel(Session, versionId, ruleId);
        _table.Y = 1;
        _table.Height = Dim.Fill(4);
        _table.ValueChanged += (_, _) => ShowField();
        _table.Accepted += (_, _) =>
        {
            if (!_vm.IsReadOnly)
            {
                _editor.SetFocus();
                _editor.SelectAll();
            }
        };
        _editor.ReadOnly = _vm.IsReadOnly;
        _editor.TextChanged += (_, _) => Typed();
        _editor.Accepting += (_, e) =>
        {
            // Enter in the edit box: on to the next field.
            e.Handled = true;
            var row = Tables.SelectedRow(_table);
            _table.SetFocus();
            _table.SetSelection(0, Math.Min(row + 1, _vm.Fields.Count - 1), false, null);
        };
        _error.SetScheme(Palette.Error(GetScheme()));
        Add(_info, _table, _field, new Label { X = 0, Y = Pos.AnchorEnd(3), Text = "Value:" }, _editor, _error, _message);
        Keys = _vm.IsReadOnly
            ? []
            : [new(Key.S.WithCtrl, "Save", Save), new(Key.R.WithCtrl, "Revert", Revert)];
        _info.Text = _vm.IsReadOnly ? $"READ-ONLY: {_vm.ReadOnlyReason}" : Header();
        if (_vm.IsReadOnly)
        {
            _info.SetScheme(Palette.Caution(GetScheme()));
        }
    }

    public override IReadOnlyList<KeyAction> Keys { get; }

    public RuleEditViewModel Model => _vm;

    public override void Shown()
    {
        ShowLines(0);
        _table.SetFocus();
    }

    public override bool CanLeave()
    {
        if (_vm.IsReadOnly || !_vm.IsDirty)
        {
            return true;
        }
        var changed = string.Join(", ", _vm.Lines.Where(l => l.Changed).Select(l => l.Name));
        return Shell.Confirm("Discard changes?", $"You changed {changed} of {_vm.RuleId} and did not save. Discard your changes?", "_Discard");
    }

    private string Header() =>
        $"{_vm.RuleId} in {_vm.VersionId}: row version {_vm.Base.RowVersion}, last saved by {_vm.Base.UpdatedBy} {_vm.Base.UpdatedAt:yyyy-MM-dd HH:mm}; Enter edits a field";

    private void ShowLines(int select = -1)
    {
        var stored = _vm.Fields.ToDictionary(f => f.Name, f => f.Read(_vm.Base.Row));
        Tables.Show(_table, _vm.Lines, new()
        {
            [" "] = l => l.Mark,
            ["Field"] = l => l.Name,
            ["Value"] = l => l.Text,
            ["Stored"] = l => l.Changed ? stored[l.Name] : "",
            ["Problem"] = l => l.Problem,
        }, select, (2, 6, 30), (3, 6, 16));
        Tables.ColorRows(_table, row => row < _vm.Lines.Count ? _vm.Lines[row] switch
        {
            { Error: not null } => Palette.Error,
            { Changed: true } => Palette.Changed,
            { Warning: not null } => Palette.Caution,
            _ => null,
        } : null);
        ShowField();
    }

    private RuleField? SelectedField => Tables.SelectedRow(_table) is var i && i >= 0 && i < _vm.Fields.Count ? _vm.Fields[i] : null;

    private void ShowField()
    {
        if (SelectedField is not { } f)
        {
            return;
        }
        _field.Text = $"{f.Name}: {f.Help}" + (f.Choices is { } c ? $" ({string.Join("/", c)})" : f.Kind == ColumnKind.Number ? " (number)" : f.Kind == ColumnKind.Flag ? " (yes/no)" : "");
        if (_editor.Text != _vm.Text(f.Name))
        {
            _loading = true;
            _editor.Text = _vm.Text(f.Name);
            _loading = false;
        }
        _error.Text = Problem(f.Name);
        _message.Text = _vm.Message;
    }

    private void Typed()
    {
        if (_loading || _vm.IsReadOnly || SelectedField is not { } f)
        {
            return;
        }
        _vm.SetText(f.Name, _editor.Text);
        var row = Tables.SelectedRow(_table);
        _loading = true;
        ShowLines(row);
        _loading = false;
        _error.Text = _vm.Error(f.Name) is null && _vm.HasErrors ? $"x {string.Join("; ", _vm.Errors.Select(x => $"{x.Key}: {x.Value}"))}" : Problem(f.Name);
    }

    /// <summary>The line under the edit box: the field's error (blocks saving) or warning (does not).</summary>
    private string Problem(string field) => _vm.Error(field) is { } e ? $"x {e}" : _vm.Warning(field) is { } w ? $"! warning: {w}" : "";

    private void Save()
    {
        var outcome = _vm.Save();
        _message.Text = _vm.Message;
        if (outcome == SaveOutcome.Conflict)
        {
            var theirs = _vm.TheirChanges;
            var choice = Terminal.Gui.Views.MessageBox.Query(Shell.App, "Someone else saved this row first",
                $"{_vm.Conflict}.\n\nThey changed: {(theirs.Count == 0 ? "(who and when only)" : string.Join(", ", theirs))}.\nEverything you typed is still here.",
                true, "_Keep editing", "_Mine over theirs", "_Take theirs");
            if (choice == 1)
            {
                _vm.KeepMine();
            }
            else if (choice == 2)
            {
                _vm.TakeTheirs();
            }
        }
        _info.Text = Header();
        ShowLines(Tables.SelectedRow(_table));
        _message.Text = _vm.Message;
    }

    private void Revert()
    {
        _vm.Revert();
        ShowLines(Tables.SelectedRow(_table));
    }
}
