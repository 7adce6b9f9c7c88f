using System.Collections.Frozen;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImrGrpc.Engine.Model;
using RulesEngine.Models;

namespace ImrGrpc.Benchmarks.TablePeer;

/// <summary>How the selection rules are grouped into RulesEngine workflows.</summary>
public enum TableLayout
{
    /// <summary>One workflow, one rule per course row; each rule tests the item's treatment first.</summary>
    OneWorkflow,
    /// <summary>One workflow per treatment, holding the rules of the rows that list it (a row with three treatments is in three).</summary>
    PerTreatment,
}

/// <summary>Deliberate mistakes, each of which the parity check must catch (<c>--check-mutants</c>).</summary>
public enum TableMutation
{
    None,
    /// <summary>The recommended-course rule uses &lt; where the row's maximum is inclusive.</summary>
    CourseLimitOffByOne,
    /// <summary>The precedence step prefers the default row to a row for the diagnosis's condition group.</summary>
    DefaultBeforeSpecific,
    /// <summary>The input builder maps a diagnosis by its shortest ICD-10 prefix instead of its longest.</summary>
    ShortestIcdPrefix,
}

/// <summary>A selection rule's row, as the precedence step needs it.</summary>
public sealed class TableRow
{
    public required RuleRow Row { get; init; }
    public string Id => Row.Id;
    /// <summary>A post-surgical row of a named procedure.</summary>
    public bool Post { get; init; }
    /// <summary>Criteria workflow name by item treatment.</summary>
    public required FrozenDictionary<string, string> CriteriaWorkflow { get; init; }
}

/// <summary>
/// How to read a criteria workflow's results. Entry k is one criterion: either fixed by the row (a disabled rule,
/// never evaluated) or decided by enabled rules [First, First + Count) in result order, the first that succeeds
/// giving its SuccessEvent and <see cref="Otherwise"/> applying when none does.
/// </summary>
public sealed class CriteriaLayout
{
    public required string[] Criterion { get; init; }
    /// <summary>The status the row fixes, or null when rules decide it.</summary>
    public required string?[] Fixed { get; init; }
    public required int[] First { get; init; }
    public required int[] Count { get; init; }
    public required string[] Otherwise { get; init; }
    /// <summary>Status when enabled rule i succeeds (its SuccessEvent).</summary>
    public required string[] OnTrue { get; init; }
    /// <summary>Enabled rules: when none, the workflow is not executed.</summary>
    public int Rules => OnTrue.Length;
}

/// <summary>The generated rule set: RulesEngine workflows and what the peer needs to read their results.</summary>
public sealed class TableRuleSet
{
    public required Workflow[] Workflows { get; init; }
    public required FrozenDictionary<string, TableRow> Rows { get; init; }
    /// <summary>Selection workflow name by treatment (every treatment maps to "select" in the one-workflow layout).</summary>
    public required FrozenDictionary<string, string> SelectionWorkflow { get; init; }
    public required FrozenDictionary<string, CriteriaLayout> Criteria { get; init; }
}

/// <summary>
/// Writes one guideline version's course table as RulesEngine workflows, the way a team adopting RulesEngine would
/// encode it. <b>Selection:</b> one lambda rule per course row (rule name = row id), whose expression is the row's
/// key columns: the item's treatment among the row's, the phase, the care type (with the engine's fall-back to
/// therapeutic rows when a treatment has none for the care type asked), the body regions the row covers (each with
/// the regions it includes), the condition group among the case's diagnosis groups (none for a default row), and for
/// a post-surgical row the procedure and its period. <b>Criteria:</b> one workflow per course row and treatment
/// ("rowid:treatment") whose rules carry the row's numbers as literals; each criterion is a short chain of boolean
/// rules, the first that succeeds giving the status in its SuccessEvent, the last one's "otherwise" property the
/// status when none does (an OutputExpression action would return it directly but costs ~4x a boolean rule).
/// Rules run in row-id order, the engine's table order.
/// </summary>
public static class TableWorkflows
{
    public const string Request = "request";
    public const string Item = "item";
    public const string Course = "course";
    public const string OneSelectionWorkflow = "select";
    public const string NotReported = "NotReported";

