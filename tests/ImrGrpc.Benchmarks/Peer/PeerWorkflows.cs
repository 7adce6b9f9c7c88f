using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;
using RulesEngine.Models;

namespace ImrGrpc.Benchmarks.Peer;

/// <summary>
/// The session-limit rules as Microsoft RulesEngine workflows: one workflow per treatment code, six lambda rules each,
/// over one <see cref="SessionFacts"/> input named <c>input1</c>. Numbers that belong to the treatment (the statutory
/// cap, the not-recommended regions) are written into the expressions from the version's seed rows; numbers that
/// belong to the governing course row (trial, maximum) come in on the input, read from that row by the flattener.
/// </summary>
public static class PeerWorkflows
{
    public const string Input = "input1";

    /// <summary>The rule names, which are also the engine's criterion codes they are checked against.</summary>
    public static class Rules
    {
        public const string Recommended = "recommended";
        public const string TrialCourse = "trial_course";
        public const string RecommendedCourse = "recommended_course";
        public const string FunctionalImprovement = "functional_improvement";
        public const string AdjunctActiveTherapy = "adjunct_active_therapy";
        public const string StatutoryCap = "statutory_cap";
    }

    // A rule passes when its criterion is met or does not apply; a criterion the engine would leave undocumented fails.
    private const string TrialCourse =
        "!input1.HasTrial || input1.Prior >= input1.TrialVisits || input1.Prior + input1.Requested <= input1.TrialVisits";

    private const string RecommendedCourse =
        "!input1.HasMax || input1.Prior + input1.Requested <= input1.MaxVisits";

    // Restrictions reduced = work status up OR hours up OR lifting limit up (or stated so); dependence reduced = fewer
    // opioid agents OR lower MED (or stated so); met = (restrictions reduced OR ADL improved) AND dependence reduced.
    // Judged only after a first course and outside the trial.
    private const string FunctionalImprovement =
        "!input1.RequiresImprovement || input1.Prior == 0 || (input1.HasTrial && input1.Prior < input1.TrialVisits) || (" +
        "((input1.WorkStatusBefore > 0 && input1.WorkStatusAfter > input1.WorkStatusBefore) || input1.HoursAfter > input1.HoursBefore" +
        " || input1.LiftingAfter > input1.LiftingBefore || input1.RestrictionsTrendImproved || input1.AdlImproved)" +
        " && (input1.OpioidsAfter < input1.OpioidsBefore || input1.MedAfter < input1.MedBefore || input1.DependenceTrendImproved))";

    private const string AdjunctActiveTherapy =
        "!input1.RequiresActiveAdjunct || input1.HomeExercise || input1.ConcurrentActive || input1.OngoingActive";

    public static Workflow[] Build(CompiledGuideline g) =>
        g.Catalog.Treatments.Select(t => Workflow(g, t.Code)).ToArray();

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One workflow as RulesEngine's JSON: what a rules author would keep in a file and load.</summary>
    public static string ToJson(Workflow workflow) => JsonSerializer.Serialize(workflow, JsonOptions);

    private static Workflow Workflow(CompiledGuideline g, string treatment) => new()
    {
        WorkflowName = treatment,
        Rules =
        [
            Lambda(Rules.Recommended, NotRecommendedRegions(g, treatment)),
            Lambda(Rules.TrialCourse, TrialCourse),
            Lambda(Rules.RecommendedCourse, RecommendedCourse),
            Lambda(Rules.FunctionalImprovement, FunctionalImprovement),
            Lambda(Rules.AdjunctActiveTherapy, AdjunctActiveTherapy),
            Lambda(Rules.StatutoryCap, StatutoryCap(g, treatment)),
        ],
    };

    private static Rule Lambda(string name, string expression) => new()
    {
        RuleName = name,
        RuleExpressionType = RuleExpressionType.LambdaExpression,
        Expression = expression,
    };

    /// <summary>
    /// "Not recommended for these regions": every therapeutic course row of the treatment marked not recommended and
    /// keyed by body region alone (no condition group), each region with the regions it includes.
    /// </summary>
    private static string NotRecommendedRegions(CompiledGuideline g, string treatment)
    {
        var chronic = new List<string>();
        var anyPhase = new List<string>();
        foreach (var rule in g.Rules)
        {
            var row = rule.Row;
            if (row.Role != RuleRole.Course || !row.NotRecommended || row.CareType != CareType.Therapeutic ||
                row.ConditionGroup is not null || row.IsDefault || row.BodyRegions.Count == 0 || !row.Treatments.Contains(treatment) ||
                row.Phase is not (Phase.Chronic or Phase.Any))
            {
                continue;
            }
            var regions = row.Phase == Phase.Chronic ? chronic : anyPhase;
            foreach (var region in row.BodyRegions)
            {
                regions.Add(region);
                regions.AddRange(g.BodyRegions.TryGetValue(region, out var info) ? info.Includes : []);
            }
        }
        var terms = new List<string>();
        if (chronic.Count > 0)
        {
            terms.Add($"(input1.Phase == {(int)Phase.Chronic} && ({Contains(chronic)}))");
        }
        if (anyPhase.Count > 0)
        {
            terms.Add(Contains(anyPhase));
        }
        return terms.Count == 0 ? "true" : $"!({string.Join(" || ", terms)})";
    }

    private static string Contains(List<string> regions) =>
        string.Join(" || ", regions.Distinct(StringComparer.Ordinal).Select(r => $"input1.Regions.Contains(\"{r}\")"));

    /// <summary>Labor Code 4604.5: at most N visits per injury on or after the row's date, post-surgical visits exempt.</summary>
    private static string StatutoryCap(CompiledGuideline g, string treatment)
    {
        if (g.StatutoryCap(treatment) is not { Row.MaxVisits: { } max } cap)
        {
            return "true";
        }
        var since = cap.Row.InjuryOnOrAfter is { } date
            ? string.Create(CultureInfo.InvariantCulture, $" || input1.InjuryDate < DateTime({date.Year}, {date.Month}, {date.Day})")
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"input1.PostSurgicalExempt{since} || input1.CapPrior + input1.Requested <= {max}");
    }
}
