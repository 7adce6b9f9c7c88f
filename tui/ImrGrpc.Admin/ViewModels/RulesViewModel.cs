using System.Text.RegularExpressions;
using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Presentation;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>
/// The rows of one version: filter ("t:physical" keeps rows for a treatment code starting so; other words match any
/// column), sort, and on drafts add, delete and mark verified.
/// </summary>
public sealed partial class RulesViewModel
{
    private readonly AdminSession _session;
    private IReadOnlyList<RuleLine> _all = [];
    private string _filter = "";

    public RulesViewModel(AdminSession session, string versionId)
    {
        _session = session;
        VersionId = versionId;
        Refresh();
    }

    public string VersionId { get; }

    public StoredVersion Version { get; private set; } = null!;

    public bool IsDraft => Version.Info.Status == VersionStatus.Draft;

    /// <summary>Why rows cannot be changed here, or null on a draft.</summary>
    public string? ReadOnlyReason => IsDraft ? null
        : $"{VersionId} is {Display.Status(Version.Info.Status)} and read-only: published versions never change. Start a draft from it (F2 on the versions screen) to edit.";

    public IReadOnlyList<RuleLine> Lines { get; private set; } = [];

    public int Total => _all.Count;

    public RuleSort Sort { get; private set; } = RuleSort.Id;

    public bool Descending { get; private set; }

    public string Filter
    {
        get => _filter;
        set
        {
            _filter = value ?? "";
            Apply();
        }
    }

    public string Summary =>
        $"{VersionId} ({Display.Status(Version.Info.Status)}): {Lines.Count} of {Total} rows, {Lines.Count(l => l.LowConfidence)} low confidence (!), sorted by {Sort.ToString().ToLowerInvariant()}{(Descending ? " desc" : "")}";

    /// <summary>The summary in a few words, for the line beside the filter box.</summary>
    public string ShortSummary =>
        $"{Lines.Count}/{Total} rows  {Lines.Count(l => l.LowConfidence)} low (!)  sort: {Sort.ToString().ToLowerInvariant()}{(Descending ? " desc" : "")}";

    public void Refresh()
    {
        Version = _session.Version(VersionId);
        _all = _session.Rules(VersionId).Select(r => new RuleLine(r)).ToList();
        Apply();
    }

    /// <summary>Sorts by a column; the same column again reverses the order.</summary>
    public void SortBy(RuleSort sort)
    {
        Descending = sort == Sort && !Descending;
        Sort = sort;
        Apply();
    }

    /// <summary>The next sort column (the screen's sort key cycles through them).</summary>
    public void NextSort()
    {
        Sort = (RuleSort)(((int)Sort + 1) % Enum.GetValues<RuleSort>().Length);
        Descending = false;
        Apply();
    }

    public int IndexOf(string? ruleId) => ruleId is null ? -1 : Lines.ToList().FindIndex(l => l.Id == ruleId);

    public void Delete(string ruleId)
    {
        var line = Find(ruleId);
        _session.DeleteRule(VersionId, ruleId, line.Record.RowVersion);
        Refresh();
    }

    public StoredRule MarkVerified(string ruleId)
    {
        var line = Find(ruleId);
        var record = _session.MarkVerified(VersionId, ruleId, line.Record.RowVersion);
        Refresh();
        return record;
    }

    /// <summary>Why a new row id cannot be used, or null.</summary>
    public string? CheckNewId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "enter an id, e.g. cpmtg-pm-new-row";
        }
        if (!IdPattern().IsMatch(id))
        {
            return "ids are lower-case letters, digits and dashes";
        }
        return _all.Any(l => l.Id == id) ? $"{VersionId} already has a row '{id}'" : null;
    }

    /// <summary>Adds a row to the draft as a copy of another (to be edited), returning it.</summary>
    public StoredRule AddCopy(string newId, string templateId)
    {
        if (CheckNewId(newId) is { } problem)
        {
            throw new StoreException(StoreErrorKind.Invalid, problem);
        }
        var template = Find(templateId).Record.Row;
        var record = _session.AddRule(VersionId, template with { Id = newId, Confidence = Engine.Model.Confidence.Low, ConfidenceReason = $"New row copied from {templateId}; not yet checked against the guideline text." });
        Refresh();
        return record;
    }

    private RuleLine Find(string ruleId) =>
        _all.FirstOrDefault(l => l.Id == ruleId) ?? throw new StoreException(StoreErrorKind.NotFound, $"version {VersionId} has no row '{ruleId}'");

    private void Apply()
    {
        var terms = _filter.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<RuleLine> rows = _all.Where(l => terms.All(t => Matches(l, t)));
        Func<RuleLine, object> key = Sort switch
        {
            RuleSort.Source => l => l.Source,
            RuleSort.Treatment => l => l.Treatments,
            RuleSort.Group => l => l.Group,
            RuleSort.Phase => l => l.Phase,
            RuleSort.Max => l => l.Record.Row.MaxVisits ?? -1,
            RuleSort.Confidence => l => (int)l.Record.Row.Confidence,
            _ => l => l.Id,
        };
        var ordered = Descending ? rows.OrderByDescending(key, Comparer<object>.Default) : rows.OrderBy(key, Comparer<object>.Default);
        Lines = ordered.ThenBy(l => l.Id, StringComparer.Ordinal).ToList();
    }

    private static bool Matches(RuleLine line, string term)
    {
        if (term.StartsWith("t:", StringComparison.OrdinalIgnoreCase) && term.Length > 2)
        {
            return line.Record.Row.Treatments.Any(t => t.StartsWith(term[2..], StringComparison.OrdinalIgnoreCase));
        }
        return line.SearchText.Contains(term, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();
}
