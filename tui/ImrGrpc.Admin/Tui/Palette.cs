using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace ImrGrpc.Admin.Tui;

/// <summary>
/// The few colors the screens add to the theme. Each sets both foreground and background, or uses the base 16 ANSI
/// colors on the theme's own background, so they read on dark and light terminals alike; every colored thing also
/// carries a text mark ("!", "x", "*", ">") for monochrome terminals and screen captures.
/// </summary>
internal static class Palette
{
    /// <summary>Low-confidence rows: dark yellow on the theme's background.</summary>
    public static Scheme Caution(Scheme s) => s with { Normal = new Attribute(new Color(ColorName16.Yellow), s.Normal.Background, s.Normal.Style) };

    /// <summary>Errors: red on the theme's background.</summary>
    public static Scheme Error(Scheme s) => s with { Normal = new Attribute(new Color(ColorName16.Red), s.Normal.Background, s.Normal.Style) };

    /// <summary>Changed fields: black on cyan, whatever the theme.</summary>
    public static Scheme Changed(Scheme s) => s with { Normal = new Attribute(new Color(ColorName16.Black), new Color(ColorName16.Cyan)) };

    /// <summary>Good news: green on the theme's background.</summary>
    public static Scheme Good(Scheme s) => s with { Normal = new Attribute(new Color(ColorName16.Green), s.Normal.Background, s.Normal.Style) };
}
