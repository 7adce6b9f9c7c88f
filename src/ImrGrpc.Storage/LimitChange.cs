namespace ImrGrpc.Storage;

/// <summary>Limits an editor may change on a row; null leaves the column as it is.</summary>
public sealed record LimitChange(int? MinVisits = null, int? MaxVisits = null, int? OverWeeks = null, int? TrialVisits = null);
