namespace ImrGrpc.Storage;

/// <summary>
/// What a publish on a date does: the draft's window, the version in force then (its new end, or retired when the
/// draft starts on its first day), and the refusal the publish would give, if any. The publish preview shows it and the
/// publish carries it out: both come from the same computation.
/// </summary>
public sealed record PublishPlan(
    string DraftId,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    string? PredecessorId,
    DateOnly? PredecessorEffectiveTo,
    bool PredecessorRetired,
    StoreException? Refusal,
    string? Replacing);
