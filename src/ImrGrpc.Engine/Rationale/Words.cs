using System.Globalization;
using System.Text;
using ImrGrpc.Engine.Cases;

namespace ImrGrpc.Engine.Rationale;

/// <summary>Small grammar helpers: plurals, lists, dates, numbers. Invariant culture throughout.</summary>
public static class Words
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"1 visit", "6 visits".</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        $"{count.ToString(Invariant)} {(count == 1 ? singular : plural ?? singular + "s")}";

    private static readonly string[] MonthNames = Invariant.DateTimeFormat.MonthNames;

    /// <summary>"January 6, 2014": the invariant culture's "MMMM d, yyyy", put together directly because a letter
    /// carries several dates and the custom pattern is parsed on every call (WordsTests hold the two equal).</summary>
    public static string Date(DateOnly date) => string.Create(Invariant, $"{MonthNames[date.Month - 1]} {date.Day}, {date.Year:D4}");

    /// <summary>"4", "4.5", "0.33": at most two decimals. Whole numbers (hours, pounds) skip the custom pattern.</summary>
    public static string Number(double value) =>
        double.IsInteger(value) && Math.Abs(value) < 1e15 && !double.IsNegative(value)
            ? ((long)value).ToString(Invariant)
            : value.ToString("0.##", Invariant);

    public static string Number(int value) => value.ToString(Invariant);

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string List(IReadOnlyList<string> items, string conjunction = "and")
    {
        return items.Count switch
        {
            0 => "",
            1 => items[0],
            2 => $"{items[0]} {conjunction} {items[1]}",
            _ => string.Join(", ", items.Take(items.Count - 1)) + $" {conjunction} " + items[^1],
        };
    }

    /// <summary>First letter upper case.</summary>
    public static string Capitalize(string text)
    {
        if (string.IsNullOrEmpty(text) || char.ToUpperInvariant(text[0]) == text[0])
        {
            return text;
        }
        return string.Create(text.Length, text, static (chars, t) =>
        {
            t.CopyTo(chars);
            chars[0] = char.ToUpperInvariant(t[0]);
        });
    }

    /// <summary>Ends a sentence with a full stop unless it already ends with punctuation.</summary>
    public static string Sentence(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length == 0 || ".!?".Contains(trimmed[^1]) ? trimmed : trimmed + ".";
    }

    public static string WorkStatus(WorkStatus status) => status switch
    {
        Cases.WorkStatus.OffWork => "off work",
        Cases.WorkStatus.ModifiedDuty => "modified duty",
        Cases.WorkStatus.FullDuty => "full duty",
        _ => "not recorded",
    };

    /// <summary>Wraps text to a width, keeping existing line breaks and each line's indent; words longer than the width stay whole.</summary>
    public static string Wrap(string text, int width)
    {
        var output = new StringBuilder(text.Length + (text.Length / width) + 8);
        WrapInto(output, text, width);
        return output.ToString();
    }

    /// <summary>Appends the wrapped text to a builder, without building the wrapped copy on its own.</summary>
    public static void WrapInto(StringBuilder output, ReadOnlySpan<char> text, int width)
    {
        while (true)
        {
            var end = text.IndexOf('\n');
            AppendWrapped(output, end < 0 ? text : text[..end], width);
            if (end < 0)
            {
                return;
            }
            output.Append('\n');
            text = text[(end + 1)..];
        }
    }

    /// <summary>
    /// A line whose words are already one space apart (the renderer's own sentences): each output line is the longest
    /// run of words that fits, found by the last space within the room, so one append per output line.
    /// </summary>
    private static void AppendWrappedSingleSpaced(StringBuilder output, ReadOnlySpan<char> words, int indent, int width)
    {
        var room = width - indent;
        var rest = words;
        while (true)
        {
            output.Append(' ', indent);
            if (rest.Length <= room)
            {
                output.Append(rest);
                return;
            }
            // The words before the space at k take k columns: the last space at k <= room ends the line; none there
            // means the first word is longer than the room, and it stays whole on its own line.
            var cut = rest[..Math.Max(room + 1, 0)].LastIndexOf(' ');
            if (cut < 0)
            {
                cut = rest.IndexOf(' ');
                if (cut < 0)
                {
                    output.Append(rest);
                    return;
                }
            }
            output.Append(rest[..cut]).Append('\n');
            rest = rest[(cut + 1)..];
        }
    }

    /// <summary>
    /// One line of the input: its words joined by single spaces, broken before a word that would pass the width, each
    /// new line starting with the line's indent. Lines already one space apart take the quicker path above.
    /// </summary>
    private static void AppendWrapped(StringBuilder output, ReadOnlySpan<char> line, int width)
    {
        var indent = line.Length - line.TrimStart(' ').Length;
        var words = line[indent..];
        if (words.Length > 0 && words[^1] != ' ' && !words.Contains("  ", StringComparison.Ordinal))
        {
            AppendWrappedSingleSpaced(output, words, indent, width);
            return;
        }
        var column = 0;
        var first = true;
        var position = 0;
        while (position < line.Length)
        {
            if (line[position] == ' ')
            {
                position++;
                continue;
            }
            var length = line[position..].IndexOf(' ');
            if (length < 0)
            {
                length = line.Length - position;
            }
            var word = line.Slice(position, length);
            position += length;
            if (!first && column + 1 + word.Length > width)
            {
                output.Append('\n').Append(' ', indent);
                column = indent;
                first = true;
            }
            if (first && column == 0 && indent > 0)
            {
                output.Append(' ', indent);
                column = indent;
            }
            if (!first)
            {
                output.Append(' ');
                column++;
            }
            output.Append(word);
            column += word.Length;
            first = false;
        }
    }
}
