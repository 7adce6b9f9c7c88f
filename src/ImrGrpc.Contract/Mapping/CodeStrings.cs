using System.Text;
using System.Text.Unicode;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// The strings of catalog codes, guideline names and dates as requests spell them, found again by their UTF-8 bytes, so
/// a request made of codes this thread has read before costs no strings for them. These come from a vocabulary of a few
/// hundred words; free text (ids, descriptions) is never kept. Slots are chosen by a hash of the bytes and a clash
/// replaces the slot, so the table never holds more than <see cref="Slots"/> strings of at most
/// <see cref="LongestKept"/> bytes, whatever callers send.
/// </summary>
internal sealed class CodeStrings
{
    private const int Slots = 512;
    private const int LongestKept = 64;

    private readonly byte[]?[] _utf8 = new byte[Slots][];
    private readonly string[] _text = new string[Slots];

    /// <summary>The string the bytes spell; false when they are not valid UTF-8.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8, out string text)
    {
        if (utf8.IsEmpty || utf8.Length > LongestKept)
        {
            return TryDecode(utf8, out text);
        }
        var slot = (int)(Fnv1a(utf8) & (Slots - 1));
        if (_utf8[slot] is { } kept && utf8.SequenceEqual(kept))
        {
            text = _text[slot];
            return true;
        }
        if (!TryDecode(utf8, out text))
        {
            return false;
        }
        _utf8[slot] = utf8.ToArray();
        _text[slot] = text;
        return true;
    }

    /// <summary>A new string of the bytes; false when they are not valid UTF-8 (Google.Protobuf would refuse them).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> utf8, out string text)
    {
        if (utf8.IsEmpty)
        {
            text = "";
            return true;
        }
        if (!Utf8.IsValid(utf8))
        {
            text = "";
            return false;
        }
        text = Encoding.UTF8.GetString(utf8);
        return true;
    }

    private static uint Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash;
    }
}
