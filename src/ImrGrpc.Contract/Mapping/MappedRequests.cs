using System.Buffers;
using Grpc.Core;
using ImrGrpc.Engine.Cases;
using Proto = Imr.V1;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// A request as a served method takes it: read from the wire and mapped to the engine's types inside the transport's
/// deserializer, so the message objects it was read into can be reused for the next call (<see cref="RequestReader"/>).
/// </summary>
public interface IServedRequest<TSelf, TMessage> where TSelf : class, IServedRequest<TSelf, TMessage>
{
    /// <summary>
    /// Reads the call's payload; <paramref name="parse"/> is the generated parser (with the host's handling of bodies
    /// that are not a message), for the bytes the reader declines.
    /// </summary>
    static abstract TSelf Read(DeserializationContext context, Func<DeserializationContext, TMessage> parse);
}

/// <summary>An EvaluateRequestRequest mapped with <see cref="RequestMapper"/>: the engine's request and every shape problem.</summary>
public sealed class MappedEvaluateRequest : IServedRequest<MappedEvaluateRequest, Proto.EvaluateRequestRequest>
{
    private MappedEvaluateRequest(string caseId, CaseRequest? request, List<FieldProblem> problems, string prefix)
    {
        CaseId = caseId;
        Request = request;
        Problems = problems;
        Prefix = prefix;
    }

    /// <summary>The case id as the caller sent it (for the call's log line, even when the request is refused).</summary>
    public string CaseId { get; }

    /// <summary>The mapped request; null when its dates are unusable.</summary>
    public CaseRequest? Request { get; }

    /// <summary>Shape problems found while mapping, in field order; the decision's own problems are added after them.</summary>
    public List<FieldProblem> Problems { get; }

    /// <summary>The request's field path in the call ("request." inside ExplainRationale).</summary>
    public string Prefix { get; }

    public static MappedEvaluateRequest Map(Proto.EvaluateRequestRequest message, string prefix = "")
    {
        var problems = new List<FieldProblem>();
        var request = RequestMapper.Map(message, problems, prefix);
        return new MappedEvaluateRequest(message.CaseId, request, problems, prefix);
    }

    public static MappedEvaluateRequest Read(DeserializationContext context, Func<DeserializationContext, Proto.EvaluateRequestRequest> parse) =>
        RequestReader.Serve(context, parse, static (RequestReader r, ReadOnlySequence<byte> payload, out Proto.EvaluateRequestRequest m) =>
            r.TryReadEvaluate(payload, out m), static m => Map(m));
}

/// <summary>An ExplainRationaleRequest with its request mapped (<see cref="MappedEvaluateRequest"/>).</summary>
public sealed class MappedExplainRequest : IServedRequest<MappedExplainRequest, Proto.ExplainRationaleRequest>
{
    private MappedExplainRequest(MappedEvaluateRequest? request, Proto.RationaleFormat format, IReadOnlyList<string> itemIds)
    {
        Request = request;
        Format = format;
        ItemIds = itemIds;
    }

    /// <summary>The request to explain, mapped under "request."; null when the caller sent none.</summary>
    public MappedEvaluateRequest? Request { get; }

    public Proto.RationaleFormat Format { get; }

    /// <summary>The items to explain; empty means every item.</summary>
    public IReadOnlyList<string> ItemIds { get; }

    public static MappedExplainRequest Map(Proto.ExplainRationaleRequest message) => new(
        message.Request is null ? null : MappedEvaluateRequest.Map(message.Request, "request."),
        message.Format,
        message.ItemIds.Count == 0 ? [] : message.ItemIds.ToArray());

    public static MappedExplainRequest Read(DeserializationContext context, Func<DeserializationContext, Proto.ExplainRationaleRequest> parse) =>
        RequestReader.Serve(context, parse, static (RequestReader r, ReadOnlySequence<byte> payload, out Proto.ExplainRationaleRequest m) =>
            r.TryReadExplain(payload, out m), static m => Map(m));
}
