using ImrGrpc.Admin.Presentation;
using ImrGrpc.Admin.ViewModels;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>The rows of one version: filter box, sort, low-confidence rows marked "!"; on a draft, add, edit, delete, verify.</summary>
internal sealed class RulesScreen : Screen
{
    private readonly RulesViewModel _vm;
    private readonly Label _info = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
    private readonly TextField _filter = new() { X = 8, Y = 1, Width = 24 };
    private readonly Label _summary = new() { X = 34, Y = 1, Width = Dim.Fill(), Height = 1 };
    private readonly TableView _table = Tables.Create();
    private readonly Label _detail = new() { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Height = 2 };

    public RulesScreen(AdminShell shell, string versionId) : base(shell, $"Rules of {versionId}")
    {
        _vm = new RulesViewModel(Session, versionId);
        _table.Y = 2;
        _table.Height = Dim.Fill(2);
        _table.Accepted += (_, _) => Edit();
        _table.ValueChanged += (_, _) => ShowDetail();
        _filter.TextChanged += (_, _) =>
        {
            _vm.Filter = _filter.Text;
            ShowRows();
        };
        _filter.Accepting += (_, e) =>
        {
            // Enter in the filter box: on to the rows it left.
            e.Handled = true;
            _table.SetFocus();
        };
        Add(_info, new Label { X = 0, Y = 1, Text = "Filter:" }, _filter, _summary, _table, _detail);
        var keys = new List<KeyAction>
        {
            new(Key.F3, "Filter", () => _filter.SetFocus()),
            new(Key.F4, "Sort", () =>
            {
                _vm.NextSort();
                ShowRows();
            }),
        };
        if (_vm.IsDraft)
        {
            keys.Add(new(Key.F2, "Add row", AddRow));
            keys.Add(new(Key.F8, "Delete", Delete));
            keys.Add(new(Key.F9, "Verified", Verify));
            keys.Add(new(Key.F5, "Impact", () => Shell.Push(new ImpactScreen(Shell, versionId))));
            keys.Add(new(Key.F6, "Publish", () => Shell.Push(new PublishScreen(Shell, versionId))));
            keys.Add(new(Key.F7, "Diff", () => Shell.Push(new DiffScreen(Shell, versionId))));
        }
        Keys = keys;
    }

    public override IReadOnlyList<KeyAction> Keys { get; }

    public RulesViewModel Model => _vm;

    public override void Shown()
    {
        _vm.Refresh();
        _info.Text = _vm.ReadOnlyReason is { } reason
            ? $"READ-ONLY: {Display.Status(_vm.Version.Info.Status)} versions never change (F2 on Versions: new draft)"
            : "Draft: Enter edits a row. Filter: words or t:code. ! = low confidence";
        if (_vm.ReadOnlyReason is not null)
        {
            _info.SetScheme(Palette.Caution(GetScheme()));
        }
        ShowRows();
        _table.SetFocus();
    }

    private RuleLine? Selected => Tables.SelectedRow(_table) is var i && i >= 0 && i < _vm.Lines.Count ? _vm.Lines[i] : null;

    private void ShowRows(string? select = null)
    {
        var keep = select ?? Selected?.Id;
        Tables.Show(_table, _vm.Lines, new()
        {
            ["!"] = l => l.Mark,
            ["Rule"] = l => l.Id,
            ["Treatments"] = l => l.Treatments,
            ["Phase"] = l => l.Phase,
            ["Min"] = l => l.Min,
            ["Max"] = l => l.Max,
            ["Wks"] = l => l.Weeks,
            ["Trial"] = l => l.Trial,
            ["Group"] = l => l.Group,
            ["Regions"] = l => l.Regions,
            ["Flags"] = l => l.Flags,
            ["Pages"] = l => l.Pages,
            ["Conf."] = l => l.Confidence,
            ["Source guideline"] = l => l.Source,
        }, _vm.IndexOf(keep), (1, 8, 26), (2, 8, 20), (8, 5, 18), (9, 3, 16), (13, 6, 40));
        Tables.ColorRows(_table, row => row < _vm.Lines.Count && _vm.Lines[row].LowConfidence ? Palette.Caution : null);
        _summary.Text = _vm.ShortSummary;
        ShowDetail();
    }

    private void ShowDetail()
    {
        _detail.Text = Selected is { } l
            ? $"{l.Id}: {l.Source}{(l.Pages.Length > 0 ? $", p. {l.Pages}" : "")}; {(l.Record.Verified ? $"verified by {l.Record.VerifiedBy} {l.Record.VerifiedAt:yyyy-MM-dd}" : $"confidence {l.Confidence}")}\n{l.Record.Row.ConfidenceReason}"
            : "";
    }

    private void Edit()
    {
        if (Selected is { } l)
        {
            Shell.Push(new RuleEditScreen(Shell, _vm.VersionId, l.Id));
        }
    }

    private void AddRow()
    {
        if (Selected is not { } template)
        {
            return;
        }
        var id = AddRowDialog.Ask(Shell.App, _vm, template.Id);
        if (id is null)
        {
            return;
        }
        if (Shell.Try(() => _vm.AddCopy(id, template.Id)))
        {
            ShowRows(id);
            Shell.Push(new RuleEditScreen(Shell, _vm.VersionId, id));
        }
    }

    private void Delete()
    {
        if (Selected is not { } l)
        {
            return;
        }
        if (Shell.Confirm("Delete row", $"Delete {l.Id} ({l.Treatments}) from {_vm.VersionId}?", "_Delete"))
        {
            Shell.Try(() => _vm.Delete(l.Id));
            ShowRows();
        }
    }

    private void Verify()
    {
        if (Selected is not { } l)
        {
            return;
        }
        if (Shell.Try(() => _vm.MarkVerified(l.Id)))
        {
            ShowRows(l.Id);
        }
    }
}
