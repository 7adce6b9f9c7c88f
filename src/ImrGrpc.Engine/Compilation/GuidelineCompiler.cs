using System.Collections.Frozen;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Compilation;

/// <summary>Compiles a rule book into the indexes the request path reads. Done once per version, at load or publish.</summary>
public static class GuidelineCompiler
{
    private static readonly Phase[] RequestPhases = [Phase.Chronic, Phase.Acute, Phase.PostSurgical];

    public static CompiledGuideline Compile(GuidelineBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var groups = book.Catalog.ConditionGroups.ToDictionary(g => g.Code, StringComparer.Ordinal);
        var units = book.Catalog.Treatments.ToDictionary(t => t.Code, t => t.Unit, StringComparer.Ordinal);

        // Rows are ordered by id: ties between equally specific rows break the same way whatever order they were stored in.
        var ordered = book.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        var rules = new List<CompiledRule>(ordered.Length);
        for (var i = 0; i < ordered.Length; i++)
        {
            var row = ordered[i];
            if (i > 0 && string.Equals(ordered[i - 1].Id, row.Id, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Version {book.Version.Id} has two rows with id '{row.Id}'.");
            }
            var condition = row.ConditionGroup is { } code && groups.TryGetValue(code, out var g) ? g.Description : null;
            var unit = row.Treatments.Count > 0 && units.TryGetValue(row.Treatments[0], out var u) ? u : "visits";
            rules.Add(new CompiledRule(row, i, condition, unit));
        }

        // A row that sets only the total takes its trial from the row it names (validated to exist and to set a trial).
        var byId = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (rule.Row.TrialFrom is { } sourceId && rule.Row.TrialVisits is null &&
                byId.TryGetValue(sourceId, out var source) && source.Row.TrialFrom is null && source.Trial is not null)
            {
                rule.TakeTrialFrom(source);
            }
            // Validated like trial_from: the source exists, sets a maximum and takes none from elsewhere.
            if (rule.Row.MaxVisitsFrom is { } maxId && rule.Row.MaxVisits is null &&
                byId.TryGetValue(maxId, out var maxSource) && maxSource.Row.MaxVisitsFrom is null && maxSource.Row.MaxVisits is not null)
            {
                rule.TakeMaxFrom(maxSource);
            }
        }

        var course = new Dictionary<(string, Phase, CareType), List<CompiledRule>>();
        var postSurgical = new Dictionary<(string, string), List<CompiledRule>>();
        var caps = new Dictionary<string, CompiledRule>(StringComparer.Ordinal);
        var principles = new List<CompiledRule>();
        foreach (var rule in rules)
        {
            var row = rule.Row;
            switch (row.Role)
            {
                case RuleRole.Principle:
                    principles.Add(rule);
                    break;
                case RuleRole.StatutoryCap:
                    foreach (var treatment in row.Treatments)
                    {
                        caps.TryAdd(treatment, rule);
                    }
                    break;
                case RuleRole.Course when row.Phase == Phase.PostSurgical && row.Procedure is { } procedure:
                    foreach (var treatment in row.Treatments)
                    {
                        Add(postSurgical, (treatment, procedure), rule);
                    }
                    break;
                case RuleRole.Course:
                    foreach (var treatment in row.Treatments)
                    {
                        foreach (var phase in RequestPhases)
                        {
                            if (row.Phase != Phase.Any && row.Phase != phase)
                            {
                                continue;
                            }
                            Add(course, (treatment, phase, row.CareType), rule);
                        }
                    }
                    break;
            }
        }

        // Longest prefix first, so the first match is the most specific group.
        var prefixes = book.Catalog.ConditionGroups
            .SelectMany(g => g.Icd10Prefixes.Select(p => (Prefix: IcdCodes.Normalize(p), Group: g)))
            .OrderByDescending(p => p.Prefix.Length)
            .ThenBy(p => p.Prefix, StringComparer.Ordinal)
            .ToArray();

        return new CompiledGuideline(
            book,
            rules,
            course.ToFrozenDictionary(kv => kv.Key, kv => new RowBucket(kv.Value.ToArray())),
            postSurgical.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray()),
            caps.ToFrozenDictionary(StringComparer.Ordinal),
            principles.ToArray(),
            prefixes);
    }

    private static void Add<TKey>(Dictionary<TKey, List<CompiledRule>> index, TKey key, CompiledRule rule)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }
        list.Add(rule);
    }
}

/// <summary>ICD-10-CM code spelling: upper case, a dot after the third character.</summary>
public static class IcdCodes
{
    public static string Normalize(string code)
    {
        if (IsNormal(code))
        {
            return code;
        }
        var trimmed = code.Trim().ToUpperInvariant();
        var dot = trimmed.IndexOf('.');
        if (dot >= 0 && (dot != 3 || trimmed.IndexOf('.', dot + 1) >= 0))
        {
            // A dot anywhere but after the category (or two of them) is not a spelling we correct: leave it to be refused.
            return trimmed;
        }
        var compact = trimmed.Replace(".", "", StringComparison.Ordinal);
        if (compact.Length <= 3)
        {
            return compact;
        }
        var normalized = string.Concat(compact.AsSpan(0, 3), ".", compact.AsSpan(3));
        return normalized == trimmed ? trimmed : normalized;
    }

    /// <summary>Already upper case with the dot after the third character (or three characters, no dot): nothing to do.</summary>
    private static bool IsNormal(string code)
    {
        if (code.Length < 3)
        {
            return false;
        }
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            var ok = i == 3 ? c == '.' : char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c);
            if (!ok)
            {
                return false;
            }
        }
        return code.Length != 4;
    }
}