    private const string Met = "Met", NotMet = "NotMet", Unknown = "Unknown", NotApplicable = "NotApplicable";
    private static readonly Phase[] RequestPhases = [Phase.Chronic, Phase.Acute, Phase.PostSurgical];

    public static TableRuleSet Build(GuidelineBook book, TableLayout layout, TableMutation mutation = TableMutation.None)
    {
        var courseRows = book.Rules.Where(r => r.Role == RuleRole.Course).OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        var tables = new Tables(book, courseRows);
        var workflows = new List<Workflow>();
        var selection = new Dictionary<string, string>(StringComparer.Ordinal);
        if (layout == TableLayout.OneWorkflow)
        {
            workflows.Add(new Workflow { WorkflowName = OneSelectionWorkflow, Rules = courseRows.Select(r => SelectionRule(tables, r, null)).ToList() });
            foreach (var t in book.Catalog.Treatments)
            {
                selection[t.Code] = OneSelectionWorkflow;
            }
        }
        else
        {
            foreach (var t in book.Catalog.Treatments)
            {
                var rows = courseRows.Where(r => r.Treatments.Contains(t.Code)).ToArray();
                if (rows.Length > 0)
                {
                    var name = "select:" + t.Code;
                    workflows.Add(new Workflow { WorkflowName = name, Rules = rows.Select(r => SelectionRule(tables, r, t.Code)).ToList() });
                    selection[t.Code] = name;
                }
            }
        }

        var rowMeta = new Dictionary<string, TableRow>(StringComparer.Ordinal);
        var criteria = new Dictionary<string, CriteriaLayout>(StringComparer.Ordinal);
        foreach (var row in courseRows)
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var treatment in row.Treatments.Distinct(StringComparer.Ordinal))
            {
                var name = row.Id + ":" + treatment;
                var chains = CriteriaChains(tables, row, treatment, mutation);
                var (workflow, read) = CriteriaWorkflow(name, chains);
                workflows.Add(workflow);
                criteria[name] = read;
                names[treatment] = name;
            }
            rowMeta[row.Id] = new TableRow
            {
                Row = row,
                Post = IsPost(row),
                CriteriaWorkflow = names.ToFrozenDictionary(StringComparer.Ordinal),
            };
        }

        return new TableRuleSet
        {
            Workflows = [.. workflows],
            Rows = rowMeta.ToFrozenDictionary(StringComparer.Ordinal),
            SelectionWorkflow = selection.ToFrozenDictionary(StringComparer.Ordinal),
            Criteria = criteria.ToFrozenDictionary(StringComparer.Ordinal),
        };
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One workflow as RulesEngine's JSON, what a deployment keeps in its rule files.</summary>
    public static string ToJson(Workflow workflow) => JsonSerializer.Serialize(workflow, JsonOptions);

    internal static bool IsPost(RuleRow row) => row.Phase == Phase.PostSurgical && row.Procedure is not null;

    /// <summary>What the generator looks up in the version while writing expressions.</summary>
    private sealed class Tables
    {
        public Tables(GuidelineBook book, RuleRow[] courseRows)
        {
            Book = book;
            Includes = book.Catalog.BodyRegions.ToDictionary(r => r.Code, r => r.Includes, StringComparer.Ordinal);
            Treatments = book.Catalog.Treatments.ToDictionary(t => t.Code, StringComparer.Ordinal);
            // The (treatment, phase, care type) keys that have course rows: a care type without rows falls back to therapeutic.
            foreach (var row in courseRows.Where(r => !IsPost(r)))
            {
                foreach (var t in row.Treatments)
                {
                    foreach (var p in RequestPhases.Where(p => row.Phase == Phase.Any || row.Phase == p))
                    {
                        CareKeys.Add((t, p, row.CareType));
                    }
                }
            }
            Caps = [];
            foreach (var cap in book.Rules.Where(r => r.Role == RuleRole.StatutoryCap).OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                foreach (var t in cap.Treatments)
                {
                    Caps.TryAdd(t, cap);
                }
            }
        }

        public GuidelineBook Book { get; }
        public Dictionary<string, IReadOnlyList<string>> Includes { get; }
        public Dictionary<string, TreatmentInfo> Treatments { get; }
        public HashSet<(string, Phase, CareType)> CareKeys { get; } = [];
        public Dictionary<string, RuleRow> Caps { get; }

        /// <summary>Whether a principle row applies to the treatment in the phase (a row for all treatments or any phase counts).</summary>
        public bool HasPrinciple(string principle, string treatment, Phase phase) =>
            Book.Rules.Any(r => r.Role == RuleRole.Principle && r.Principle == principle &&
                (r.Treatments.Count == 0 || r.Treatments.Contains(treatment)) && (r.Phase == Phase.Any || r.Phase == phase));
    }

    // ---- selection -------------------------------------------------------------------------------------------------

    private static Rule SelectionRule(Tables tables, RuleRow row, string? onlyTreatment)
    {
        var treatments = onlyTreatment is null ? row.Treatments.Distinct(StringComparer.Ordinal).ToArray() : [onlyTreatment];
        var terms = new List<string>();
        if (onlyTreatment is null)
        {
            terms.Add(Or(treatments.Select(t => $"{Item}.Treatment == {Q(t)}")));
        }
        if (IsPost(row))
        {
            // The procedure's row governs while the request falls in its post-surgical period.
            terms.Add($"{Request}.PostSurgical");
            terms.Add($"{Request}.Procedure == {Q(row.Procedure!)}");
            terms.Add(Regions(tables, row));
            terms.Add(row.PostSurgicalPeriodMonths is { } months
                ? I($"{Request}.RequestDate <= {Request}.SurgeryDate.AddMonths({months})")
                : "false");
        }
        else
        {
            if (row.Phase != Phase.Any)
            {
                terms.Add(I($"{Item}.Phase == {(int)row.Phase}"));
            }
            terms.Add(CareType(tables, row, treatments, onlyTreatment is null && treatments.Length > 1));
            terms.Add(Regions(tables, row));
            if (row.ConditionGroup is { } group && !row.IsDefault)
            {
                terms.Add($"{Request}.Groups.Contains({Q(group)})");
            }
        }
        return new Rule
        {
            RuleName = row.Id,
            RuleExpressionType = RuleExpressionType.LambdaExpression,
            Expression = And(terms),
        };
    }

    /// <summary>
    /// The row's care type; a therapeutic row also answers a care type for which its treatment has no rows in the
    /// phase (the engine's fall-back), written out per treatment and phase from the version's keys.
    /// </summary>
    private static string CareType(Tables tables, RuleRow row, string[] treatments, bool testTreatment)
    {
        var alternatives = new List<string> { I($"{Item}.CareType == {(int)row.CareType}") };
        if (row.CareType == Engine.Model.CareType.Therapeutic)
        {
            var phases = RequestPhases.Where(p => row.Phase == Phase.Any || row.Phase == p).ToArray();
            foreach (var care in new[] { Engine.Model.CareType.Maintenance, Engine.Model.CareType.FlareUp })
            {
                var perTreatment = new List<string>();
                var everywhere = 0;
                foreach (var t in treatments)
                {
                    var falling = phases.Where(p => !tables.CareKeys.Contains((t, p, care))).ToArray();
                    if (falling.Length == 0)
                    {
                        continue;
                    }
                    everywhere += falling.Length == phases.Length ? 1 : 0;
                    var phaseTest = falling.Length == phases.Length ? "true" : Or(falling.Select(p => I($"{Item}.Phase == {(int)p}")));
                    perTreatment.Add(And([testTreatment ? $"{Item}.Treatment == {Q(t)}" : "true", phaseTest]));
                }
                if (everywhere == treatments.Length)
                {
                    // Every treatment of the row falls back in every phase: the rule's own tests suffice.
                    alternatives.Add(I($"{Item}.CareType == {(int)care}"));
                }
                else if (perTreatment.Count > 0)
                {
                    alternatives.Add(And([I($"{Item}.CareType == {(int)care}"), Or(perTreatment)]));
                }
            }
        }
        // Every care type answered (0 therapeutic, 1 maintenance, 2 flare-up): no test at all.
        return alternatives.Count == 3 && alternatives.Skip(1).All(a => !a.Contains("&&", StringComparison.Ordinal)) ? "true" : Or(alternatives);
    }

    /// <summary>The row covers the item's regions: no regions on either side, or one the row names or includes.</summary>
    private static string Regions(Tables tables, RuleRow row)
    {
        if (row.BodyRegions.Count == 0)
        {
            return "true";
        }
        var covered = new List<string>();
        foreach (var region in row.BodyRegions)
        {
            covered.Add(region);
            covered.AddRange(tables.Includes.TryGetValue(region, out var inner) ? inner : []);
        }
        return Or([$"{Item}.Regions.Length == 0", .. covered.Distinct(StringComparer.Ordinal).Select(r => $"{Item}.Regions.Contains({Q(r)})")]);
    }

    // ---- criteria --------------------------------------------------------------------------------------------------

    /// <summary>A criterion: conditions tried in order, each with the status it gives, and the status when none holds.</summary>
    private sealed record Chain(string Criterion, List<(string Condition, string Status)> Steps, string Otherwise);

    private static Chain Fixed(string criterion, string status) => new(criterion, [], status);

    /// <summary>
    /// The criteria the engine reports for an item governed by the row, in the engine's order, with the row's numbers
    /// written in. A criterion the row never reports has no rule; one it may not report (frequency, when the item
    /// states none) gives <see cref="NotReported"/>.
    /// </summary>
    private static List<Chain> CriteriaChains(Tables tables, RuleRow row, string treatment, TableMutation mutation)
    {
        var post = IsPost(row);
        var chains = new List<Chain>();
        var postPeriod = post && row.PostSurgicalPeriodMonths is { } months
            ? new Chain("post_surgical_period", [(I($"{Request}.RequestDate <= {Request}.SurgeryDate.AddMonths({months})"), Met)], NotApplicable)
            : Fixed("post_surgical_period", NotApplicable);
        if (row.NotRecommended)
        {
            chains.Add(Fixed("recommended", NotMet));
            chains.Add(postPeriod);
            return chains;
        }
        chains.Add(Fixed("recommended", Met));

        if (row.Indication == Indication.Radiculopathy)
        {
            // Examination findings AND (imaging OR electrodiagnostics), each yes / no / not documented.
            var yes = $"{Request}.RadiculopathyExam == 1 && ({Request}.RadiculopathyImaging == 1 || {Request}.RadiculopathyElectro == 1)";
            var no = $"{Request}.RadiculopathyExam == 2 || ({Request}.RadiculopathyImaging == 2 && {Request}.RadiculopathyElectro == 2)";
            chains.Add(new Chain("indication", [(yes, Met), (no, NotMet)], Unknown));
        }

        var episode = row.CourseScope == CourseScope.Episode;
        var prior = $"{Course}.Prior";
        var trial = row.TrialVisits ?? (row.InitialCoursePercent is { } percent && row.MaxVisits is { } general
            ? (row.InitialCourseRounding == Rounding.Up ? (general * percent + 99) / 100 : general * percent / 100)
            : (int?)null);
        if (episode || trial is null)
        {
            chains.Add(Fixed("trial_course", NotApplicable));
        }
        else
        {
            chains.Add(new Chain("trial_course",
                [(I($"{prior} >= {trial}"), NotApplicable), (I($"{prior} + {Item}.Requested <= {trial}"), Met)], NotMet));
        }

        if (row.MaxVisits is { } max)
        {
            var within = mutation == TableMutation.CourseLimitOffByOne ? "<" : "<=";
            chains.Add(new Chain("recommended_course",
                [(I($"{(episode ? "" : prior + " + ")}{Item}.Requested {within} {max}"), Met)], NotMet));
        }
        else
        {
            chains.Add(Fixed("recommended_course", NotApplicable));
        }

        if (row.MaxPerSession is { } perSession)
        {
            chains.Add(new Chain("per_session_limit", [(I($"{Item}.Requested <= {perSession}"), Met)], NotMet));
        }
        if (row.FrequencyPerWeekMax is { } frequency)
        {
            chains.Add(new Chain("frequency", [($"{Item}.Frequency <= 0", NotReported), (I($"{Item}.Frequency <= {frequency}"), Met)], NotMet));
        }
        if (row.OverWeeks is { } courseWeeks && !episode)
        {
            chains.Add(new Chain("course_weeks", [($"{Item}.Weeks <= 0", NotReported), (I($"{Item}.Weeks <= {courseWeeks}"), Met)], NotMet));
        }

        if (!row.RequiresFunctionalImprovement || episode)
        {
            chains.Add(Fixed("functional_improvement", NotApplicable));
        }
        else
        {
            // Judged only after a first course and outside the trial; then 9792.20(f): (ADL gain OR fewer work
            // restrictions) AND less dependence on treatment, each part from the snapshots or the stated trend.
            var notYet = trial is { } t and > 0 ? I($"{prior} < {t}") : $"{prior} == 0";
            chains.Add(new Chain("functional_improvement",
                [(notYet, NotApplicable), (FunctionYes, Met), (FunctionNo, NotMet)], Unknown));
        }

        if (row.RepeatMinReliefPercent is { } minPercent)
        {
            var yes = new List<string> { I($"{Course}.LastReliefPercent >= {minPercent}") };
            var no = new List<string> { I($"({Course}.LastReliefPercent >= 0 && {Course}.LastReliefPercent < {minPercent})") };
            if (row.RepeatMinReliefWeeks is { } minWeeks)
            {
                yes.Add(I($"{Course}.LastReliefWeeks >= {minWeeks}"));
                no.Add(I($"({Course}.LastReliefWeeks >= 0 && {Course}.LastReliefWeeks < {minWeeks})"));
            }
            if (row.RepeatRequiresMedicationReduction)
            {
                yes.Add($"{Course}.LastMedicationReduced == 1");
                no.Add($"{Course}.LastMedicationReduced == 2");
            }
            chains.Add(new Chain("repeat_response",
                [($"{prior} == 0 || !{Course}.HasLast", NotApplicable), (Or(no), NotMet), (And(yes), Met)], Unknown));
        }

        if (row.MinIntervalMonths is { } interval)
        {
            chains.Add(new Chain("treatment_interval",
                [($"{prior} == 0 && !{Course}.HasLast", NotApplicable), ($"!{Course}.HasLastDate", Unknown),
                 (I($"{Course}.LastDate.AddMonths({interval}) <= {Request}.RequestDate"), Met)], NotMet));
        }

        if (row.RequiresReturnToWork)
        {
            chains.Add(new Chain("return_to_work",
                [($"{Request}.CurrentWorkStatus >= 2", Met), ($"{Request}.CurrentWorkStatus == 1", NotMet)], Unknown));
        }

        if (row.MinMonthsSinceInjury is not null || row.MaxMonthsSinceInjury is not null)
        {
            var early = row.MinMonthsSinceInjury is { } lo ? I($"{Request}.InjuryDate.AddMonths({lo}) > {Request}.RequestDate") : "false";
            var late = row.MaxMonthsSinceInjury is { } hi ? I($"{Request}.InjuryDate.AddMonths({hi}) < {Request}.RequestDate") : "false";
            chains.Add(new Chain("time_since_injury", [(Or([early, late]), NotMet)], Met));
        }

        switch (row.Adjunct)
        {
            case AdjunctRequirement.ActiveTherapy:
                chains.Add(new Chain("adjunct_active_therapy",
                    [($"{Request}.HomeExercise == 1 || {Item}.ConcurrentActive || {Request}.OngoingActive", Met),
                     ($"{Request}.HomeExercise == 2", NotMet)], Unknown));
                break;
            case AdjunctRequirement.Program when row.AdjunctTreatment is { } program:
                if (program == treatment)
                {
                    throw new NotSupportedException($"row {row.Id}: a treatment that is its own adjunct program is outside the table-driven peer");
                }
                chains.Add(new Chain("adjunct_program",
                    [($"{Request}.ItemTreatments.Contains({Q(program)}) || {Request}.OngoingTreatments.Contains({Q(program)})", Met)], NotMet));
                break;
            default:
                chains.Add(Fixed("adjunct_active_therapy", NotApplicable));
                break;
        }

        // Passive care is used sparingly in the chronic phase: passive visits in the same unit count toward the row's course.
        var limit = row.MaxVisits ?? trial;
        if (!post && limit is { } passiveLimit && tables.Treatments.TryGetValue(treatment, out var info) && info.Passive &&
            tables.HasPrinciple(PrincipleCodes.PassiveModalitySparing, treatment, Phase.Chronic))
        {
            chains.Add(new Chain("passive_modality_sparing",
                [(I($"{Item}.Phase != {(int)Phase.Chronic}"), NotApplicable),
                 (I($"{(episode ? "" : Course + ".PassivePrior + ")}{Item}.Requested <= {passiveLimit}"), Met)], NotMet));
        }
        else
        {
            chains.Add(Fixed("passive_modality_sparing", NotApplicable));
        }

        // Labor Code 4604.5: visits per injury on or after the cap's date; post-surgical care is exempt.
        if (post || !tables.Caps.TryGetValue(treatment, out var cap))
        {
            chains.Add(Fixed("statutory_cap", NotApplicable));
        }
        else
        {
            var steps = new List<(string, string)>();
            if (cap.InjuryOnOrAfter is { } since)
            {
                steps.Add((I($"{Request}.InjuryDate < DateTime({since.Year}, {since.Month}, {since.Day})"), NotApplicable));
            }
            steps.Add((cap.MaxVisits is { } capMax ? I($"{Course}.CapPrior + {Item}.Requested <= {capMax}") : "true", Met));
            chains.Add(new Chain("statutory_cap", steps, NotMet));
        }

        chains.Add(postPeriod);
        return chains;
    }

    // Functional improvement from the two snapshots (NaN where not recorded, so a comparison with it is false) and
    // the stated trends (1 improved, 2 unchanged, 3 worsened).
    private static readonly string RestrictionsYes =
        $"({Request}.WorkStatusAfter > {Request}.WorkStatusBefore || {Request}.HoursAfter > {Request}.HoursBefore" +
        $" || {Request}.LiftingAfter > {Request}.LiftingBefore || {Request}.RestrictionsTrend == 1)";

    private static readonly string RestrictionsRecorded =
        $"(!(double.IsNaN({Request}.WorkStatusBefore) || double.IsNaN({Request}.WorkStatusAfter))" +
        $" || !(double.IsNaN({Request}.HoursBefore) || double.IsNaN({Request}.HoursAfter))" +
        $" || !(double.IsNaN({Request}.LiftingBefore) || double.IsNaN({Request}.LiftingAfter)) || {Request}.RestrictionsTrend >= 2)";

    private static readonly string DependenceYes =
        $"({Request}.OpioidsAfter < {Request}.OpioidsBefore || {Request}.MedAfter < {Request}.MedBefore || {Request}.DependenceTrend == 1)";

    private static readonly string DependenceRecorded =
        $"(!(double.IsNaN({Request}.OpioidsBefore) || double.IsNaN({Request}.OpioidsAfter))" +
        $" || !(double.IsNaN({Request}.MedBefore) || double.IsNaN({Request}.MedAfter)) || {Request}.DependenceTrend >= 2)";

    private static readonly string FunctionYes = $"({Request}.AdlTrend == 1 || {RestrictionsYes}) && {DependenceYes}";

    private static readonly string FunctionNo =
        $"({Request}.AdlTrend >= 2 && !{RestrictionsYes} && {RestrictionsRecorded}) || (!{DependenceYes} && {DependenceRecorded})";

    /// <summary>
    /// One rule per step; the last step of a criterion carries the "otherwise" status. A criterion the row fixes is
    /// one disabled rule (RulesEngine skips it), so the JSON lists every criterion but only live ones are evaluated.
    /// </summary>
    private static (Workflow, CriteriaLayout) CriteriaWorkflow(string name, List<Chain> chains)
    {
        var rules = new List<Rule>();
        var onTrue = new List<string>();
        var first = new int[chains.Count];
        var count = new int[chains.Count];
        for (var k = 0; k < chains.Count; k++)
        {
            var chain = chains[k];
            first[k] = onTrue.Count;
            if (chain.Steps.Count == 0)
            {
                rules.Add(new Rule
                {
                    RuleName = $"{chain.Criterion}:{chain.Otherwise}",
                    RuleExpressionType = RuleExpressionType.LambdaExpression,
                    Expression = "true",
                    SuccessEvent = chain.Otherwise,
                    Enabled = false,
                    Properties = new Dictionary<string, object> { ["fixed_by_row"] = true },
                });
                continue;
            }
            for (var i = 0; i < chain.Steps.Count; i++)
            {
                var (condition, status) = chain.Steps[i];
                rules.Add(new Rule
                {
                    RuleName = $"{chain.Criterion}:{status}",
                    RuleExpressionType = RuleExpressionType.LambdaExpression,
                    Expression = condition,
                    SuccessEvent = status,
                    Properties = i == chain.Steps.Count - 1 ? new Dictionary<string, object> { ["otherwise"] = chain.Otherwise } : null,
                });
                onTrue.Add(status);
            }
            count[k] = chain.Steps.Count;
        }
        var layout = new CriteriaLayout
        {
            Criterion = chains.Select(c => c.Criterion).ToArray(),
            Fixed = chains.Select(c => c.Steps.Count == 0 ? c.Otherwise : null).ToArray(),
            First = first,
            Count = count,
            Otherwise = chains.Select(c => c.Otherwise).ToArray(),
            OnTrue = [.. onTrue],
        };
        return (new Workflow { WorkflowName = name, Rules = rules }, layout);
    }

    // ---- expression text -------------------------------------------------------------------------------------------

    private static string Q(string code) => "\"" + code.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string And(IEnumerable<string> terms)
    {
        var kept = terms.Where(t => t != "true").ToList();
        return kept.Contains("false") ? "false" : kept.Count switch { 0 => "true", 1 => kept[0], _ => string.Join(" && ", kept.Select(Group)) };
    }

    private static string Or(IEnumerable<string> terms)
    {
        var kept = terms.Where(t => t != "false").ToList();
        return kept.Contains("true") ? "true" : kept.Count switch { 0 => "false", 1 => kept[0], _ => "(" + string.Join(" || ", kept) + ")" };
    }

    private static string Group(string term) => term.Contains("||", StringComparison.Ordinal) && !Enclosed(term) ? $"({term})" : term;

    /// <summary>The whole term is one parenthesized group.</summary>
    private static bool Enclosed(string term)
    {
        if (!term.StartsWith('('))
        {
            return false;
        }
        var depth = 0;
        for (var i = 0; i < term.Length; i++)
        {
            depth += term[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0 && i < term.Length - 1)
            {
                return false;
            }
        }
        return true;
    }
}
