namespace ImrGrpc.Engine.Evaluation;

/// <summary>
/// A list reused for every item of one case: an item's criteria, findings or citations are gathered here and copied out
/// once at their exact size, so deciding an item allocates only what the decision keeps. Owned by one evaluation (never
/// shared between threads); it grows when an item needs more room, so no caller's limit is assumed.
/// </summary>
internal sealed class TraceBuffer<T>(int capacity)
{
    private T[] _items = new T[capacity];
    private int _count;

    public ReadOnlySpan<T> Span => _items.AsSpan(0, _count);

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
}
