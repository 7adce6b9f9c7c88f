using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Rationale;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// An ExplainRationaleResponse rendered and measured, ready to be encoded into a buffer of exactly <see cref="Size"/>
/// bytes (see <see cref="ExplainResponseWriter"/>).
/// </summary>
public sealed class PreparedExplainResponse : IPreparedMessage
{
    internal PreparedExplainResponse(CaseDecision decision, CaseRationale rationale, ResponseParts parts, ResponseHead head,
        ExplainResponseWriter.ItemSizes[] sizes, int documentBytes, int size)
    {
        Decision = decision;
        Rationale = rationale;
        Parts = parts;
        Head = head;
        Sizes = sizes;
        DocumentBytes = documentBytes;
        Size = size;
    }

    public CaseDecision Decision { get; }

    public CaseRationale Rationale { get; }

    internal ResponseParts Parts { get; }

    internal ResponseHead Head { get; }

    internal ExplainResponseWriter.ItemSizes[] Sizes { get; }

    internal int DocumentBytes { get; }

    /// <summary>The encoded length of the message.</summary>
    public int Size { get; }

    /// <summary>Encodes the message into exactly <see cref="Size"/> bytes.</summary>
    public void WriteTo(Span<byte> destination) => ExplainResponseWriter.Write(destination[..Size], this);
}
