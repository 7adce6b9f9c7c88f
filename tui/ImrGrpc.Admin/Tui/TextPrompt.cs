using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>
/// A dialog asking for one line of text: what it is for, the field with its caption, what is wrong with the text as it
/// is typed, Cancel and an accepting button (the default, so Enter accepts).
/// </summary>
internal static class TextPrompt
{
    /// <summary>The text typed (trimmed), or null when cancelled or when <paramref name="problem"/> still objects to it.</summary>
    public static string? Ask(IApplication app, string title, string intro, string caption, string initial, string accept, Func<string, string?> problem)
    {
        var field = new TextField { X = 1, Y = 3, Width = Dim.Fill(1), Text = initial };
        var error = new Label { X = 1, Y = 4, Width = Dim.Fill(1), Text = problem(initial) ?? "" };
        field.TextChanged += (_, _) => error.Text = problem(field.Text) ?? "";
        using var dialog = new Dialog { Title = title, Width = Dim.Percent(80), Height = 12 };
        dialog.Add(
            new Label { X = 1, Y = 0, Width = Dim.Fill(1), Text = intro },
            new Label { X = 1, Y = 2, Text = caption },
            field,
            error);
        dialog.AddButton(new Button { Text = "_Cancel" });
        dialog.AddButton(new Button { Text = accept, IsDefault = true });

        app.Run(dialog);
        return dialog.Result == 1 && problem(field.Text) is null ? field.Text.Trim() : null;
    }
}
