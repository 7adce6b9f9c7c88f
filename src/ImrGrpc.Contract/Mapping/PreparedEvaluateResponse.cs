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
    private readonly ResponseParts _parts;
    private readonly EvaluateResponseWriter.ItemTexts[] _texts;
    private readonly DetailText _text;
    private readonly EvaluateResponseWriter.TextSpan[] _spans;
    private readonly int _caseIdBytes;
    private readonly int _decisionIdBytes;

    internal PreparedEvaluateResponse(CaseDecision decision, ResponseParts parts, EvaluateResponseWriter.ItemTexts[] texts, DetailText text,
        EvaluateResponseWriter.TextSpan[] spans, int caseIdBytes, int decisionIdBytes, int size)
    {
        _text = text;
        _spans = spans;
        Decision = decision;
        _parts = parts;
        _texts = texts;
        _caseIdBytes = caseIdBytes;
        _decisionIdBytes = decisionIdBytes;
        Size = size;
    }

    public CaseDecision Decision { get; }

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
            EvaluateResponseWriter.Write(destination[..Size], Decision, _parts, _texts, _text, _spans, _caseIdBytes, _decisionIdBytes);
        }
        finally
        {
            _text.Dispose();
            ArrayPool<EvaluateResponseWriter.TextSpan>.Shared.Return(_spans);
        }
    }
}
