using ImrGrpc.Admin.ViewModels;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>
/// Deciding a case file: F3 opens it (file dialog), the versions list picks the version (the one in force on its
/// request date is chosen for you), and each item's decision, criteria and rationale are shown.
/// </summary>
internal sealed class TryCaseScreen : Screen
{
    private readonly TryCaseViewModel _vm;
    private readonly Label _message = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = 2 };
    private readonly ListView _versions = new() { X = 0, Y = 3, Width = 16, Height = Dim.Fill() };
    private readonly TextLines _report = new() { X = 17, Y = 2 };

    public TryCaseScreen(AdminShell shell) : base(shell, "Try a case")
    {
        _vm = new TryCaseViewModel(Session);
        _versions.Accepted += (_, _) => ChooseVersion();
        Add(_message, new Label { X = 0, Y = 2, Text = "Version:" }, _versions, _report);
        Keys =
        [
            new(Key.F3, "Open case", Open),
            new(Key.F5, "Decide", Decide),
        ];
    }

    public override IReadOnlyList<KeyAction> Keys { get; }

    public TryCaseViewModel Model => _vm;

    public override void Shown()
    {
        ShowMessage();
        _versions.SetFocus();
    }

    /// <summary>Loads a case file as the file dialog would (tests call this directly).</summary>
    public void Load(string path)
    {
        if (_vm.Load(path))
        {
            _versions.SetSource(new System.Collections.ObjectModel.ObservableCollection<string>(_vm.VersionIds));
            _versions.SelectedItem = _vm.VersionIds.ToList().IndexOf(_vm.VersionId ?? "");
            Decide();
        }
        else
        {
            _report.SetText("");
        }
        ShowMessage();
    }

    private void ShowMessage() => _message.Text = string.Join("\n", TextLines.Wrap(_vm.Message, TextLines.WrapWidth).Take(2));

    private void Open()
    {
        using var dialog = new OpenDialog { Title = "Open a case (imr.v1 request JSON)", AllowsMultipleSelection = false };
        dialog.AllowedTypes = [new AllowedType("Case JSON", ".json", ".jsonl"), new AllowedTypeAny()];
        Shell.App.Run(dialog);
        if (!dialog.Canceled && dialog.FilePaths.Count > 0)
        {
            Load(dialog.FilePaths[0]);
        }
    }

    private void ChooseVersion()
    {
        if (_versions.SelectedItem is int i && i >= 0 && i < _vm.VersionIds.Count)
        {
            _vm.VersionId = _vm.VersionIds[i];
            Decide();
        }
    }

    private void Decide()
    {
        _vm.Decide();
        ShowMessage();
        _report.SetText(_vm.Report());
    }
}
