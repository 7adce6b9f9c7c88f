namespace ImrGrpc.Admin.ViewModels;

/// <summary>
/// One field as the edit screen lists it: its text as typed, whether it changed, and what the publish check says of it
/// (an error blocks saving, a warning does not).
/// </summary>
public sealed record FieldLine(string Name, string Text, bool Changed, string? Error, string? Warning = null)
{
    /// <summary>x: an error; *: changed; !: a warning (changed wins over a warning, which the problem column still shows).</summary>
    public string Mark => Error is not null ? "x" : Changed ? "*" : Warning is not null ? "!" : "";

    /// <summary>What the problem column shows: the error, else the warning.</summary>
    public string Problem => Error ?? (Warning is null ? "" : $"warning: {Warning}");
}
