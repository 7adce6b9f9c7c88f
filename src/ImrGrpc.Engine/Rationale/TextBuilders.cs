using System.Text;

namespace ImrGrpc.Engine.Rationale;

/// <summary>
/// One StringBuilder kept per thread for the letter (<see cref="Documents"/>: it wraps lines into a StringBuilder),
/// built and turned into a string many times a second: the builder's own buffer (as large as the text, and grown by copying) is then not allocated per
/// call, only the finished string. A builder is taken out while in use, so a nested caller simply gets a new one; a
/// builder grown past <see cref="MaxKept"/> characters (a letter of some dozen items) is not kept, so no thread holds
/// a large buffer after a large request.
/// </summary>
internal static class TextBuilders
{
    private const int MaxKept = 16 * 1024;

    [ThreadStatic]
    private static StringBuilder? _kept;

    public static StringBuilder Rent(int capacity)
    {
        var b = _kept;
        if (b is not null && capacity <= b.Capacity)
        {
            _kept = null;
            b.Clear();
            return b;
        }
        return new StringBuilder(capacity);
    }

    /// <summary>The text built, with the builder given back for the thread's next text.</summary>
    public static string ToStringAndReturn(StringBuilder b)
    {
        var text = b.ToString();
        if (b.Capacity <= MaxKept)
        {
            _kept = b;
        }
        return text;
    }
}
