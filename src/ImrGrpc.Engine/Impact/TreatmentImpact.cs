namespace ImrGrpc.Engine.Impact;

/// <summary>Counts for one treatment, over every case replayed (not only the changes listed).</summary>
public sealed record TreatmentImpact(string Treatment, long Items, long NewlyCertified, long NewlyDenied, long OtherChanges);
