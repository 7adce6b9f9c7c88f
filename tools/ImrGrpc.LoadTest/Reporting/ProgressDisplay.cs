using System.Globalization;
using ImrGrpc.LoadTest.Cli;
using ImrGrpc.LoadTest.Running;

namespace ImrGrpc.LoadTest.Reporting;

/// <summary>
/// Progress on stderr: on a terminal one line redrawn in place; otherwise (CI logs, files) a plain line every few
/// seconds, so logs stay readable. stdout is left to the report alone.
/// </summary>
internal sealed class ProgressDisplay(TextWriter output, bool interactive)
{
    private const int BarWidth = 24;
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);
    // A rate over less time than this is mostly noise (the last, short tick of a phase).
    private static readonly long MinRateWindow = Ticks.FromTimeSpan(TimeSpan.FromMilliseconds(100));
    private TimeSpan _nextLog = LogInterval;
    private bool _lineDrawn;
    private Snapshot _lastShown;
    private double _rate;

    /// <param name="sincePhaseStart">Time, calls and errors since the phase began.</param>
    public void Show(Phase phase, Snapshot sincePhaseStart)
    {
        var elapsed = Ticks.ToTimeSpan(sincePhaseStart.At);
        if (!interactive)
        {
            if (elapsed < _nextLog)
            {
                return;
            }

            _nextLog = elapsed + LogInterval;
        }

        // The current rate is over the time since the last line shown: 250 ms on a terminal, a few seconds in a log.
        if (sincePhaseStart.At - _lastShown.At >= MinRateWindow)
        {
            _rate = sincePhaseStart.RateSince(_lastShown);
            _lastShown = sincePhaseStart;
        }

        var (fraction, position) = phase.PlannedCalls is { } calls
            ? ((double)sincePhaseStart.Calls / calls, string.Create(CultureInfo.InvariantCulture, $"{sincePhaseStart.Calls:N0}/{calls:N0} calls"))
            : (elapsed / phase.PlannedDuration!.Value,
                $"{DurationParser.Format(Round(elapsed))}/{DurationParser.Format(phase.PlannedDuration!.Value)}");
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * BarWidth);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{phase.Name,-6} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {position}  "
            + $"calls {sincePhaseStart.Calls:N0}  {_rate:N0}/s  errors {sincePhaseStart.Errors:N0}");
        if (interactive)
        {
            // \r returns to the line start and ESC[K clears what a longer previous line left behind.
            output.Write($"\r{line}\u001b[K");
            _lineDrawn = true;
        }
        else
        {
            output.WriteLine(line);
        }

        output.Flush();
    }

    public void Clear()
    {
        _nextLog = LogInterval;
        _lastShown = default;
        _rate = 0;
        if (_lineDrawn)
        {
            output.Write("\r\u001b[K");
            output.Flush();
            _lineDrawn = false;
        }
    }

    private static TimeSpan Round(TimeSpan value) => TimeSpan.FromSeconds(Math.Round(value.TotalSeconds, 1));
}
