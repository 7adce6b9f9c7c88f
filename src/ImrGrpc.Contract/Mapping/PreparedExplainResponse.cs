using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Rationale;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// An ExplainRationaleResponse rendered and measured, ready to be encoded into a buffer of exactly <see cref="Size"/>
/// bytes, once (see <see cref="ExplainResponseWriter"/>).
/// </summary>
public sealed class PreparedExplainResponse : IPreparedMessage
{
    internal PreparedExplainResponse(CaseDecision decision, EncodedRationale rationale, ResponseParts parts, ResponseHead head,
        ExplainResponseWriter.ItemSizes[] sizes, int size)
    {
        Decision = decision;
        Rationale = rationale;
        Parts = parts;
        Head = head;
        Sizes = sizes;
        Size = size;
    }

    public CaseDecision Decision { get; }

    public EncodedRationale Rationale { get; }

    internal ResponseParts Parts { get; }

    internal ResponseHead Head { get; }

    internal ExplainResponseWriter.ItemSizes[] Sizes { get; }

    /// <summary>The encoded length of the message.</summary>
    public int Size { get; }

    /// <summary>
    /// Encodes the message into exactly <see cref="Size"/> bytes, once: the letter's pooled array goes back to the pool
    /// afterwards (or if writing fails), so a second call throws ObjectDisposedException instead of reading it.
    /// </summary>
    public void WriteTo(Span<byte> destination)
    {
        try
        {
            ExplainResponseWriter.Write(destination[..Size], this);
        }
        finally
        {
            Rationale.Document.Release();
        }
    }
}
