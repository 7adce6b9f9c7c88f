namespace ImrGrpc.Admin.ViewModels;

/// <summary>One column of the selected row, before and after; <see cref="Changed"/> is what the screen highlights.</summary>
public sealed record FieldDiffLine(string Field, string Before, string After, bool Changed)
{
    public string Mark => Changed ? ">" : "";
}
