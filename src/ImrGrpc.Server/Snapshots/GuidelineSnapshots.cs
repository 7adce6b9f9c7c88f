using ImrGrpc.Engine.Compilation;

namespace ImrGrpc.Server.Snapshots;

/// <summary>
/// The compiled guideline library the request path reads. Readers take the current reference and never block;
/// a reload builds a whole new library off the request path and swaps it in with one reference write, so calls
/// in flight finish on the library they started with.
/// </summary>
public sealed class GuidelineSnapshots
{
    private ServedLibrary _served = ServedLibrary.Empty;
    private StoreHealth _storeHealth = new(false, "not loaded yet");
    private long _swaps;
    private long _failures;

    public GuidelineLibrary Current => Served.Library;

    /// <summary>The library with the response parts of its versions: what a call reads, once, at its start.</summary>
    public ServedLibrary Served => Volatile.Read(ref _served);

    public bool Loaded => Current.Revision > 0;

    /// <summary>Whether the last read of the bundle source succeeded; the last good library keeps serving either way.</summary>
    public StoreHealth StoreHealth => Volatile.Read(ref _storeHealth);

    /// <summary>Libraries swapped in since start-up, the first load included (counted here, so none is missed before metrics listen).</summary>
    public long Swaps => Interlocked.Read(ref _swaps);

    /// <summary>Reads of the bundle source that failed since start-up; the last good library kept serving through each.</summary>
    public long SourceFailures => Interlocked.Read(ref _failures);

    internal void Swap(GuidelineLibrary library, string description)
    {
        Volatile.Write(ref _served, new ServedLibrary(library));
        Volatile.Write(ref _storeHealth, new StoreHealth(true, description));
        Interlocked.Increment(ref _swaps);
    }

    internal void MarkStore(bool healthy, string description)
    {
        Volatile.Write(ref _storeHealth, new StoreHealth(healthy, description));
        if (!healthy)
        {
            Interlocked.Increment(ref _failures);
        }
    }
}

public sealed record StoreHealth(bool Healthy, string Description);
