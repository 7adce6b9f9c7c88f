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
    // The most slots any item of the case filled: what Release clears.
    private int _used;

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

    public T[] ToArray()
    {
        if (_count == 0)
        {
            return [];
        }
        // A plain loop, not Span.ToArray or Array.Copy: for the handful of results an item keeps, their bulk copy of
        // structs holding references went through the runtime's barriered memmove, which cost 7-8% of deciding an
        // item (docs/PERFORMANCE.md); element stores take the JIT's inline write barrier instead.
        var items = new T[_count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = _items[i];
        }
        return items;
    }

    /// <summary>Empties the buffer for the case's next item; the next item overwrites the slots, so nothing is cleared
    /// until the case is done (<see cref="Release"/>).</summary>
    public void Reset()
    {
        _used = Math.Max(_used, _count);
        _count = 0;
    }

    /// <summary>Empties the buffer at the end of a case, dropping every reference any of its items left in it, so that
    /// nothing a decision used is kept alive by the thread's buffers.</summary>
    public void Release()
    {
        Array.Clear(_items, 0, Math.Max(_used, _count));
        _count = 0;
        _used = 0;
    }
}

/// <summary>
/// A row an item cites, as the citation buffer holds it. A struct so that <see cref="TraceBuffer{T}"/> is compiled for
/// it alone: over the class itself the buffer ran as the code shared by every reference type, which looks up its
/// array type at run time, and deciding took 8% longer at ten items (docs/PERFORMANCE.md, fourth pass).
/// </summary>
internal readonly record struct CitedRule(Compilation.CompiledRule Rule);

/// <summary>The rows an item's decision cites, each once.</summary>
internal static class CitationBuffer
{
    /// <summary>Adds the row unless it is there already: told apart by reference, since a version compiles each row once.</summary>
    public static void AddDistinct(this TraceBuffer<CitedRule> buffer, Compilation.CompiledRule rule)
    {
        foreach (ref readonly var kept in buffer.Span)
        {
            if (ReferenceEquals(kept.Rule, rule))
            {
                return;
            }
        }
        buffer.Add(new CitedRule(rule));
    }

    /// <summary>The rows gathered, at their exact count (a plain loop, as <see cref="TraceBuffer{T}.ToArray"/>).</summary>
    public static Compilation.CompiledRule[] ToRules(this TraceBuffer<CitedRule> buffer)
    {
        var cited = buffer.Span;
        if (cited.Length == 0)
        {
            return [];
        }
        var rules = new Compilation.CompiledRule[cited.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = cited[i].Rule;
        }
        return rules;
    }
}

/// <summary>
/// The three trace buffers one evaluation uses, kept per thread between cases (<see cref="ThreadKept{T}"/>) instead of
/// renting and returning three arrays from the shared pool per case (measured: docs/PERFORMANCE.md); a set grown by an
/// unusually large item is dropped instead of kept.
/// </summary>
internal sealed class CaseBuffers
{
    private const int CriteriaCapacity = 24, FindingsCapacity = 8, CitationsCapacity = 8, MaxKept = 256;

    public TraceBuffer<CriterionResult> Criteria { get; } = new(CriteriaCapacity);
    public TraceBuffer<FindingResult> Findings { get; } = new(FindingsCapacity);
    public TraceBuffer<CitedRule> Citations { get; } = new(CitationsCapacity);

    public static CaseBuffers Take() => ThreadKept<CaseBuffers>.Take() ?? new CaseBuffers();

    /// <summary>Keeps the set for the thread's next case, emptied of every reference the case left in it (items only
    /// reset the buffers between them, in ItemEvaluator's finally blocks).</summary>
    public static void Give(CaseBuffers buffers)
    {
        buffers.Criteria.Release();
        buffers.Findings.Release();
        buffers.Citations.Release();
        if (buffers.Criteria.Capacity <= MaxKept && buffers.Findings.Capacity <= MaxKept && buffers.Citations.Capacity <= MaxKept)
        {
            ThreadKept<CaseBuffers>.Keep(buffers);
        }
    }
}
