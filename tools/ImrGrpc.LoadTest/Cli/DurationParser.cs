using System.Globalization;

namespace ImrGrpc.LoadTest.Cli;

/// <summary>Reads durations the way people type them: "30s", "500ms", "2m", "1h", or a bare number of seconds.</summary>
internal static class DurationParser
{
    // Far beyond any sensible run, and well inside what TimeSpan and the schedule arithmetic can hold.
    private const double MaxSeconds = 7 * 24 * 3600;

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var s = text.Trim();
        var (number, secondsPerUnit) = s switch
        {
            _ when s.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (s[..^2], 0.001),
            _ when s.EndsWith('s') || s.EndsWith('S') => (s[..^1], 1.0),
            _ when s.EndsWith('m') || s.EndsWith('M') => (s[..^1], 60.0),
            _ when s.EndsWith('h') || s.EndsWith('H') => (s[..^1], 3600.0),
            _ => (s, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || !double.IsFinite(n) || n < 0)
        {
            return false;
        }

        var seconds = n * secondsPerUnit;
        if (seconds > MaxSeconds)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    public static string Format(TimeSpan value) =>
        value.TotalSeconds >= 1 || value == TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.##}s")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.##}ms");
}
