using System.Buffers;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Rationale;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// An EvaluateRequestResponse rendered and measured, ready to be encoded into a buffer of exactly <see cref="Size"/>
/// bytes (see <see cref="EvaluateResponseWriter"/>).
/// </summary>
public sealed class PreparedEvaluateResponse : IPreparedMessage
{
    internal PreparedEvaluateResponse(CaseDecision decision, ResponseParts parts, ResponseHead head, EvaluateResponseWriter.ItemTexts[] texts,
        DetailText text, EvaluateResponseWriter.TextSpan[] spans, int size)
    {
        Decision = decision;
        Parts = parts;
        Head = head;
        Texts = texts;
        Text = text;
        Spans = spans;
        Size = size;
    }

    public CaseDecision Decision { get; }

    internal ResponseParts Parts { get; }

    internal ResponseHead Head { get; }

    internal EvaluateResponseWriter.ItemTexts[] Texts { get; }

    /// <summary>Every text of the response, rendered once (rented: given back after <see cref="WriteTo"/>).</summary>
    internal DetailText Text { get; }

    /// <summary>Where each text lies in <see cref="Text"/> (rented, as the text).</summary>
    internal EvaluateResponseWriter.TextSpan[] Spans { get; }


    /// <summary>The encoded length of the message.</summary>
    public int Size { get; }

    /// <summary>
    /// Encodes the message into exactly <see cref="Size"/> bytes, once: the rendered text and its index go back to the
    /// pool after it.
    /// </summary>
    public void WriteTo(Span<byte> destination)
    {
        try
        {
            EvaluateResponseWriter.Write(destination[..Size], this);
        }
        finally
        {
            Text.Dispose();
            ArrayPool<EvaluateResponseWriter.TextSpan>.Shared.Return(Spans);
        }
    }
}
