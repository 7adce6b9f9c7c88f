using ImrGrpc.Admin.Application;
using ImrGrpc.Engine.Model;
using ImrGrpc.Engine.Validation;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.ViewModels;

public enum SaveOutcome
{
    Saved,
    NothingToSave,
    ReadOnly,
    Invalid,
    Conflict,
    Failed,
}

/// <summary>One field as the edit screen lists it: its text as typed, whether it changed, and what is wrong with it.</summary>
public sealed record FieldLine(string Name, string Text, bool Changed, string? Error)
{
    public string Mark => Error is not null ? "x" : Changed ? "*" : "";
}

/// <summary>
/// Editing one row of a draft. Every keystroke re-checks the fields (numbers only, min ≤ max, trial ≤ max, known codes);
/// saving names the row version the edit started from, so another editor's change is refused, never overwritten. After a
/// refusal the typed values stay exactly as they were: the editor keeps them (and saves over the newer row) or takes theirs.
/// </summary>
public sealed class RuleEditViewModel
{
    private readonly AdminSession _session;
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<CodeSet, HashSet<string>> _codes;

    public RuleEditViewModel(AdminSession session, string versionId, string ruleId)
    {
        _session = session;
        VersionId = versionId;
        var version = session.Version(versionId);
        ReadOnlyReason = version.Info.Status == VersionStatus.Draft ? null
            : $"{versionId} is {Display.Status(version.Info.Status)}: published versions are read-only. Start a draft from it to change this row.";
        var catalog = session.Store.LoadBook(versionId).Catalog;
        _codes = new()
        {
            [CodeSet.Treatment] = catalog.Treatments.Select(t => t.Code).ToHashSet(StringComparer.Ordinal),
            [CodeSet.BodyRegion] = catalog.BodyRegions.Select(t => t.Code).ToHashSet(StringComparer.Ordinal),
            [CodeSet.ConditionGroup] = catalog.ConditionGroups.Select(t => t.Code).ToHashSet(StringComparer.Ordinal),
            [CodeSet.Procedure] = catalog.Procedures.Select(t => t.Code).ToHashSet(StringComparer.Ordinal),
            [CodeSet.Principle] = PrincipleCodes.All.ToHashSet(StringComparer.Ordinal),
        };
        Base = session.Store.GetRule(versionId, ruleId);
        Load(Base.Row);
    }

    public string VersionId { get; }

    public string RuleId => Base.Row.Id;

    /// <summary>The stored row the edit is based on (its row version is what a save names).</summary>
    public RuleRecord Base { get; private set; }

    public bool IsReadOnly => ReadOnlyReason is not null;

    public string? ReadOnlyReason { get; }

    public IReadOnlyList<RuleField> Fields => RuleFields.All;

    public IReadOnlyList<FieldLine> Lines => Fields.Select(f => new FieldLine(f.Name, _texts[f.Name], IsChanged(f), _errors.GetValueOrDefault(f.Name))).ToList();

    public IReadOnlyDictionary<string, string> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public bool IsDirty => Fields.Any(IsChanged);

    /// <summary>The refusal of the last save (who changed the row, when), while the editor decides what to do.</summary>
    public string? Conflict { get; private set; }

    /// <summary>The newer row another editor saved, while a conflict is open.</summary>
    public RuleRecord? Theirs { get; private set; }

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

    private RuleRow Build()
    {
        var row = Base.Row;
        foreach (var f in Fields)
        {
            f.TryParse(_texts[f.Name], out var value);
            row = f.Write(row, value);
        }
        return row;
    }

    private void Check()
    {
        _errors.Clear();
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var f in Fields)
        {
            if (f.TryParse(_texts[f.Name], out var value) is { } error)
            {
                _errors[f.Name] = error;
                continue;
            }
            values[f.Name] = value;
            if (f.Codes != CodeSet.None && Unknown(f, value) is { } unknown)
            {
                _errors[f.Name] = unknown;
            }
        }
        int? Int(string name) => values.GetValueOrDefault(name) as int?;
        if (Int("min_visits") is { } min && Int("max_visits") is { } max && min > max)
        {
            _errors.TryAdd("min_visits", $"minimum {min} is above the maximum {max}");
        }
        if (Int("trial_visits") is { } trial && Int("max_visits") is { } max2 && trial > max2)
        {
            _errors.TryAdd("trial_visits", $"trial {trial} is above the maximum {max2}");
        }
        if (Int("trial_weeks") is { } tw && Int("over_weeks") is { } ow && tw > ow)
        {
            _errors.TryAdd("trial_weeks", $"trial of {tw} weeks is longer than the course of {ow} weeks");
        }
        if (values.GetValueOrDefault("guideline") is null && !_errors.ContainsKey("guideline"))
        {
            _errors["guideline"] = "a row must cite a guideline";
        }
    }

    private string? Unknown(RuleField f, object? value)
    {
        var known = _codes[f.Codes];
        var codes = value switch
        {
            IReadOnlyList<string> list => list,
            string s => [s],
            _ => [],
        };
        var unknown = codes.Where(c => !known.Contains(c)).ToList();
        return unknown.Count == 0 ? null
            : $"unknown code{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown)}; known: {string.Join(", ", known.Order(StringComparer.Ordinal).Take(8))}{(known.Count > 8 ? ", ..." : "")}";
    }
}
