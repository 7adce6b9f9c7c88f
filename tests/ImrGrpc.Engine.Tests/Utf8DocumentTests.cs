using System.Text;
using ImrGrpc.Engine.Rationale;

namespace ImrGrpc.Engine.Tests;

/// <summary>
/// The letter as ExplainRationale sends it is encoded from the builder's chunks, not from a string: the bytes must be
/// exactly what encoding the string gives, where a chunk ends inside a character too.
/// </summary>
public sealed class Utf8DocumentTests
{
    [Fact]
    public void A_surrogate_pair_split_between_two_chunks_encodes_as_one_character()
    {
        var b = new StringBuilder(16);
        foreach (var c in new string('a', 15) + "\U0001F600 douleur – fin")
        {
            b.Append(c);
        }
        // The case under test: the first chunk ends on the high surrogate and the next begins with the low one.
        var first = FirstChunk(b);
        Assert.Equal(16, first.Length);
        Assert.True(char.IsHighSurrogate(first.Span[^1]));

        AssertSameBytes(b);
    }

    [Theory]
    [InlineData("plain ASCII letter\n")]
    [InlineData("lone high \uD83D in the middle")]
    [InlineData("lone low \uDE00 in the middle")]
    [InlineData("ends on a lone high surrogate \uD83D")]
    [InlineData("")]
    public void Unpaired_surrogates_and_empty_text_encode_as_the_string_does(string text)
    {
        var b = new StringBuilder(4);
        foreach (var c in text)
        {
            b.Append(c);
        }
        AssertSameBytes(b);
        Assert.Equal(Encoding.UTF8.GetBytes(text), Utf8Document.From(text).Bytes.ToArray());
    }

    [Fact]
    public void A_released_document_refuses_to_be_read_and_can_be_released_again()
    {
        var document = Utf8Document.From("letter");
        document.Release();
        Assert.Throws<ObjectDisposedException>(() => document.Bytes.Length);
        document.Release();
    }

    private static void AssertSameBytes(StringBuilder b)
    {
        var expected = Encoding.UTF8.GetBytes(b.ToString());
        var document = Utf8Document.From(b);
        Assert.Equal(expected.Length, document.Length);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(document.Bytes));
    }

    private static ReadOnlyMemory<char> FirstChunk(StringBuilder b)
    {
        foreach (var chunk in b.GetChunks())
        {
            return chunk;
        }
        return ReadOnlyMemory<char>.Empty;
    }
}
