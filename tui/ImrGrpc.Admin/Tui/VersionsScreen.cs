using ImrGrpc.Admin.ViewModels;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>Every guideline version: status, window, hash, parent, rows, unverified rows; the one in force today is marked.</summary>
internal sealed class VersionsScreen : Screen
{
    private readonly VersionsViewModel _vm;
    private readonly TableView _table = Tables.Create();
    private readonly Label _legend = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
    private readonly Label _detail = new() { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Height = 2 };
    private string? _select;

    public VersionsScreen(AdminShell shell) : base(shell, "Versions")
    {
        _vm = new VersionsViewModel(Session);
        _table.Y = 1;
        _table.Height = Dim.Fill(2);
        _table.Accepted += (_, _) => OpenRules();
        _table.ValueChanged += (_, _) => ShowDetail();
        Add(_legend, _table, _detail);
        Keys =
        [
            new(Key.F2, "New draft", NewDraft),
            new(Key.F4, "Diff", () => WithDraft(id => Shell.Push(new DiffScreen(Shell, id)))),
            new(Key.F5, "Impact", () => WithDraft(id => Shell.Push(new ImpactScreen(Shell, id)))),
            new(Key.F6, "Publish", () => WithDraft(id => Shell.Push(new PublishScreen(Shell, id)))),
            new(Key.F7, "Audit", () => Shell.Push(new AuditScreen(Shell))),
            new(Key.F8, "Try case", () => Shell.Push(new TryCaseScreen(Shell))),
            new(Key.F9, "Abandon", Abandon),
        ];
    }

    public override IReadOnlyList<KeyAction> Keys { get; }

    public VersionsViewModel Model => _vm;

    /// <summary>Selects a version the next time the list is shown (a new draft, a just-published version).</summary>
    public void Select(string id) => _select = id;

    public override void Shown()
    {
        var keep = _select ?? Selected?.Id;
        _select = null;
        _vm.Refresh();
        _legend.Text = $"Enter opens a version's rows.  {_vm.Legend}";
        Tables.Show(_table, _vm.Lines, new()
        {
            [" "] = l => l.Mark,
            ["Version"] = l => l.Id,
            ["Status"] = l => l.Status,
            ["In force"] = l => l.Window,
            ["Rows"] = l => l.Rows,
            ["Unver"] = l => l.Unverified,
            ["Parent"] = l => l.Parent,
            ["Hash"] = l => l.Hash,
            ["Label"] = l => l.Label,
        }, _vm.IndexOf(keep) is >= 0 and var i ? i : _vm.IndexOf(_vm.InForceId));
        Tables.ColorRows(_table, row => row < _vm.Lines.Count && _vm.Lines[row].InForceToday ? Palette.Good : _vm.Lines[row].IsDraft ? Palette.Caution : null);
        ShowDetail();
    }

    private VersionLine? Selected => Tables.SelectedRow(_table) is var i && i >= 0 && i < _vm.Lines.Count ? _vm.Lines[i] : null;

    private void ShowDetail()
    {
        _detail.Text = Selected is { } v
            ? $"{v.Id}: {v.Label}\n{(v.IsDraft ? "draft: F4 diff, F5 impact, F6 publish, F9 abandon" : v.InForceToday ? "in force today; F2 starts a draft from it" : $"{v.Status}; F2 starts a draft from it")}"
            : "";
    }

    private void OpenRules()
    {
        if (Selected is { } v)
        {
            Shell.Push(new RulesScreen(Shell, v.Id));
        }
    }

    private void NewDraft()
    {
        if (Selected is not { } v)
        {
            return;
        }
        var vm = new NewDraftViewModel(Session, v.Id);
        if (!NewDraftDialog.Ask(Shell.App, vm))
        {
            return;
        }
        string? id = null;
        if (Shell.Try(() => id = vm.Create()))
        {
            _select = id;
            Shell.Push(new RulesScreen(Shell, id!));
        }
    }

    private void WithDraft(Action<string> open)
    {
        if (Selected is not { } v)
        {
            return;
        }
        if (!v.IsDraft)
        {
            Shell.Info("Drafts only", $"{v.Id} is {v.Status}. Diff, impact and publish work on a draft: select one, or press F2 to start a draft from {v.Id}.");
            return;
        }
        open(v.Id);
    }

    private void Abandon()
    {
        if (Selected is not { IsDraft: true } v)
        {
            Shell.Info("Drafts only", "Only a draft can be abandoned; published versions leave service when a successor replaces them.");
            return;
        }
        if (Shell.Confirm("Abandon draft", $"Abandon {v.Id} ({v.Label})? It stays in the audit log but can no longer be edited or published.", "_Abandon"))
        {
            Shell.Try(() => _vm.Abandon(v.Id));
            Shown();
        }
    }
}
