using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Presentation;
using ImrGrpc.Engine.Model;
using ImrGrpc.Engine.Validation;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>
/// Editing one row of a draft. Every keystroke parses the fields and runs the publish check's own row check
/// (<see cref="GuidelineValidator.CheckRow"/>) on the row as typed, so an error here is an error at publish and a warning
/// here is a warning there; errors block saving, warnings do not. Saving names the row version the edit started from,
/// so another editor's change is refused, never overwritten. After a refusal the typed values stay exactly as they were:
/// the editor keeps them (and saves over the newer row) or takes theirs.
/// </summary>
public sealed class RuleEditViewModel
{
    private readonly AdminSession _session;
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _warnings = new(StringComparer.Ordinal);
    private readonly Catalog _catalog;
    private readonly KnownCodes _codes;

    public RuleEditViewModel(AdminSession session, string versionId, string ruleId)
    {
        _session = session;
        VersionId = versionId;
        var version = session.Version(versionId);
        ReadOnlyReason = version.Info.Status == VersionStatus.Draft ? null
            : $"{versionId} is {Display.Status(version.Info.Status)}: published versions are read-only. Start a draft from it to change this row.";
        _catalog = session.Store.LoadBook(versionId).Catalog;
        _codes = KnownCodes.Of(_catalog);
        Base = session.Store.GetRule(versionId, ruleId);
        Load(Base.Row);
    }

    public string VersionId { get; }

    public string RuleId => Base.Row.Id;

    /// <summary>The stored row the edit is based on (its row version is what a save names).</summary>
    public StoredRule Base { get; private set; }

    public bool IsReadOnly => ReadOnlyReason is not null;

    public string? ReadOnlyReason { get; }

    public IReadOnlyList<RuleField> Fields => RuleFields.All;

    public IReadOnlyList<FieldLine> Lines =>
        Fields.Select(f => new FieldLine(f.Name, _texts[f.Name], IsChanged(f), _errors.GetValueOrDefault(f.Name), _warnings.GetValueOrDefault(f.Name))).ToList();

    public IReadOnlyDictionary<string, string> Errors => _errors;

    /// <summary>What the publish check would warn about, by field; warnings never block saving.</summary>
    public IReadOnlyDictionary<string, string> Warnings => _warnings;

    public bool HasErrors => _errors.Count > 0;

    public bool IsDirty => Fields.Any(IsChanged);

    /// <summary>The refusal of the last save (who changed the row, when), while the editor decides what to do.</summary>
    public string? Conflict { get; private set; }

    /// <summary>The newer row another editor saved, while a conflict is open.</summary>
    public StoredRule? Theirs { get; private set; }

    /// <summary>Fields where the newer row differs from the one this edit started from.</summary>
    public IReadOnlyList<string> TheirChanges => Theirs is null ? [] : Fields.Where(f => f.Read(Theirs.Row) != f.Read(Base.Row)).Select(f => f.Name).ToList();

    /// <summary>The last thing that happened, for the message line.</summary>
    public string Message { get; private set; } = "";

    /// <summary>Problems the publish check finds in this row after a save (warnings do not block).</summary>
    public IReadOnlyList<ValidationProblem> RowProblems { get; private set; } = [];

    public string Text(string field) => _texts[field];

    public void SetText(string field, string text)
    {
        if (!_texts.ContainsKey(field))
        {
            throw new ArgumentException($"no field '{field}'", nameof(field));
        }
        _texts[field] = text ?? "";
        Check();
    }

    public string? Error(string field) => _errors.GetValueOrDefault(field);

    public string? Warning(string field) => _warnings.GetValueOrDefault(field);

