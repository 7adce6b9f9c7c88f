using ImrGrpc.Engine.Cases;

namespace ImrGrpc.Engine.Impact;

/// <summary>A case of the corpus: where it came from and the request.</summary>
public sealed record ImpactCase(string Name, CaseRequest Request);
