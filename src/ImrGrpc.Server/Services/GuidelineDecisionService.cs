using Grpc.Core;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Model;
using ImrGrpc.Engine.Rationale;
using ImrGrpc.Server.Errors;
using ImrGrpc.Server.Hosting;
using ImrGrpc.Server.Observability;
using ImrGrpc.Contract.Mapping;
using ImrGrpc.Server.Snapshots;
using Proto = Imr.V1;

namespace ImrGrpc.Server.Services;

/// <summary>imr.v1.GuidelineDecisionService: stateless; every call reads the current compiled snapshot.</summary>
public sealed class GuidelineDecisionService(GuidelineSnapshots snapshots, ServerMetrics metrics, TimeProvider clock, CallDeadlines deadlines)
    : Proto.GuidelineDecisionService.GuidelineDecisionServiceBase
{
    private const string ItemIdsField = "item_ids[*]";

    // EvaluateRequest and ExplainRationale have no override of the generated methods: the host binds both RPCs to
    // their prepared methods below (PreparedResponseAttribute), whose bytes equal the message tree ResponseMapper builds
    // (ResponseWriterTests, ResponseBytesTests).

    /// <summary>
    /// EvaluateRequest as served: the request read and mapped by the transport's deserializer (RequestReader explains
    /// why) and the message tree's bytes, encoded straight into the transport's buffer (EvaluateResponseWriter
    /// explains why, docs/PERFORMANCE.md what each bought).
    /// </summary>
    [PreparedResponse(nameof(EvaluateRequest))]
    public Task<PreparedEvaluateResponse> EvaluateRequestPrepared(MappedEvaluateRequest request, ServerCallContext context)
    {
        var (decision, parts) = Evaluate(request, context);
        return Task.FromResult(EvaluateResponseWriter.Prepare(decision, parts));
    }

    private (CaseDecision Decision, ResponseParts Parts) Evaluate(MappedEvaluateRequest request, ServerCallContext context)
    {
        var served = snapshots.Served;
        var decision = Decide(served.Library, request);
        metrics.RecordDecisions(decision);
        // A caller whose deadline has passed gets no answer built for it.
        deadlines.ThrowIfOver(context);
        return (decision, served.PartsFor(decision.Guideline));
    }

    /// <summary>
    /// ExplainRationale as served: read and mapped by the transport's deserializer, answered with the same bytes as the
    /// message tree, encoded straight into the transport's buffer (ExplainResponseWriter explains why).
    /// </summary>
    [PreparedResponse(nameof(ExplainRationale))]
    public Task<PreparedExplainResponse> ExplainRationalePrepared(MappedExplainRequest request, ServerCallContext context)
    {
        var (decision, rationale, parts) = Explain(request, context);
        return Task.FromResult(ExplainResponseWriter.Prepare(decision, rationale, parts));
    }

    private (CaseDecision Decision, EncodedRationale Rationale, ResponseParts Parts) Explain(MappedExplainRequest request, ServerCallContext context)
    {
        if (request.Request is null)
        {
            throw RpcErrors.InvalidArgument("request", "is required: the EvaluateRequestRequest to explain");
        }
        var format = request.Format switch
        {
            Proto.RationaleFormat.Unspecified or Proto.RationaleFormat.Text => RationaleFormat.Text,
            Proto.RationaleFormat.Markdown => RationaleFormat.Markdown,
            _ => throw RpcErrors.InvalidArgument("format", $"{(int)request.Format} is not a known RationaleFormat"),
        };
        var served = snapshots.Served;
        var decision = Decide(served.Library, request.Request);
        metrics.RecordExplainItems(decision.Items.Count);
        if (request.ItemIds.Count > 0)
        {
            CheckItemIds(request.ItemIds, decision);
        }
        deadlines.ThrowIfOver(context);
        var rationale = RationaleRenderer.RenderEncoded(decision, format, request.ItemIds);
        return (decision, rationale, served.PartsFor(decision.Guideline));
    }

    /// <summary>Every id the caller asked to explain is an item of the request; a caller may send 100k ids, so only the
    /// first few unknown ones get their own text and the rest are counted.</summary>
    private static void CheckItemIds(IReadOnlyList<string> itemIds, CaseDecision decision)
    {
        var known = decision.Request.Items.Select(i => i.ItemId).ToHashSet(StringComparer.Ordinal);
        var unknown = new Violations();
        for (var i = 0; i < itemIds.Count; i++)
        {
            var id = itemIds[i];
            if (known.Contains(id))
            {
                continue;
            }
            if (unknown.Listing)
            {
                unknown.Add(new FieldProblem($"item_ids[{i}]", $"no item '{Clipping.Clip(id, 40)}' in the request"));
            }
            else
            {
                unknown.AddUnlisted(ItemIdsField, i, "no such item in the request");
            }
        }
        if (unknown.Count > 0)
        {
            throw RpcErrors.InvalidArgument(unknown);
        }
    }

    public override Task<Proto.ListGuidelineVersionsResponse> ListGuidelineVersions(Proto.ListGuidelineVersionsRequest request, ServerCallContext context)
    {
        var served = snapshots.Served;
        var library = served.Library;
        var asOf = AsOf(request.AsOfDate, "as_of_date");
        var response = new Proto.ListGuidelineVersionsResponse
        {
            InForceVersionId = library.SlotInForceOn(asOf)?.Version.Id ?? "",
            StoreRevision = library.Revision,
        };
        response.Versions.AddRange(library.Versions.Select(v => served.PartsFor(v).Version));
        return Task.FromResult(response);
    }

    public override Task<Proto.ListCatalogCodesResponse> ListCatalogCodes(Proto.ListCatalogCodesRequest request, ServerCallContext context)
    {
        var served = snapshots.Served;
        var asOf = AsOf(request.AsOfDate, "as_of_date");
        var guideline = served.Library.Resolve(asOf, string.IsNullOrEmpty(request.GuidelineVersion) ? null : request.GuidelineVersion);
        return Task.FromResult(ResponseMapper.Catalog(served.PartsFor(guideline)));
    }

    /// <summary>
    /// Decides the mapped request (every shape problem was found at once) the one way every caller does
    /// (<see cref="CaseDecider"/>); the engine's problems are spelled as this contract's field paths.
    /// </summary>
    private static CaseDecision Decide(GuidelineLibrary library, MappedEvaluateRequest request)
    {
        var problems = request.Problems;
        if (request.Request is not { } mapped)
        {
            throw RpcErrors.InvalidArgument(problems);
        }
        var outcome = CaseDecider.Decide(library, mapped);
        switch (outcome.Kind)
        {
            case CaseOutcomeKind.Decided when problems.Count == 0:
                return outcome.Decision!;
            case CaseOutcomeKind.NoVersionInForce or CaseOutcomeKind.VersionNotFound when problems.Count == 0:
                throw RpcErrors.Unresolved(outcome.Kind, mapped.RequestDate, mapped.GuidelineVersion);
            default:
                // Shape problems come first: the caller fixes those before the version question matters.
                CaseProblemWords.AddTo(problems, outcome.Problems, request.Prefix);
                throw RpcErrors.InvalidArgument(problems);
        }
    }

    private DateOnly AsOf(string text, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        }
        return IsoDate.TryParse(text, out var date)
            ? date
            : throw RpcErrors.InvalidArgument(field, $"'{text}' is not a date in the form YYYY-MM-DD");
    }
}
