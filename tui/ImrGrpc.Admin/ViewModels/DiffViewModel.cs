using ImrGrpc.Admin.Application;
using ImrGrpc.Storage.Editing;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>A draft against the version it would replace (or any other), row by row and column by column.</summary>
public sealed class DiffViewModel
{
    private readonly AdminSession _session;

    public DiffViewModel(AdminSession session, string draftId, string? againstId = null)
    {
        _session = session;
        AfterId = draftId;
        BeforeId = againstId ?? session.ReplacedId(draftId)
            ?? throw new Storage.StoreException(Storage.StoreErrorKind.NotFound, $"{draftId} has no version to be compared with");
        Refresh();
    }

    public string BeforeId { get; }

    public string AfterId { get; }

    public VersionDiff Diff { get; private set; } = null!;

    public IReadOnlyList<DiffLine> Lines { get; private set; } = [];

    public string Summary => Diff.IsEmpty
        ? $"{AfterId} has the same rows as {BeforeId}."
        : $"{BeforeId} -> {AfterId}: {Lines.Count} row{(Lines.Count == 1 ? " differs" : "s differ")}" +
          $" ({Count(RowChange.Changed)} changed, {Count(RowChange.Added)} added, {Count(RowChange.Removed)} removed){(Diff.Catalog.Count > 0 ? "; the catalog differs" : "")}";

    public void Refresh()
    {
        Diff = _session.Diff(BeforeId, AfterId);
        Lines = Diff.Rows.Select(r => new DiffLine(r)).ToList();
    }

    /// <summary>Every column of one differing row, before and after, changed ones flagged.</summary>
    public IReadOnlyList<FieldDiffLine> Fields(int index)
    {
        if (index < 0 || index >= Lines.Count)
        {
            return [];
        }
        return Lines[index].Row.Columns()
            .Select(c => new FieldDiffLine(c.Field, DiffLine.Show(c.Before), DiffLine.Show(c.After), c.Changed))
            .OrderByDescending(f => f.Changed)
            .ToList();
    }

    private int Count(RowChange change) => Lines.Count(l => l.Row.Change == change);
}
