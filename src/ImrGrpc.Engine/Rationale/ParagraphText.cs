using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace ImrGrpc.Engine.Rationale;

/// <summary>
/// A rationale paragraph being written: each template of <see cref="Sentences"/> appends its sentence here, a space
/// after the one before, straight into one builder kept per thread (<see cref="TextBuilders"/>). A letter carries
/// a dozen sentences per item; built as strings and then joined, each was formatted in a rented buffer, copied into
/// a string and copied again into the paragraph (docs/PERFORMANCE.md).
/// </summary>
internal sealed class ParagraphText(StringBuilder builder)
{
    internal StringBuilder Builder { get; } = builder;

    public static ParagraphText Start() => new(TextBuilders.Rent(1024));

    /// <summary>Begins a sentence: a space after the one before, if any.</summary>
    internal void Begin()
    {
        if (Builder.Length > 0)
        {
            Builder.Append(' ');
        }
    }

    /// <summary>Appends a sentence; returns true so that templates can be the arms of a switch expression.</summary>
    public bool Write([InterpolatedStringHandlerArgument("")] ref SentenceHandler sentence)
    {
        _ = sentence;
        return true;
    }

    /// <summary>Appends a sentence already written as a string.</summary>
    public bool Write(string sentence)
    {
        Begin();
        Builder.Append(sentence);
        return true;
    }

    /// <summary>The paragraph; the builder goes back for the thread's next text.</summary>
    public string Finish() => TextBuilders.ToStringAndReturn(Builder);

    /// <summary>The sentences one template call writes, alone (for tests of a single template).</summary>
    public static string Of(Func<ParagraphText, bool> template)
    {
        var paragraph = new ParagraphText(new StringBuilder());
        template(paragraph);
        return paragraph.Builder.ToString();
    }

    /// <summary>Appends an interpolated sentence to the paragraph as it is formatted: the separator first, then each
    /// literal and value in turn. Numbers are written in the invariant culture.</summary>
    [InterpolatedStringHandler]
    public readonly ref struct SentenceHandler
    {
        private readonly StringBuilder _builder;

        public SentenceHandler(int literalLength, int formattedCount, ParagraphText paragraph)
        {
            _ = literalLength;
            _ = formattedCount;
            paragraph.Begin();
            _builder = paragraph.Builder;
        }

        public void AppendLiteral(string value) => _builder.Append(value);

        public void AppendFormatted(string? value) => _builder.Append(value);

        public void AppendFormatted(int value)
        {
            Span<char> digits = stackalloc char[11];
            value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
            _builder.Append(digits[..written]);
        }

        public void AppendFormatted<T>(T value) =>
            _builder.Append(value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString());
    }
}
