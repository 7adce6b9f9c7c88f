using ImrGrpc.Admin.Application;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>Starting a draft: a full copy of a version's rows and catalog, to be edited and published later.</summary>
public sealed class NewDraftViewModel(AdminSession session, string fromVersionId)
{
    public string FromVersionId { get; } = fromVersionId;

    public string Label { get; set; } = $"Draft of {session.Version(fromVersionId).Info.Label}";

    public string? Error => string.IsNullOrWhiteSpace(Label) ? "a draft needs a label" : Label.Length > 120 ? "keep the label under 120 characters" : null;

    /// <summary>Creates the draft and returns its id.</summary>
    public string Create() => Error is { } error ? throw new InvalidOperationException(error) : session.CreateDraft(FromVersionId, Label.Trim());
}
