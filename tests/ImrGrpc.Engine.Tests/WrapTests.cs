using System.Text;
using ImrGrpc.Engine.Rationale;

namespace ImrGrpc.Engine.Tests;

/// <summary>
/// Letter wrapping: the renderer's wrap (which appends runs of words as slices) reads the same as the plainest
/// statement of the rule, on hand-picked corners and on random text with runs of spaces, indents and long words.
/// </summary>
public sealed class WrapTests
{
    /// <summary>The rule in its plainest form: each input line's words, joined by one space, broken before a word that
    /// would pass the width; a broken line starts with the input line's indent; a word longer than the width stays whole.</summary>
    private static string Plain(string text, int width)
    {
        var output = new StringBuilder();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                output.Append('\n');
            }
            var line = lines[i];
            var indent = line.Length - line.TrimStart(' ').Length;
            var column = 0;
            var startOfLine = true;
            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!startOfLine && column + 1 + word.Length > width)
                {
                    output.Append('\n');
                    startOfLine = true;
                }
                if (startOfLine)
                {
                    output.Append(' ', indent).Append(word);
                    column = indent + word.Length;
                    startOfLine = false;
                }
                else
                {
                    output.Append(' ').Append(word);
                    column += 1 + word.Length;
                }
            }
        }
        return output.ToString();
    }

    [Theory]
    [InlineData("", 10)]
    [InlineData("one", 10)]
    [InlineData("one two three four five six", 9)]
    [InlineData("one  two   three", 9)]
    [InlineData("  - indented item that wraps onto the next line", 20)]
    [InlineData("a-word-longer-than-the-width then short words", 10)]
    [InlineData("trailing spaces   ", 8)]
    [InlineData("   ", 8)]
    [InlineData("first line\n\n  second line, indented, wraps here", 14)]
    [InlineData("exactly ten", 11)]
    [InlineData("exactly ten", 10)]
    public void Corners_read_as_the_plain_rule(string text, int width) =>
        Assert.Equal(Plain(text, width), Words.Wrap(text, width));

    [Fact]
    public void Random_text_reads_as_the_plain_rule()
    {
        var random = new Random(20261206);
        const string alphabet = "abcdefghij     \n";
        for (var trial = 0; trial < 5000; trial++)
        {
            var length = random.Next(0, 400);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }
            var text = new string(chars);
            var width = random.Next(1, 90);
            Assert.Equal(Plain(text, width), Words.Wrap(text, width));
        }
    }

    /// <summary>The renderer's own sentences: words one space apart, some lines indented, some words past the width.</summary>
    [Fact]
    public void Random_single_spaced_lines_read_as_the_plain_rule()
    {
        var random = new Random(9792);
        for (var trial = 0; trial < 5000; trial++)
        {
            var text = new StringBuilder();
            var lines = random.Next(1, 4);
            for (var l = 0; l < lines; l++)
            {
                if (l > 0)
                {
                    text.Append('\n');
                }
                text.Append(' ', random.Next(0, 3) == 0 ? random.Next(1, 6) : 0);
                var words = random.Next(0, 40);
                for (var w = 0; w < words; w++)
                {
                    if (w > 0)
                    {
                        text.Append(' ');
                    }
                    text.Append('x', random.Next(1, random.Next(0, 10) == 0 ? 30 : 10));
                }
            }
            var width = random.Next(1, 90);
            Assert.Equal(Plain(text.ToString(), width), Words.Wrap(text.ToString(), width));
        }
    }
}
