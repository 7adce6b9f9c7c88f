using System.Text;
using ImrGrpc.Engine.Evaluation;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// The fields both decision responses open with, under the same numbers in EvaluateRequestResponse and
/// ExplainRationaleResponse (case_id = 1, decision_id = 2, guideline_version = 3): measured once and written the same
/// way by both writers. The version's field is the pre-encoded one of <see cref="ResponseParts"/>.
/// </summary>
internal readonly struct ResponseHead
{
    private const byte CaseIdTag = 1 << 3 | 2, DecisionIdTag = 2 << 3 | 2;
    private readonly int _caseIdBytes, _decisionIdBytes;

    public ResponseHead(CaseDecision decision, ResponseParts parts)
    {
        _caseIdBytes = Encoding.UTF8.GetByteCount(decision.Request.CaseId);
        _decisionIdBytes = Encoding.UTF8.GetByteCount(decision.DecisionId);
        Size = WireWriter.OptionalSize(_caseIdBytes) + WireWriter.OptionalSize(_decisionIdBytes) + parts.VersionField.Length;
    }

    /// <summary>The encoded size of the three fields.</summary>
    public int Size { get; }

    public void Write(ref WireWriter w, CaseDecision decision, ResponseParts parts)
    {
        w.OptionalString(CaseIdTag, decision.Request.CaseId, _caseIdBytes);
        w.OptionalString(DecisionIdTag, decision.DecisionId, _decisionIdBytes);
        w.Raw(parts.VersionField);
    }
}
