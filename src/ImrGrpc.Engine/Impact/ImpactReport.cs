namespace ImrGrpc.Engine.Impact;

/// <summary>
/// What a draft would change on a corpus. <see cref="ByTreatment"/> and the totals count every case;
/// <see cref="Changes"/> and <see cref="Errors"/> list only the first ones by position in the corpus, up to the
/// <see cref="ImpactLimits"/> the replay ran with (<see cref="ChangesNotListed"/>, <see cref="ErrorsNotListed"/>).
/// </summary>
public sealed record ImpactReport(
    string BeforeVersion,
    string AfterVersion,
    long Cases,
    long Items,
    IReadOnlyList<ItemImpact> Changes,
    IReadOnlyList<TreatmentImpact> ByTreatment,
    IReadOnlyList<ImpactError> Errors,
    long ErrorCount)
{
    public long NewlyCertified => ByTreatment.Sum(t => t.NewlyCertified);

    public long NewlyDenied => ByTreatment.Sum(t => t.NewlyDenied);

    public long OtherChanges => ByTreatment.Sum(t => t.OtherChanges);

    /// <summary>Every changed item, listed or not.</summary>
    public long ChangedItems => NewlyCertified + NewlyDenied + OtherChanges;

    public long ChangesNotListed => ChangedItems - Changes.Count;

    public long ErrorsNotListed => ErrorCount - Errors.Count;
}
