namespace ImrGrpc.Storage;

/// <summary>What a publish did: the version now in service and the window it closed.</summary>
public sealed record PublishResult(StoredVersion Published, string? PredecessorId, DateOnly? PredecessorEffectiveTo, bool PredecessorRetired);
