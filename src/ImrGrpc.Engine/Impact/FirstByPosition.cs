namespace ImrGrpc.Engine.Impact;

/// <summary>
/// The <c>limit</c> entries with the lowest positions among all those offered, in any order of offering: workers
/// replaying a corpus in parallel finish cases out of order, and each keeps its own list; merged, they list exactly
/// what one worker would have, so a report is the same whatever the number of workers. Holds at most the limit.
/// </summary>
internal sealed class FirstByPosition<T>(int limit)
{
    // The entry with the highest position is on top, ready to make room for a lower one.
    private readonly PriorityQueue<T, (long Position, int Index)> _kept = new(Comparer<(long, int)>.Create((a, b) => b.CompareTo(a)));

    /// <summary>Whether an entry at this position would be kept: callers skip building entries that would not.</summary>
    public bool Wants(long position, int index) =>
        _kept.Count < limit || (limit > 0 && _kept.TryPeek(out _, out var top) && (position, index).CompareTo(top) < 0);

    public void Offer(long position, int index, T entry)
    {
        if (!Wants(position, index))
        {
            return;
        }
        if (_kept.Count == limit)
        {
            _kept.Dequeue();
        }
        _kept.Enqueue(entry, (position, index));
    }

    public void Merge(FirstByPosition<T> other)
    {
        foreach (var (entry, key) in other._kept.UnorderedItems)
        {
            Offer(key.Position, key.Index, entry);
        }
    }

    /// <summary>The entries kept, by position.</summary>
    public List<T> InOrder() => [.. _kept.UnorderedItems.OrderBy(e => e.Priority).Select(e => e.Element)];
}
