using ImrGrpc.Admin.Application;
using Terminal.Gui.App;

namespace ImrGrpc.Admin.Tui;

/// <summary>
/// Progress from a background run, marshalled to the UI thread at most ten times a second and one update at a time:
/// workers report after every batch (a thousand times a second on a big file), and redrawing the screen that often
/// took half the cores' time from the run. Each update shows the latest state; the run's end is drawn by its caller.
/// </summary>
internal sealed class UiProgress(IApplication app, TimeProvider time, Action update) : IProgress<ImpactProgress>
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);
    private readonly long _every = (long)(Every.TotalSeconds * time.TimestampFrequency);
    private long _next;
    private int _pending;

    public void Report(ImpactProgress value)
    {
        var now = time.GetTimestamp();
        if (now < Interlocked.Read(ref _next) || Interlocked.Exchange(ref _pending, 1) != 0)
        {
            return;
        }
        Interlocked.Exchange(ref _next, now + _every);
        app.Invoke(() =>
        {
            Interlocked.Exchange(ref _pending, 0);
            update();
        });
    }
}