    public SaveOutcome Save()
    {
        if (IsReadOnly)
        {
            Message = ReadOnlyReason!;
            return SaveOutcome.ReadOnly;
        }
        if (HasErrors)
        {
            Message = $"Not saved: {string.Join("; ", _errors.Select(e => $"{e.Key}: {e.Value}"))}";
            return SaveOutcome.Invalid;
        }
        if (!IsDirty && Conflict is null)
        {
            Message = "Nothing changed.";
            return SaveOutcome.NothingToSave;
        }
        var row = Build();
        try
        {
            var saved = _session.UpdateRule(VersionId, row, Base.RowVersion);
            Base = saved;
            Conflict = null;
            Theirs = null;
            Load(saved.Row);
            RowProblems = _session.Validate(VersionId).Where(p => p.RuleId == RuleId).ToList();
            Message = $"Saved {RuleId} (row version {saved.RowVersion})" +
                      (RowProblems.Count == 0 ? "." : $"; {string.Join("; ", RowProblems.Select(p => p.ToString()))}");
            return SaveOutcome.Saved;
        }
        catch (StoreException e) when (e.Kind == StoreErrorKind.Conflict)
        {
            Conflict = e.Message;
            Theirs = _session.Store.GetRule(VersionId, RuleId);
            Message = $"Not saved: {Theirs.UpdatedBy} saved this row first ({Theirs.UpdatedAt:yyyy-MM-dd HH:mm} UTC). Your typing is kept.";
            return SaveOutcome.Conflict;
        }
        catch (StoreException e)
        {
            Message = $"Not saved: {Display.Refusal(e)}";
            return SaveOutcome.Failed;
        }
    }

    /// <summary>After a conflict: keep every typed value and base the next save on their newer row (overwriting it).</summary>
    public void KeepMine()
    {
        if (Theirs is null)
        {
            return;
        }
        // Only the base moves: the typed texts are untouched.
        Base = Theirs;
        Theirs = null;
        Conflict = null;
        Check();
        Message = "Your values are kept and will replace the newer row when you save (Ctrl+S).";
    }

    /// <summary>After a conflict: drop the typed values and load the newer row.</summary>
    public void TakeTheirs()
    {
        if (Theirs is null)
        {
            return;
        }
        Base = Theirs;
        Theirs = null;
        Conflict = null;
        Load(Base.Row);
        Message = $"Loaded the row as {Base.UpdatedBy} saved it.";
    }

    /// <summary>Puts every field back as stored.</summary>
    public void Revert() => Load(Base.Row);

    private bool IsChanged(RuleField f) => !string.Equals(_texts[f.Name].Trim(), f.Read(Base.Row), StringComparison.Ordinal);

    private void Load(RuleRow row)
    {
        foreach (var f in Fields)
        {
            _texts[f.Name] = f.Read(row);
        }
        Check();
    }

    /// <summary>The row as typed: every field that parses, over the stored row (a field that does not parse keeps its stored value).</summary>
    private RuleRow Build()
    {
        var row = Base.Row;
        foreach (var f in Fields)
        {
            if (f.TryParse(_texts[f.Name], out var value) is null)
            {
                row = f.Write(row, value);
            }
        }
        return row;
    }

    private void Check()
    {
        _errors.Clear();
        _warnings.Clear();
        foreach (var f in Fields)
        {
            if (f.TryParse(_texts[f.Name], out _) is { } error)
            {
                _errors[f.Name] = error;
            }
        }
        var unparsed = _errors.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var problem in GuidelineValidator.CheckRow(Build(), _catalog))
        {
            // Text that does not parse says so; what the check finds in the stored value underneath would mislead.
            if (problem.Field is not { } field || unparsed.Contains(field))
            {
                continue;
            }
            var target = problem.Severity == Severity.Error ? _errors : _warnings;
            target[field] = target.TryGetValue(field, out var before) ? $"{before}; {problem.Message}" : problem.Message;
        }
        foreach (var f in Fields.Where(f => f.Codes != CodeSet.None && _errors.ContainsKey(f.Name)))
        {
            if (KnownHint(f) is { } hint)
            {
                _errors[f.Name] += hint;
            }
        }
    }

    /// <summary>"; known: a, b, ..." after an error on a code field holding a code its catalog does not know.</summary>
    private string? KnownHint(RuleField f)
    {
        if (f.TryParse(_texts[f.Name], out var value) is not null)
        {
            return null;
        }
        var known = _codes[f.Codes];
        var typed = value switch
        {
            IReadOnlyList<string> list => list,
            string s => [s],
            _ => [],
        };
        return typed.All(known.Contains) ? null
            : $"; known: {string.Join(", ", known.Order(StringComparer.Ordinal).Take(8))}{(known.Count > 8 ? ", ..." : "")}";
    }
}
