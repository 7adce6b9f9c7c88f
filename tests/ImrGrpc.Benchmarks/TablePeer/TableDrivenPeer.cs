using System.Collections.Frozen;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Model;
using RulesEngine.Models;

namespace ImrGrpc.Benchmarks.TablePeer;

/// <summary>One criterion's status as the peer decided it (the rule name prefix and its SuccessEvent / "otherwise").</summary>
public readonly record struct TableCriterion(string Criterion, string Status);

/// <summary>The peer's decision on one item: the governing row and every criterion it reports, in order.</summary>
public sealed record TableItemDecision(string ItemId, string? GoverningRowId, TableCriterion[] Criteria);

/// <summary>An item's inputs built ahead of time, for measuring the RulesEngine executions alone.</summary>
public sealed record PreparedItem(string Treatment, RuleParameter[] Selection, RuleParameter[] Criteria, string?[] Groups, string ItemId);

/// <summary>
/// The session-limit decision done the way a team adopting Microsoft RulesEngine would: the guideline table of the
/// version in force generated into workflows (<see cref="TableWorkflows"/>), loaded from their JSON. Per item it
/// (1) builds the inputs (<see cref="TableInputBuilder"/>), (2) executes the selection workflow, whose successful
/// rules are the rows that apply, (3) picks the governing row among them in C# with the engine's precedence
/// (<see cref="Precedence"/>), (4) counts prior sessions for that row and (5) executes the row's criteria workflow.
/// It computes no decision id, findings, citations or determination.
/// </summary>
public sealed class TableDrivenPeer
{
    private static readonly TableCriterion[] NoRow = [new("recommended", "Unknown"), new("post_surgical_period", "NotApplicable")];

    private readonly RulesEngine.RulesEngine _rules;
    private readonly TableRuleSet _set;
    private readonly TableInputBuilder _builder;
    private readonly TableMutation _mutation;

    public TableDrivenPeer(GuidelineBook book, TableLayout layout, TableMutation mutation = TableMutation.None)
    {
        Book = book;
        Layout = layout;
        _mutation = mutation;
        _set = TableWorkflows.Build(book, layout, mutation);
        _builder = new TableInputBuilder(book, mutation);
        WorkflowsJson = _set.Workflows.Select(TableWorkflows.ToJson).ToArray();
        // Loaded from JSON, as a RulesEngine deployment loads its rule files; default settings. Each workflow is
        // compiled on its first execution, so callers warm the peer (the parity check does) before measuring.
        _rules = new RulesEngine.RulesEngine(WorkflowsJson, new ReSettings());
    }

    public GuidelineBook Book { get; }
    public TableLayout Layout { get; }
    public string[] WorkflowsJson { get; }
    public int SelectionRules => _set.Workflows.Where(w => w.WorkflowName.StartsWith("select", StringComparison.Ordinal)).Sum(w => w.Rules.Count());
    public int CriteriaWorkflows => _set.Criteria.Count;

    /// <summary>Decides every item of a request, from the request alone.</summary>
    public TableItemDecision[] Decide(CaseRequest request)
    {
        var facts = _builder.Request(request, out var activeItems);
        var items = request.Items;
        var decisions = new TableItemDecision[items.Count];
        var requestParameter = new RuleParameter(TableWorkflows.Request, facts);
        for (var i = 0; i < decisions.Length; i++)
        {
            var item = items[i];
            var itemFacts = _builder.Item(request, item, activeItems);
            var itemParameter = new RuleParameter(TableWorkflows.Item, itemFacts);
            var governing = Select(item.Treatment, [requestParameter, itemParameter], facts.Groups);
            if (governing is null)
            {
                decisions[i] = new TableItemDecision(item.ItemId, null, NoRow);
                continue;
            }
            var course = governing.Row.NotRecommended ? CourseFacts.None : _builder.Course(request, item, itemFacts, governing);
            var criteria = Criteria(governing, item.Treatment, [requestParameter, itemParameter, new RuleParameter(TableWorkflows.Course, course)]);
            decisions[i] = new TableItemDecision(item.ItemId, governing.Id, criteria);
        }
        return decisions;
    }

    /// <summary>Builds every input of a request ahead of time (the criteria input for the row the peer governs with).</summary>
    public PreparedItem[] Prepare(CaseRequest request)
    {
        var facts = _builder.Request(request, out var activeItems);
        var requestParameter = new RuleParameter(TableWorkflows.Request, facts);
        return request.Items.Select(item =>
        {
            var itemFacts = _builder.Item(request, item, activeItems);
            var itemParameter = new RuleParameter(TableWorkflows.Item, itemFacts);
            var governing = Select(item.Treatment, [requestParameter, itemParameter], facts.Groups);
            var course = governing is null || governing.Row.NotRecommended ? CourseFacts.None : _builder.Course(request, item, itemFacts, governing);
            return new PreparedItem(item.Treatment, [requestParameter, itemParameter], [requestParameter, itemParameter, new RuleParameter(TableWorkflows.Course, course)],
                facts.Groups, item.ItemId);
        }).ToArray();
    }

    /// <summary>The two RulesEngine executions and the precedence step, on inputs built ahead of time.</summary>
    public TableItemDecision Execute(PreparedItem prepared)
    {
        var governing = Select(prepared.Treatment, prepared.Selection, prepared.Groups);
        return governing is null
            ? new TableItemDecision(prepared.ItemId, null, NoRow)
            : new TableItemDecision(prepared.ItemId, governing.Id, Criteria(governing, prepared.Treatment, prepared.Criteria));
    }

