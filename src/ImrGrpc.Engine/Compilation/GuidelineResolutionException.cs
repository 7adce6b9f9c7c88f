namespace ImrGrpc.Engine.Compilation;

/// <summary>Why a guideline version could not be chosen for a request.</summary>
public sealed class GuidelineResolutionException(GuidelineResolutionError error, string message, DateOnly requestDate, string? pinnedId)
    : Exception(message)
{
    public GuidelineResolutionError Error { get; } = error;
    public DateOnly RequestDate { get; } = requestDate;
    public string? PinnedId { get; } = pinnedId;
}
