using System.Globalization;
using Grpc.Core;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Rationale;
using ImrGrpc.Server.Errors;
using ImrGrpc.Server.Observability;
using ImrGrpc.Contract.Mapping;
using ImrGrpc.Server.Snapshots;
using Proto = Imr.V1;

namespace ImrGrpc.Server.Services;

/// <summary>imr.v1.GuidelineDecisionService: stateless; every call reads the current compiled snapshot.</summary>
public sealed class GuidelineDecisionService(GuidelineSnapshots snapshots, ServerMetrics metrics, TimeProvider clock) : Proto.GuidelineDecisionService.GuidelineDecisionServiceBase
{
    private const string ItemIdsField = "item_ids[*]";

    public override Task<Proto.EvaluateRequestResponse> EvaluateRequest(Proto.EvaluateRequestRequest request, ServerCallContext context)
    {
        var decision = Decide(request, "");
        metrics.RecordDecisions(decision);
        // A caller whose deadline has passed gets no answer built for it.
        CallDeadline.ThrowIfOver(context);
        return Task.FromResult(ResponseMapper.ToResponse(decision));
    }

    public override Task<Proto.ExplainRationaleResponse> ExplainRationale(Proto.ExplainRationaleRequest request, ServerCallContext context)
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
        var decision = Decide(request.Request, "request.");
        metrics.RecordExplainItems(decision.Items.Count);
        var known = decision.Request.Items.Select(i => i.ItemId).ToHashSet(StringComparer.Ordinal);
        // A caller may send 100k ids: only the listed few get their own text, the rest are counted.
        var unknown = new Violations();
        for (var i = 0; i < request.ItemIds.Count; i++)
        {
            var id = request.ItemIds[i];
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
        CallDeadline.ThrowIfOver(context);
        var rationale = RationaleRenderer.Render(decision, format, request.ItemIds);
        return Task.FromResult(ResponseMapper.ToResponse(decision, rationale));
    }

    public override Task<Proto.ListGuidelineVersionsResponse> ListGuidelineVersions(Proto.ListGuidelineVersionsRequest request, ServerCallContext context)
    {
        var library = snapshots.Current;
        var asOf = AsOf(request.AsOfDate, "as_of_date");
        var response = new Proto.ListGuidelineVersionsResponse
        {
            InForceVersionId = library.SlotInForceOn(asOf)?.Version.Id ?? "",
            StoreRevision = library.Revision,
        };
        response.Versions.AddRange(library.Versions.Select(ResponseMapper.Version));
        return Task.FromResult(response);
    }

    public override Task<Proto.ListCatalogCodesResponse> ListCatalogCodes(Proto.ListCatalogCodesRequest request, ServerCallContext context)
    {
        var library = snapshots.Current;
        var asOf = AsOf(request.AsOfDate, "as_of_date");
        var guideline = library.Resolve(asOf, string.IsNullOrEmpty(request.GuidelineVersion) ? null : request.GuidelineVersion);
        return Task.FromResult(ResponseMapper.Catalog(guideline));
    }

    /// <summary>Validates and maps the request, picks its guideline version, checks its codes, and decides it.</summary>
    private CaseDecision Decide(Proto.EvaluateRequestRequest request, string prefix)
    {
        var problems = new List<FieldProblem>();
        var mapped = RequestMapper.Map(request, problems, prefix);
        if (mapped is null)
        {
            throw RpcErrors.InvalidArgument(problems);
        }
        CompiledGuideline guideline;
        try
        {
            guideline = snapshots.Current.Resolve(mapped.RequestDate, mapped.GuidelineVersion);
        }
        catch (GuidelineResolutionException) when (problems.Count > 0)
        {
            // Shape problems come first: the caller fixes those before the version question matters.
            throw RpcErrors.InvalidArgument(problems);
        }
        CaseValidator.ValidateCodes(guideline, mapped, problems, prefix);
        if (problems.Count > 0)
        {
            throw RpcErrors.InvalidArgument(problems);
        }
        return DecisionEngine.Evaluate(guideline, mapped);
    }

    private DateOnly AsOf(string text, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw RpcErrors.InvalidArgument(field, $"'{text}' is not a date in the form YYYY-MM-DD");
    }
}
