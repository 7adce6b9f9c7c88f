using ImrGrpc.Engine.Impact;

namespace ImrGrpc.Admin.Application;

/// <summary>A corpus of cases read from files; requests that cannot be read are listed, not dropped silently.</summary>
public sealed record CaseCorpus(IReadOnlyList<ImpactCase> Cases, IReadOnlyList<ImpactError> Unreadable, string Source);
