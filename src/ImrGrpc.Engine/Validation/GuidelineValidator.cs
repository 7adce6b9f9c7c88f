using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Validation;

/// <summary>
/// Checks a whole rule book before it may be published: numbers in order, citations present, every code known to the
/// catalog, no two rows with the same key, no row the engine could never reach, a fallback row for every treatment. The
/// checks of one row on its own (<see cref="CheckRow"/>) are what the editor runs as an editor types, so the TUI, the CLI
/// and publishing agree on what is an error and what is a warning.
/// </summary>
public static class GuidelineValidator
{
    private static readonly Phase[] RequestPhases = [Phase.Chronic, Phase.Acute, Phase.PostSurgical];

    public static IReadOnlyList<ValidationProblem> Validate(GuidelineBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var problems = new List<ValidationProblem>();
        var catalog = book.Catalog;
        _ = Codes(catalog.Treatments.Select(t => t.Code), "treatment", problems);
        var regions = Codes(catalog.BodyRegions.Select(r => r.Code), "body region", problems);
        var groups = Codes(catalog.ConditionGroups.Select(g => g.Code), "condition group", problems);
        _ = Codes(catalog.Procedures.Select(p => p.Code), "procedure", problems);
        CheckCatalog(catalog, regions, groups, problems);

        var known = KnownCodes.Of(catalog);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in book.Rules)
        {
            if (string.IsNullOrWhiteSpace(row.Id))
            {
                problems.Add(new(Severity.Error, null, RuleColumns.Id.Name, "a row has no id"));
                continue;
            }
            if (!ids.Add(row.Id))
            {
                problems.Add(new(Severity.Error, row.Id, RuleColumns.Id.Name, "two rows have this id"));
            }
            CheckRow(row, known, problems);
        }

