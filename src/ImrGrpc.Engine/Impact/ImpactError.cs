namespace ImrGrpc.Engine.Impact;

/// <summary>A case that could not be read, or not decided under one of the versions (unknown codes, say).</summary>
public sealed record ImpactError(string CaseName, string Message);
