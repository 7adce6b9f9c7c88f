namespace ImrGrpc.Admin.ViewModels;

/// <summary>One version as the versions screen lists it.</summary>
public sealed record VersionLine(
    string Id,
    string Status,
    string Label,
    string Window,
    string Hash,
    string Parent,
    int Rows,
    int Unverified,
    bool InForceToday,
    bool IsDraft)
{
    /// <summary>The mark in the first column: the version serving today's requests.</summary>
    public string Mark => InForceToday ? "*" : "";
}
