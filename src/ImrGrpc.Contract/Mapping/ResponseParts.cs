using System.Text;
using Google.Protobuf;
using ImrGrpc.Engine.Compilation;
using Proto = Imr.V1;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// The parts of a response that depend only on the version: its GuidelineVersion message and one Citation per rule.
/// Built once per compiled version by whoever serves it, immutable after that and shared by every response (protobuf
/// copies nothing when a message is added to a list, and nothing ever changes these).
/// </summary>
public sealed class ResponseParts
{
    private readonly Proto.Citation[] _citations;
    private readonly byte[][] _citationFields;
    private readonly byte[][] _ruleIds;

    public ResponseParts(CompiledGuideline guideline)
    {
        ArgumentNullException.ThrowIfNull(guideline);
        Guideline = guideline;
        Version = ResponseMapper.BuildVersion(guideline);
        // EvaluateRequestResponse.guideline_version (field 3) and ItemDecision.citations (field 6), encoded once.
        VersionField = WireWriter.Field(WireWriter.Tag(3, 2), Version.ToByteArray());
        var rules = guideline.Rules;
        _citations = new Proto.Citation[rules.Count];
        _citationFields = new byte[rules.Count][];
        _ruleIds = new byte[rules.Count][];
        for (var i = 0; i < rules.Count; i++)
        {
            var order = rules[i].Order;
            _citations[order] = ResponseMapper.BuildCitation(rules[i]);
            _citationFields[order] = WireWriter.Field(WireWriter.Tag(6, 2), _citations[order].ToByteArray());
            _ruleIds[order] = Encoding.UTF8.GetBytes(rules[i].Id);
        }
    }

    /// <summary>The guideline_version field of EvaluateRequestResponse, tag and length included.</summary>
    internal byte[] VersionField { get; }

    /// <summary>The citations field of ItemDecision for one rule, tag and length included.</summary>
    internal byte[] CitationField(CompiledRule rule) => _citationFields[rule.Order];

    /// <summary>A rule's id in UTF-8.</summary>
    internal byte[] RuleId(CompiledRule rule) => _ruleIds[rule.Order];

    public CompiledGuideline Guideline { get; }

    public Proto.GuidelineVersion Version { get; }

    /// <summary>The citation of one of this version's rules.</summary>
    public Proto.Citation Citation(CompiledRule rule) => _citations[rule.Order];
}
