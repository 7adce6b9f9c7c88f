namespace ImrGrpc.LoadTest.Running;

/// <summary>Calls and errors completed so far across all workers, read without stopping them.</summary>
internal readonly record struct Snapshot(long At, long Calls, long Errors)
{
    public static Snapshot Of(IReadOnlyList<Worker> workers, long at)
    {
        long calls = 0, errors = 0;
        foreach (var worker in workers)
        {
            calls += worker.Completed;
            errors += worker.Errors;
        }

        return new Snapshot(at, calls, errors);
    }

    public Snapshot Minus(Snapshot earlier) => new(At - earlier.At, Calls - earlier.Calls, Errors - earlier.Errors);

    public double RateSince(Snapshot earlier) => At > earlier.At ? (Calls - earlier.Calls) / Ticks.ToSeconds(At - earlier.At) : 0;
}
