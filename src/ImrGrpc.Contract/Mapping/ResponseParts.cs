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

    public ResponseParts(CompiledGuideline guideline)
    {
        ArgumentNullException.ThrowIfNull(guideline);
        Guideline = guideline;
        Version = ResponseMapper.BuildVersion(guideline);
        var rules = guideline.Rules;
        _citations = new Proto.Citation[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            _citations[rules[i].Order] = ResponseMapper.BuildCitation(rules[i]);
        }
    }

    public CompiledGuideline Guideline { get; }

    public Proto.GuidelineVersion Version { get; }

    /// <summary>The citation of one of this version's rules.</summary>
    public Proto.Citation Citation(CompiledRule rule) => _citations[rule.Order];
}
