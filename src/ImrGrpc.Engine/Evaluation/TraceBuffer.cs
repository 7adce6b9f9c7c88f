using System.Buffers;

namespace ImrGrpc.Engine.Evaluation;

/// <summary>
/// A list reused for every item of one case: an item's criteria, findings or citations are gathered here and copied out
/// once at their exact size, so deciding an item allocates only what the decision keeps. Owned by one evaluation (never
/// shared between threads); its array is rented from the shared pool and returned when the case is decided, and it
/// grows when an item needs more room, so no caller's limit is assumed.
/// </summary>
internal sealed class TraceBuffer<T>(int capacity)
{
    private T[] _items = ArrayPool<T>.Shared.Rent(capacity);
    private int _count;

    public ReadOnlySpan<T> Span => _items.AsSpan(0, _count);

    public void Add(in T value)
    {
        if (_count == _items.Length)
        {
            var bigger = ArrayPool<T>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, _count).CopyTo(bigger);
            ArrayPool<T>.Shared.Return(_items, clearArray: true);
            _items = bigger;
        }
        _items[_count++] = value;
    }

    public void AddDistinct(T value)
    {
        for (var i = 0; i < _count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(_items[i], value))
            {
                return;
            }
        }
        Add(value);
    }

    public T[] ToArray() => _count == 0 ? [] : _items.AsSpan(0, _count).ToArray();

    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
    }

    /// <summary>Gives the array back to the pool; the buffer is not used again.</summary>
    public void Release()
    {
        Clear();
        ArrayPool<T>.Shared.Return(_items);
        _items = [];
    }
}
