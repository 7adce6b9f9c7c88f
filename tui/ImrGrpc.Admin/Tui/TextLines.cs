using System.Collections.ObjectModel;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>Read-only text as a scrolling list of lines, wrapped to the view's width (again when the terminal is resized).</summary>
internal sealed class TextLines : ListView
{
    /// <summary>The wrap width for text shown in labels, which fits the narrowest supported terminal.</summary>
    public const int WrapWidth = 76;

    private int _wrappedAt;

    public TextLines()
    {
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();
        FrameChanged += (_, _) =>
        {
            if (Viewport.Width > 10 && Viewport.Width != _wrappedAt)
            {
                Rewrap();
            }
        };
    }

    public string Content { get; private set; } = "";

    public void SetText(string text)
    {
        Content = text;
        Rewrap();
    }

    private void Rewrap()
    {
        _wrappedAt = Viewport.Width;
        var width = Viewport.Width > 10 ? Viewport.Width - 1 : WrapWidth;
        SetSource(new ObservableCollection<string>(Wrap(Content, width)));
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
