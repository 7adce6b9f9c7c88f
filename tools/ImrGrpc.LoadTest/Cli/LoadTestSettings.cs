namespace ImrGrpc.LoadTest.Cli;

/// <summary>Which RPC the run drives.</summary>
internal enum LoadMethod
{
    Evaluate,
    Explain,
    Health,
}

/// <summary>One run, as asked for on the command line and already validated.</summary>
/// <param name="Duration">Null when the run is bounded by <paramref name="Total"/> instead.</param>
/// <param name="Rate">Calls per second for an open-loop run; null for closed loop (each worker calls back to back).</param>
internal sealed record LoadTestSettings(
    Uri Target,
    LoadMethod Method,
    IReadOnlyList<string> RequestSpecs,
    int Concurrency,
    int Connections,
    TimeSpan? Duration,
    long? Total,
    TimeSpan Warmup,
    double? Rate,
    bool Json)
{
    public bool OpenLoop => Rate is not null;
}
