using System.Globalization;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>
/// One column of a rule row as typed in the editor: its text (empty for none, lists comma separated, flags yes/no) and
/// the parse of that text back into the column's value. Parsing never throws: text that does not parse is an error
/// message for the field. What the value means and whether it is allowed is the column's and the validator's business.
/// </summary>
public sealed record RuleField(RuleColumn Column)
{
    public string Name => Column.Name;

    public ColumnKind Kind => Column.Kind;

    public string Help => Column.Help;

    /// <summary>The names a choice accepts, or null for other kinds.</summary>
    public IReadOnlyList<string>? Choices => Column.Kind == ColumnKind.Choice ? Column.Choices : null;

    public CodeSet Codes => Column.Codes;

    /// <summary>The column's value on a row as the editor shows it.</summary>
    public string Read(RuleRow row) => Column.ValueOf(row) switch
    {
        null => "",
        bool flag => flag ? "yes" : "no",
        int number => number.ToString(CultureInfo.InvariantCulture),
        DateOnly date => IsoDate.Write(date),
        IReadOnlyList<string> list => string.Join(", ", list),
        var value => (string)value,
    };

    /// <summary>The row with this column set to a value <see cref="TryParse"/> gave.</summary>
    public RuleRow Write(RuleRow row, object? value) => Column.WithValue(row, value);

    /// <summary>Parses the text the editor typed; returns an error message or null.</summary>
    public string? TryParse(string text, out object? value)
    {
        var t = text.Trim();
        value = null;
        switch (Kind)
        {
            case ColumnKind.Number:
                if (t.Length == 0)
                {
                    return null;
                }
                if (!t.All(char.IsAsciiDigit) || !int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    return "numbers only (a whole number, or empty for none)";
                }
                value = n;
                return null;
            case ColumnKind.Flag:
                switch (t.ToLowerInvariant())
                {
                    case "yes" or "y" or "true":
                        value = true;
                        return null;
                    case "no" or "n" or "false" or "":
                        value = false;
                        return null;
                    default:
                        return "yes or no";
                }
            case ColumnKind.Choice:
                if (Column.Choices.Contains(t, StringComparer.Ordinal))
                {
                    value = t;
                    return null;
                }
                return $"one of: {string.Join(", ", Column.Choices)}";
            case ColumnKind.List:
                value = t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                return null;
            case ColumnKind.Date:
                if (t.Length == 0)
                {
                    return null;
                }
                if (IsoDate.TryParse(t, out var d))
                {
                    value = d;
                    return null;
                }
                return "a date YYYY-MM-DD, or empty for none";
            case ColumnKind.Text:
                value = t;
                return null;
            default:
                value = t.Length == 0 ? null : t;
                return null;
        }
    }
}
