using ImrGrpc.Admin.ViewModels;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>The audit log, newest first, filtered by version and user as you type; the selected entry's changes below.</summary>
internal sealed class AuditScreen : Screen
{
    private readonly AuditViewModel _vm;
    private readonly TextField _version = new() { X = 9, Y = 0, Width = 16 };
    private readonly TextField _user = new() { X = 33, Y = 0, Width = 14 };
    private readonly Label _summary = new() { X = 0, Y = 1, Width = Dim.Fill(), Height = 1 };
    private readonly TableView _table = Tables.Create();
    private readonly Label _detail = new() { X = 0, Y = Pos.AnchorEnd(4), Width = Dim.Fill(), Height = 4 };

    public AuditScreen(AdminShell shell) : base(shell, "Audit log")
    {
        _vm = new AuditViewModel(Session);
        _table.Y = 2;
        _table.Height = Dim.Fill(4);
        _table.ValueChanged += (_, _) => ShowDetail();
        _version.TextChanged += (_, _) => Filter();
        _user.TextChanged += (_, _) => Filter();
        Add(new Label { X = 0, Y = 0, Text = "Version:" }, _version, new Label { X = 27, Y = 0, Text = "User:" }, _user, _summary, _table, _detail);
        Keys =
        [
            new(Key.F3, "Version", () => _version.SetFocus()),
            new(Key.F4, "User", () => _user.SetFocus()),
            new(Key.F5, "Refresh", Shown),
        ];
    }

    public override IReadOnlyList<KeyAction> Keys { get; }

    public AuditViewModel Model => _vm;

    public override void Shown()
    {
        Filter();
        _table.SetFocus();
    }

    private void Filter()
    {
        _vm.VersionFilter = _version.Text;
        _vm.UserFilter = _user.Text;
        _vm.Refresh();
        _summary.Text = _vm.Summary;
        Tables.Show(_table, _vm.Lines, new()
        {
            ["When (UTC)"] = l => l.At,
            ["User"] = l => l.User,
            ["Action"] = l => l.Action,
            ["Version"] = l => l.Version,
            ["Row"] = l => l.Rule,
            ["Detail"] = l => l.Detail,
        }, -1, (4, 3, 24));
        ShowDetail();
    }

    private void ShowDetail() => _detail.Text = _vm.Detail(Tables.SelectedRow(_table));
}
