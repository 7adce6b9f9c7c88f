using ImrGrpc.Admin.Application;
using Terminal.Gui.App;

namespace ImrGrpc.Admin.Tui;

/// <summary>
/// Progress from a background run, marshalled to the UI thread: at most one update waits at a time, so workers
/// reporting thousands of times a second cannot flood the main loop; each update shows the latest state.
/// </summary>
internal sealed class UiProgress(IApplication app, Action update) : IProgress<ImpactProgress>
{
    private int _pending;

    public void Report(ImpactProgress value)
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            app.Invoke(() =>
            {
                Interlocked.Exchange(ref _pending, 0);
                update();
            });
        }
    }
}
