using System.Globalization;

namespace ImrGrpc.Engine.Rationale;

/// <summary>"6 requested" or "22 prior + 6 requested = 28": written in place by the detail templates, never as a string of its own.</summary>
internal readonly record struct SumText(int Prior, int Requested) : ISpanFormattable
{
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        Prior == 0 ? $"{Requested} requested" : $"{Prior} prior + {Requested} requested = {Prior + Requested}";

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        Prior == 0
            ? destination.TryWrite(CultureInfo.InvariantCulture, $"{Requested} requested", out charsWritten)
            : destination.TryWrite(CultureInfo.InvariantCulture, $"{Prior} prior + {Requested} requested = {Prior + Requested}", out charsWritten);
}

/// <summary>"1 visit", "6 visits": a count with its noun, written in place (as <see cref="Words.Count"/> writes it).</summary>
internal readonly record struct CountText(int Count, string Singular, string? Plural = null) : ISpanFormattable
{
    private string Noun => Count == 1 ? Singular : Plural ?? Singular + "s";

    public string ToString(string? format, IFormatProvider? formatProvider) => Words.Count(Count, Singular, Plural);

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (Count == 1 || Plural is not null)
        {
            return destination.TryWrite(CultureInfo.InvariantCulture, $"{Count} {Noun}", out charsWritten);
        }
        // The regular plural without building it: the singular and an "s".
        return destination.TryWrite(CultureInfo.InvariantCulture, $"{Count} {Singular}s", out charsWritten);
    }
}
