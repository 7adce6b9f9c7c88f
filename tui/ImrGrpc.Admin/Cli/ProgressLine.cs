using System.Globalization;
using ImrGrpc.Admin.Application;

namespace ImrGrpc.Admin.Cli;

/// <summary>
/// A long command's progress on standard error, never on standard output (which a script may be reading as JSON): on a
/// terminal one bar redrawn in place a few times a second, with cases per second and the time left; in a log, a plain
/// line every few seconds. Reports may come from several threads at once.
/// </summary>
internal sealed class ProgressLine(TextWriter error, bool terminal, TimeProvider time, string label) : IProgress<ImpactProgress>
{
    private const int BarWidth = 24;
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(5);
    private readonly Lock _lock = new();
    private readonly long _started = time.GetTimestamp();
    private TimeSpan _shown;
    private bool _drawn;

    public void Report(ImpactProgress value)
    {
        lock (_lock)
        {
            var now = time.GetElapsedTime(_started);
            if (now - _shown < (terminal ? RedrawEvery : LogEvery))
            {
                return;
            }
            _shown = now;
            if (terminal)
            {
                // \r back to the line start; ESC[K clears what a longer previous line left behind.
                error.Write($"\r{Bar(value)}\u001b[K");
                _drawn = true;
            }
            else
            {
                error.WriteLine(Line(value));
            }
            error.Flush();
        }
    }

    /// <summary>Takes the bar off the terminal (the report follows on standard output).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            if (_drawn)
            {
                error.Write("\r\u001b[K");
                error.Flush();
                _drawn = false;
            }
        }
    }

    internal string Bar(ImpactProgress p)
    {
        var filled = (int)Math.Round(p.Fraction * BarWidth);
        return string.Create(CultureInfo.InvariantCulture,
            $"{label} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {p.Fraction * 100,3:F0}%  {p.Cases:N0} cases  {p.CasesPerSecond:N0}/s  ETA {Eta(p)}");
    }

    internal string Line(ImpactProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{label}: {p.Fraction * 100:F0}%, {p.Cases:N0} cases, {p.CasesPerSecond:N0} cases/s, {Eta(p)} left");

    private static string Eta(ImpactProgress p)
    {
        if (p.Remaining is not { } remaining)
        {
            return "?";
        }
        // Whole seconds, rounded up: "0:00" only when nothing is left.
        var left = TimeSpan.FromSeconds(Math.Ceiling(remaining.TotalSeconds));
        return left.TotalHours >= 1 ? left.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : left.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }
}