        CheckKeys(book.Rules, problems);
        CheckTrialSources(book.Rules, problems);
        CheckMaxSources(book.Rules, problems);
        CheckReachability(book, problems);
        CheckFallbacks(book, problems);
        return problems;
    }

    /// <summary>
    /// The problems of one row on its own, as publishing finds them: its numbers, citation, codes and what its role
    /// needs. Checks that need the other rows (duplicate keys, the rows it takes its trial or maximum from, reachability)
    /// are left to <see cref="Validate"/>.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> CheckRow(RuleRow row, Catalog catalog)
    {
        ArgumentNullException.ThrowIfNull(row);
        var problems = new List<ValidationProblem>();
        CheckRow(row, KnownCodes.Of(catalog), problems);
        return problems;
    }

    public static bool HasErrors(IEnumerable<ValidationProblem> problems) => problems.Any(p => p.Severity == Severity.Error);

    private static HashSet<string> Codes(IEnumerable<string> codes, string what, List<ValidationProblem> problems)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                problems.Add(new(Severity.Error, null, "catalog", $"a {what} has an empty code"));
            }
            else if (!set.Add(code))
            {
                problems.Add(new(Severity.Error, null, "catalog", $"{what} '{code}' is listed twice"));
            }
        }
        return set;
    }

    private static void CheckCatalog(Catalog catalog, HashSet<string> regions, HashSet<string> groups, List<ValidationProblem> problems)
    {
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in catalog.ConditionGroups)
        {
            foreach (var prefix in group.Icd10Prefixes)
            {
                var normalized = IcdCodes.Normalize(prefix);
                if (normalized.Length < 3 || !char.IsAsciiLetterUpper(normalized[0]) || !char.IsAsciiDigit(normalized[1]))
                {
                    problems.Add(new(Severity.Error, null, "catalog", $"condition group '{group.Code}': '{prefix}' is not an ICD-10-CM prefix"));
                }
                else if (prefixes.TryGetValue(normalized, out var other) && other != group.Code)
                {
                    problems.Add(new(Severity.Error, null, "catalog", $"ICD-10 prefix {normalized} maps to both '{other}' and '{group.Code}'"));
                }
                else
                {
                    prefixes[normalized] = group.Code;
                }
            }
        }
        foreach (var procedure in catalog.Procedures)
        {
            if (procedure.ConditionGroup is { } g && !groups.Contains(g))
            {
                problems.Add(new(Severity.Error, null, "catalog", $"procedure '{procedure.Code}' names unknown condition group '{g}'"));
            }
        }
        foreach (var region in catalog.BodyRegions)
        {
            foreach (var inner in region.Includes.Where(i => !regions.Contains(i)))
            {
                problems.Add(new(Severity.Error, null, "catalog", $"body region '{region.Code}' includes unknown region '{inner}'"));
            }
        }
        foreach (var treatment in catalog.Treatments.Where(t => string.IsNullOrWhiteSpace(t.Unit)))
        {
            problems.Add(new(Severity.Error, null, "catalog", $"treatment '{treatment.Code}' has no unit"));
        }
    }

    private static void CheckRow(RuleRow row, KnownCodes known, List<ValidationProblem> problems)
    {
        void Error(RuleColumn column, string message) => problems.Add(new(Severity.Error, row.Id, column.Name, message));
        void Warning(RuleColumn column, string message) => problems.Add(new(Severity.Warning, row.Id, column.Name, message));

        if (string.IsNullOrWhiteSpace(row.Guideline))
        {
            Error(RuleColumns.Guideline, "names no guideline");
        }
        if (row.Role != RuleRole.StatutoryCap && row.Pages.Count == 0 && string.IsNullOrWhiteSpace(row.Section))
        {
            Error(RuleColumns.Pages, "cites neither pages nor a section");
        }
        // Every code column holds codes its catalog knows, whatever the row's role: a code nobody knows is a typo.
        foreach (var column in RuleColumns.All.Where(c => c.Codes != CodeSet.None))
        {
            foreach (var code in KnownCodes.In(column, row).Where(c => !known[column.Codes].Contains(c)))
            {
                Error(column, Unknown(column.Codes, code));
            }
        }
        // Every number within the range its column allows (counts are never negative; percentages are percentages).
        foreach (var column in RuleColumns.All.OfType<RuleColumn<int?>>())
        {
            if (column.Get(row) is not { } value)
            {
                continue;
            }
            if (column.Maximum is { } most && (value < column.Minimum || value > most))
            {
                Error(column, $"{value}% is not between {column.Minimum} and {most}");
            }
            else if (value < column.Minimum)
            {
                Error(column, $"{value} is negative");
            }
        }
        if ((row.FiMinWorkHoursGain ?? row.FiMinLiftingGainLb ?? row.FiMinMedReductionPercent) is not null &&
            row.Principle != PrincipleCodes.FunctionalImprovementDefinition)
        {
            Error(RuleColumns.FiMinWorkHoursGain, "functional-improvement thresholds belong on the functional_improvement_definition principle row");
        }
        if (row.MinVisits is { } min && row.MaxVisits is { } max && min > max)
        {
            Error(RuleColumns.MinVisits, $"minimum {min} is above the maximum {max}");
        }
        if (row.TrialVisits is { } trial && row.MaxVisits is { } max2 && trial > max2)
        {
            Error(RuleColumns.TrialVisits, $"trial {trial} is above the maximum {max2}");
        }
        if (row.TrialWeeks is { } tw && row.OverWeeks is { } ow && tw > ow)
        {
            Warning(RuleColumns.TrialWeeks, $"trial of {tw} weeks is longer than the course of {ow} weeks");
        }
        if (row.MinMonthsSinceInjury is { } lo && row.MaxMonthsSinceInjury is { } hi && lo > hi)
        {
            Error(RuleColumns.MinMonthsSinceInjury, $"{lo} months is above the maximum of {hi}");
        }

        switch (row.Role)
        {
            case RuleRole.Course:
                if (row.Treatments.Count == 0)
                {
                    Error(RuleColumns.Treatments, "a course row must name the treatments it governs");
                }
                if (row.Phase == Phase.PostSurgical && row.PostSurgicalPeriodMonths is null)
                {
                    Error(RuleColumns.PostSurgicalPeriodMonths, "a post-surgical row needs its post-surgical period");
                }
                if (row.Procedure is not null && row.Phase != Phase.PostSurgical)
                {
                    Error(RuleColumns.Procedure, "only post-surgical rows name a procedure");
                }
                if (row.InitialCoursePercent is not null && row.MaxVisits is null)
                {
                    Error(RuleColumns.InitialCoursePercent, "an initial course needs the general course (max_visits) it is a share of");
                }
                if (row.Adjunct == AdjunctRequirement.Program && row.AdjunctTreatment is null)
                {
                    Error(RuleColumns.AdjunctTreatment, "a program adjunct must name a known treatment (got '')");
                }
                if (row.NotRecommended && (row.MaxVisits is not null || row.TrialVisits is not null))
                {
                    Warning(RuleColumns.NotRecommended, "a not-recommended row sets visit numbers that will never be used");
                }
                if (!row.NotRecommended && row.MaxVisits is not null && row.OverWeeks is null && row.CourseWindowMonths is null
                    && row.CourseScope == CourseScope.Claim && row.MaxPerSession is null)
                {
                    Warning(RuleColumns.OverWeeks, "a visit maximum without the weeks it spans; the rationale can only state the count");
                }
                if (row.IsMtus && row.Pages.Count == 0 && row.Guideline.Contains("Chronic Pain Medical Treatment", StringComparison.Ordinal))
                {
                    Warning(RuleColumns.Pages, "a chronic pain guideline row without page numbers");
                }
                break;
            case RuleRole.StatutoryCap:
                if (row.Treatments.Count == 0)
                {
                    Error(RuleColumns.Treatments, "a cap must name the treatments it counts");
                }
                if (row.MaxVisits is null)
                {
                    Error(RuleColumns.MaxVisits, "a cap needs its number of visits");
                }
                break;
            case RuleRole.Principle:
                if (row.Principle is null)
                {
                    Error(RuleColumns.Principle, $"a principle row must name the principle it states ({string.Join(", ", PrincipleCodes.All)}); the row could never be reached");
                }
                if (row.Principle == PrincipleCodes.TreatmentEntry && row.Treatments.Count == 0)
                {
                    Error(RuleColumns.Treatments, "a treatment entry must name the treatments whose entry it is");
                }
                break;
        }
    }

    private static string Unknown(CodeSet set, string code) => set switch
    {
        CodeSet.Treatment => $"unknown treatment '{code}'",
        CodeSet.BodyRegion => $"unknown body region '{code}'",
        CodeSet.ConditionGroup => $"unknown condition group '{code}'",
        CodeSet.Procedure => $"unknown surgical procedure '{code}'",
        CodeSet.Principle => $"'{code}' is not a principle any criterion cites ({string.Join(", ", PrincipleCodes.All)})",
        _ => $"unknown code '{code}'",
    };

    /// <summary>A row taking its trial from another must name a course row for the same treatment that sets one itself.</summary>
    private static void CheckTrialSources(IReadOnlyList<RuleRow> rows, List<ValidationProblem> problems)
    {
        foreach (var row in rows)
        {
            if (row.TrialFrom is not { } sourceId)
            {
                continue;
            }
            var source = rows.FirstOrDefault(r => string.Equals(r.Id, sourceId, StringComparison.Ordinal));
            string? why = source switch
            {
                null => $"no row '{sourceId}' in this version",
                _ when row.TrialVisits is not null => "the row sets its own trial_visits; name a source or a trial, not both",
                _ when source.Role != RuleRole.Course || source.TrialVisits is null || source.TrialFrom is not null =>
                    $"row '{sourceId}' is not a course row that sets a trial of its own",
                _ when !source.Treatments.Intersect(row.Treatments, StringComparer.Ordinal).Any() =>
                    $"row '{sourceId}' governs none of this row's treatments",
                _ when row.MaxVisits is { } max && source.TrialVisits > max =>
                    $"the trial of {source.TrialVisits} from '{sourceId}' is above this row's maximum {max}",
                _ => null,
            };
            if (why is not null)
            {
                problems.Add(new(Severity.Error, row.Id, RuleColumns.TrialFrom.Name, why));
            }
        }
    }

    /// <summary>A row taking its number of visits from another must set none itself and name a course row that sets one.</summary>
    private static void CheckMaxSources(IReadOnlyList<RuleRow> rows, List<ValidationProblem> problems)
    {
        foreach (var row in rows)
        {
            if (row.MaxVisitsFrom is not { } sourceId)
            {
                continue;
            }
            var source = rows.FirstOrDefault(r => string.Equals(r.Id, sourceId, StringComparison.Ordinal));
            string? why = source switch
            {
                null => $"no row '{sourceId}' in this version",
                _ when row.MaxVisits is not null => "the row sets its own max_visits; name a source or a maximum, not both",
                _ when source.Role != RuleRole.Course || source.MaxVisits is null || source.MaxVisitsFrom is not null =>
                    $"row '{sourceId}' is not a course row that sets a maximum of its own",
                _ when !source.Treatments.Intersect(row.Treatments, StringComparer.Ordinal).Any() =>
                    $"row '{sourceId}' governs none of this row's treatments",
                _ when row.TrialVisits is { } trial && trial > source.MaxVisits =>
                    $"this row's trial of {trial} is above the maximum {source.MaxVisits} taken from '{sourceId}'",
                _ => null,
            };
            if (why is not null)
            {
                problems.Add(new(Severity.Error, row.Id, RuleColumns.MaxVisitsFrom.Name, why));
            }
        }
    }

    /// <summary>Two rows that would compete for exactly the same cases.</summary>
    private static void CheckKeys(IReadOnlyList<RuleRow> rows, List<ValidationProblem> problems)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var regions = string.Join(",", row.BodyRegions.Order(StringComparer.Ordinal));
            var keys = row.Role == RuleRole.Principle
                ? row.Treatments.Count == 0 ? [""] : row.Treatments.AsEnumerable()
                : row.Treatments;
            foreach (var treatment in keys)
            {
                var key = $"{row.Role}|{row.Principle}|{row.IsNonMtusGuideline}|{treatment}|{row.Phase}|{row.CareType}|{row.ConditionGroup}|{row.IsDefault}|{regions}|{row.Procedure}";
                if (seen.TryGetValue(key, out var other))
                {
                    problems.Add(new(Severity.Error, row.Id, null, $"has the same key as row {other} for {(treatment.Length == 0 ? "every treatment" : treatment)}; only one of them could ever apply"));
                }
                else
                {
                    seen[key] = row.Id;
                }
            }
        }
    }

    /// <summary>Rows the engine could never select for any case.</summary>
    private static void CheckReachability(GuidelineBook book, List<ValidationProblem> problems)
    {
        var mapped = book.Catalog.ConditionGroups.Where(g => g.Icd10Prefixes.Count > 0).Select(g => g.Code).ToHashSet(StringComparer.Ordinal);
        var courses = book.Rules.Where(r => r.Role == RuleRole.Course && r.Procedure is null).ToList();
        foreach (var row in courses)
        {
            if (row.ConditionGroup is { } group && !row.IsDefault && !mapped.Contains(group))
            {
                problems.Add(new(Severity.Error, row.Id, RuleColumns.ConditionGroup.Name,
                    $"no ICD-10 prefix maps to '{group}', so no diagnosis can select this row"));
            }
            var phases = row.Phase == Phase.Any ? RequestPhases : [row.Phase];
            if (row.IsDefault && row.ConditionGroup is null)
            {
                var shadow = courses.FirstOrDefault(o => !ReferenceEquals(o, row) && o.ConditionGroup is null && !o.IsDefault
                    && o.BodyRegions.Count == 0 && o.IsNonMtusGuideline == row.IsNonMtusGuideline && o.CareType == row.CareType
                    && o.Treatments.Intersect(row.Treatments).Any() && phases.All(p => o.Phase == Phase.Any || o.Phase == p));
                if (shadow is not null)
                {
                    problems.Add(new(Severity.Error, row.Id, RuleColumns.IsDefault.Name, $"row {shadow.Id} applies to every case this default would, so the default is never used"));
                }
            }
            if (row.IsNonMtusGuideline)
            {
                var reachable = false;
                foreach (var treatment in row.Treatments)
                {
                    foreach (var phase in phases)
                    {
                        var mtusAlwaysAnswers = courses.Any(o => o.IsMtus && o.CareType == row.CareType && o.Treatments.Contains(treatment)
                            && (o.Phase == Phase.Any || o.Phase == phase) && (o.ConditionGroup is null || o.IsDefault) && o.BodyRegions.Count == 0);
                        reachable |= !mtusAlwaysAnswers;
                    }
                }
                if (!reachable)
                {
                    problems.Add(new(Severity.Error, row.Id, RuleColumns.Source.Name,
                        "an MTUS row answers every case this non-MTUS row covers, so under the evidence hierarchy it is never used"));
                }
            }
        }
    }

    /// <summary>Every treatment needs, in the chronic phase, a row that applies whatever the diagnosis.</summary>
    private static void CheckFallbacks(GuidelineBook book, List<ValidationProblem> problems)
    {
        // A procedure the catalog offers but no post-surgical row names sends every request after it to a physician.
        foreach (var procedure in book.Catalog.Procedures)
        {
            if (!book.Rules.Any(r => r.Role == RuleRole.Course && r.Phase == Phase.PostSurgical
                && string.Equals(r.Procedure, procedure.Code, StringComparison.Ordinal)))
            {
                problems.Add(new(Severity.Error, null, "catalog",
                    $"procedure '{procedure.Code}' has no post-surgical row: add its course from 8 CCR 9792.24.3(d) or drop it from the catalog"));
            }
        }
        foreach (var treatment in book.Catalog.Treatments)
        {
            var rows = book.Rules.Where(r => r.Role == RuleRole.Course && r.Procedure is null && r.Treatments.Contains(treatment.Code)
                && r.CareType == CareType.Therapeutic && (r.Phase is Phase.Chronic or Phase.Any)).ToList();
            if (!rows.Any(r => r.ConditionGroup is null || r.IsDefault))
            {
                problems.Add(new(Severity.Error, null, "rules",
                    $"treatment '{treatment.Code}' has no default row for the chronic phase: a diagnosis without its own row would not be decided by any guideline"));
            }
        }
    }
}
