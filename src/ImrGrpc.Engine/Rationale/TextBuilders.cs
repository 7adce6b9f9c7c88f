using System.Text;

namespace ImrGrpc.Engine.Rationale;

/// <summary>
/// The letter's StringBuilder (<see cref="Documents"/> wraps lines into one), kept per thread between letters
/// (<see cref="ThreadKept{T}"/>): its buffer, as large as the text and grown by copying, is then not allocated per call,
/// only the finished string (or the UTF-8 of it, <see cref="Utf8Document"/>). A builder grown past
/// <see cref="MaxKept"/> characters (a letter of some dozen items) is not kept, so no thread holds a large buffer after
/// a large request.
/// </summary>
internal static class TextBuilders
{
    private const int MaxKept = 16 * 1024;

    public static StringBuilder Rent(int capacity)
    {
        if (ThreadKept<StringBuilder>.Take() is { } kept && capacity <= kept.Capacity)
        {
            return kept.Clear();
        }
        return new StringBuilder(capacity);
    }

    /// <summary>The text built, with the builder given back for the thread's next text.</summary>
    public static string ToStringAndReturn(StringBuilder b)
    {
        var text = b.ToString();
        Return(b);
        return text;
    }

    /// <summary>The text built, encoded as UTF-8 into a pooled array, with the builder given back.</summary>
    public static Utf8Document ToUtf8AndReturn(StringBuilder b)
    {
        var document = Utf8Document.From(b);
        Return(b);
        return document;
    }

    private static void Return(StringBuilder b)
    {
        if (b.Capacity <= MaxKept)
        {
            ThreadKept<StringBuilder>.Keep(b);
        }
    }
}
