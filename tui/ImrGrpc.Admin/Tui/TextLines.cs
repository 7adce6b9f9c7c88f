using System.Collections.ObjectModel;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>Read-only text as a scrolling list of lines, wrapped to fit the narrowest supported terminal.</summary>
internal sealed class TextLines : ListView
{
    public const int WrapWidth = 76;

    public TextLines()
    {
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();
    }

    public string Content { get; private set; } = "";

    public void SetText(string text)
    {
        Content = text;
        SetSource(new ObservableCollection<string>(Wrap(text, WrapWidth)));
        if (Source?.Count > 0)
        {
            SelectedItem = 0;
        }
    }

    /// <summary>Wraps each line at word boundaries, keeping its indentation on continuation lines.</summary>
    public static IEnumerable<string> Wrap(string text, int width)
    {
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            var indent = new string(' ', Math.Min(line.Length - line.TrimStart().Length + 2, width / 2));
            while (line.Length > width)
            {
                var cut = line.LastIndexOf(' ', width);
                if (cut <= indent.Length)
                {
                    cut = width;
                }
                yield return line[..cut];
                line = indent + line[cut..].TrimStart();
            }
            yield return line;
        }
    }
}