    private TableRow? Select(string treatment, RuleParameter[] input, string?[] groups)
    {
        if (!_set.SelectionWorkflow.TryGetValue(treatment, out var workflow))
        {
            return null;
        }
        var results = _rules.ExecuteAllRulesAsync(workflow, input).GetAwaiter().GetResult();
        return Precedence.Govern(results, _set.Rows, groups, _mutation == TableMutation.DefaultBeforeSpecific);
    }

    private TableCriterion[] Criteria(TableRow governing, string treatment, RuleParameter[] input)
    {
        var workflow = governing.CriteriaWorkflow[treatment];
        var layout = _set.Criteria[workflow];
        List<RuleResultTree>? results = null;
        if (layout.Rules > 0)
        {
            results = _rules.ExecuteAllRulesAsync(workflow, input).GetAwaiter().GetResult();
            foreach (var result in results)
            {
                if (!string.IsNullOrEmpty(result.ExceptionMessage))
                {
                    throw new InvalidOperationException($"{workflow}: rule '{result.Rule.RuleName}' failed to run: {result.ExceptionMessage}");
                }
            }
        }
        var criteria = new TableCriterion[layout.Criterion.Length];
        var count = 0;
        for (var k = 0; k < criteria.Length; k++)
        {
            var status = layout.Fixed[k];
            if (status is null)
            {
                status = layout.Otherwise[k];
                for (int i = layout.First[k], end = i + layout.Count[k]; i < end; i++)
                {
                    if (results![i].IsSuccess)
                    {
                        status = layout.OnTrue[i];
                        break;
                    }
                }
            }
            if (status != TableWorkflows.NotReported)
            {
                criteria[count++] = new TableCriterion(layout.Criterion[k], status);
            }
        }
        return count == criteria.Length ? criteria : criteria[..count];
    }

    /// <summary>
    /// The governing row among the rows whose selection rule succeeded, with the engine's precedence (RowSelector
    /// and ItemEvaluator): a post-surgical row of the procedure first (MTUS before others); else, MTUS rows before
    /// non-MTUS rows, and within a tier a not-recommended row for any diagnosis, then a not-recommended row for the
    /// earliest diagnosis's condition group, then a row for the earliest diagnosis's group, then a row for every
    /// diagnosis, then the default row; among equals a region-specific row beats one for any region and table
    /// (row-id) order breaks ties. Done in C# because it ranks the matches against each other.
    /// </summary>
    public static class Precedence
    {
        public static TableRow? Govern(List<RuleResultTree> results, FrozenDictionary<string, TableRow> rows, string?[] groups, bool defaultFirst)
        {
            TableRow? postMtus = null, postAny = null;
            var mtus = new Tier();
            var other = new Tier();
            for (var i = 0; i < results.Count; i++)
            {
                var result = results[i];
                if (!result.IsSuccess)
                {
                    continue;
                }
                var row = rows[result.Rule.RuleName];
                if (row.Post)
                {
                    postAny ??= row;
                    if (row.Row.Source == SourceKind.Mtus)
                    {
                        postMtus ??= row;
                    }
                    continue;
                }
                if (row.Row.Source == SourceKind.NonMtus)
                {
                    other.Offer(row, groups);
                }
                else
                {
                    mtus.Offer(row, groups);
                }
            }
            return postMtus ?? postAny ?? mtus.Best(defaultFirst) ?? other.Best(defaultFirst);
        }

        private struct Tier
        {
            private TableRow? _specific, _notRecommendedSpecific, _general, _notRecommendedGeneral, _fallback;
            private int _specificDx, _notRecommendedDx;

            public void Offer(TableRow row, string?[] groups)
            {
                var r = row.Row;
                var dx = r.ConditionGroup is { } group ? Array.IndexOf(groups, group) : -1;
                if (dx >= 0)
                {
                    if (r.NotRecommended)
                    {
                        Prefer(ref _notRecommendedSpecific, ref _notRecommendedDx, row, dx);
                    }
                    else
                    {
                        Prefer(ref _specific, ref _specificDx, row, dx);
                    }
                }
                else if (r.IsDefault)
                {
                    var none = int.MaxValue;
                    Prefer(ref _fallback, ref none, row, int.MaxValue);
                }
                else if (r.ConditionGroup is null)
                {
                    var none = int.MaxValue;
                    if (r.NotRecommended)
                    {
                        Prefer(ref _notRecommendedGeneral, ref none, row, int.MaxValue);
                    }
                    else
                    {
                        Prefer(ref _general, ref none, row, int.MaxValue);
                    }
                }
            }

            public readonly TableRow? Best(bool defaultFirst) =>
                defaultFirst
                    ? _fallback ?? _notRecommendedGeneral ?? _notRecommendedSpecific ?? _specific ?? _general
                    : _notRecommendedGeneral ?? _notRecommendedSpecific ?? _specific ?? _general ?? _fallback;

            private static void Prefer(ref TableRow? best, ref int bestDx, TableRow candidate, int dx)
            {
                if (best is null || dx < bestDx || (dx == bestDx && candidate.Row.BodyRegions.Count > 0 && best.Row.BodyRegions.Count == 0))
                {
                    best = candidate;
                    bestDx = dx;
                }
            }
        }
    }
}
