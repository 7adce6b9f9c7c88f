using System.Globalization;

namespace ImrGrpc.Engine.Model;

/// <summary>
/// Calendar dates as every edge writes and reads them: ISO 8601 YYYY-MM-DD, invariant culture, exactly (no times, no
/// other layouts), whatever the machine's locale or calendar.
/// </summary>
public static class IsoDate
{
    public const string Format = "yyyy-MM-dd";

    public static string Write(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The date, or null for none.</summary>
    public static string? Write(DateOnly? date) => date is { } d ? Write(d) : null;

    /// <summary>Reads YYYY-MM-DD exactly (a real calendar date: 2030-02-30 is refused).</summary>
    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The date, or null when the text is not one.</summary>
    public static DateOnly? Parse(string? text) => TryParse(text, out var date) ? date : null;
}
