using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Rationale;

/// <summary>
/// Text being written by the detail templates (<see cref="DetailFormatter"/>) and the rationale sentences
/// (<see cref="Sentences"/>): a growable buffer of characters rented from the shared pool. A caller that needs a string
/// takes one at the end; the response writer encodes the characters to UTF-8 straight into its output, so the many
/// short detail lines of a decision cost no string each, and a paragraph is its sentences written one after another,
/// not a string per sentence joined at the end. Numbers and dates are written in the invariant culture whatever the
/// thread's.
/// </summary>
public sealed class DetailText : IDisposable
{
    private char[] _buffer;
    private int _length;
    private readonly char _separator;

    public DetailText(int capacity = 256) => _buffer = ArrayPool<char>.Shared.Rent(capacity);

    /// <summary>A text of pieces one after another, each <see cref="Write(string)"/> starting with the separator when
    /// something is already written: a paragraph of sentences, with ' '.</summary>
    public DetailText(int capacity, char separator)
        : this(capacity) => _separator = separator;

    public int Length => _length;

    /// <summary>What has been written from a position on.</summary>
    public ReadOnlySpan<char> Slice(int start, int length) => _buffer.AsSpan(start, length);

    public ReadOnlySpan<char> Written => _buffer.AsSpan(0, _length);

    /// <summary>Appends a fixed text; returns true so that templates can be the arms of a switch expression.</summary>
    public bool Write(string literal)
    {
        BeginPiece();
        Append(literal);
        return true;
    }

    /// <summary>Appends an interpolated template; returns true so that templates can be the arms of a switch expression.</summary>
    public bool Write([InterpolatedStringHandlerArgument("")] ref Handler text)
    {
        _ = text;
        return true;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        text.CopyTo(Reserve(text.Length));
        _length += text.Length;
    }

    public void Append(char c)
    {
        Reserve(1)[0] = c;
        _length++;
    }

    public void AppendFormatted<T>(T value, ReadOnlySpan<char> format) where T : ISpanFormattable
    {
        int written;
        while (!value.TryFormat(_buffer.AsSpan(_length), out written, format, CultureInfo.InvariantCulture))
        {
            Grow(_buffer.Length);
        }
        _length += written;
    }

    public void Clear() => _length = 0;

    /// <summary>Before a piece: the separator, when the text has one and is not empty.</summary>
    private void BeginPiece()
    {
        if (_separator != default && _length > 0)
        {
            Append(_separator);
        }
    }

    public override string ToString() => new(_buffer, 0, _length);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private Span<char> Reserve(int size)
    {
        if (_length + size > _buffer.Length)
        {
            Grow(size);
        }
        return _buffer.AsSpan(_length, size);
    }

    private void Grow(int atLeast)
    {
        var bigger = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + atLeast));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        if (_buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_buffer);
        }
        _buffer = bigger;
    }

    /// <summary>Turns each piece of an interpolated template into an append: no intermediate string.</summary>
    [InterpolatedStringHandler]
    public readonly ref struct Handler
    {
        private readonly DetailText _text;

        public Handler(int literalLength, int formattedCount, DetailText text)
        {
            _ = literalLength;
            _ = formattedCount;
            _text = text;
            text.BeginPiece();
        }

        public void AppendLiteral(string value) => _text.Append(value);

        public void AppendFormatted(string? value) => _text.Append(value);

        public void AppendFormatted(ReadOnlySpan<char> value) => _text.Append(value);

        public void AppendFormatted(char value) => _text.Append(value);

        public void AppendFormatted(int value) => _text.AppendFormatted(value, default);

        /// <summary>An absent number writes nothing, as string interpolation does.</summary>
        public void AppendFormatted(int? value)
        {
            if (value is { } number)
            {
                _text.AppendFormatted(number, default);
            }
        }

        /// <summary>A date in the template's format; an ISO date (<see cref="IsoDate.Format"/>) is written the way
        /// <see cref="IsoDate"/> writes one, without parsing the pattern.</summary>
        public void AppendFormatted(DateOnly value, string format) =>
            _text.AppendFormatted(value, format == IsoDate.Format ? IsoDate.WriteFormat : format);

        /// <summary>An absent date writes nothing, as string interpolation does.</summary>
        public void AppendFormatted(DateOnly? value, string format)
        {
            if (value is { } date)
            {
                AppendFormatted(date, format);
            }
        }

        public void AppendFormatted<T>(T value) where T : ISpanFormattable => _text.AppendFormatted(value, default);
    }
}
