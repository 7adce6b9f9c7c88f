namespace ImrGrpc.Engine.Evaluation;

/// <summary>
/// A list reused for every item of a case: an item's criteria, findings or citations are gathered here and copied out
/// once at their exact size, so deciding an item allocates only what the decision keeps. Owned by one evaluation at a
/// time (never shared between threads, see <see cref="CaseBuffers"/>); it grows when an item needs more room, so no
/// caller's limit is assumed.
/// </summary>
internal sealed class TraceBuffer<T>(int capacity)
{
    private T[] _items = new T[capacity];
    private int _count;

    public ReadOnlySpan<T> Span => _items.AsSpan(0, _count);

    /// <summary>The room it has; a buffer grown far beyond a typical case is not kept for the next one.</summary>
    public int Capacity => _items.Length;

    public void Add(in T value)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        _items[_count++] = value;
    }

    public void AddDistinct(T value)
    {
        for (var i = 0; i < _count; i++)
        {
            // Rows are compared as the objects they are (a version compiles each row once); the test is then a pointer
            // comparison, not a call through EqualityComparer's shared-generic lookup.
            if (typeof(T).IsValueType ? EqualityComparer<T>.Default.Equals(_items[i], value) : ReferenceEquals(_items[i], value))
            {
                return;
            }
        }
        Add(value);
    }

    public T[] ToArray() => _count == 0 ? [] : _items.AsSpan(0, _count).ToArray();

    /// <summary>Empties the buffer, dropping its references so that nothing a decision used is kept alive by it.</summary>
    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
    }
}

/// <summary>
/// The three trace buffers one evaluation uses, kept per thread between cases: taking them is one thread-local read
/// instead of renting and returning three arrays from the shared pool per case (measured: docs/PERFORMANCE.md). A set is
/// taken out while in use, so an evaluation that found none (a nested or concurrent one on the same thread) gets a new
/// set; a set grown by an unusually large item is dropped instead of kept.
/// </summary>
internal sealed class CaseBuffers
{
    private const int CriteriaCapacity = 24, FindingsCapacity = 8, CitationsCapacity = 8, MaxKept = 256;

    [ThreadStatic]
    private static CaseBuffers? _kept;

    public TraceBuffer<CriterionResult> Criteria { get; } = new(CriteriaCapacity);
    public TraceBuffer<FindingResult> Findings { get; } = new(FindingsCapacity);
    public TraceBuffer<Compilation.CompiledRule> Citations { get; } = new(CitationsCapacity);

    public static CaseBuffers Take()
    {
        var kept = _kept;
        if (kept is null)
        {
            return new CaseBuffers();
        }
        _kept = null;
        return kept;
    }

    public static void Give(CaseBuffers buffers)
    {
        buffers.Criteria.Clear();
        buffers.Findings.Clear();
        buffers.Citations.Clear();
        if (buffers.Criteria.Capacity <= MaxKept && buffers.Findings.Capacity <= MaxKept && buffers.Citations.Capacity <= MaxKept)
        {
            _kept = buffers;
        }
    }
}
