using Microsoft.Extensions.DependencyInjection;
using Google.Protobuf;
using ImrGrpc.Contract.Mapping;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage;
using Imr.V1;

namespace ImrGrpc.Server.Tests;

/// <summary>
/// The fast EvaluateRequestResponse and ExplainRationaleResponse writers against the readable path it replaces on the wire: the message tree
/// ResponseMapper builds, serialized by Google.Protobuf. Byte for byte, for every example and reviewer case and for
/// requests that stress the encoding (100 items, text beyond ASCII, empty ids).
/// </summary>
public sealed class ResponseWriterTests
{
    private static readonly Lazy<GuidelineLibrary> Seed = new(() => new GuidelineLibrary(
        SeedData.Load().Versions.Select(v => GuidelineCompiler.Compile(new GuidelineBook(
            new VersionInfo { Id = v.Id, Label = v.Label, EffectiveFrom = v.EffectiveFrom, EffectiveTo = v.EffectiveTo,
                Status = Engine.Model.VersionStatus.Published, ContentHash = v.ContentHash, ParentId = v.ParentId },
            v.Catalog, v.Rules))), 1));

    private static readonly Dictionary<string, ResponseParts> Parts = new();

    public static TheoryData<string, string> Cases() => ExampleCases.DecidedRows();

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_writer_gives_the_bytes_protobuf_gives(string file, string name) =>
        AssertSameBytes(ExampleCases.Named(name, file).Request);

    [Fact]
    public void A_hundred_items_with_text_beyond_ascii_and_empty_ids_encode_the_same()
    {
        var request = ExampleCases.Named("pt-initial-within-course").Request.Clone();
        request.CaseId = "";
        request.Clinical.Diagnoses.Add(new Imr.V1.Diagnosis { Code = "M79.1", Description = "Myalgie – douleur ☂ 筋肉痛" });
        var template = request.Items[0];
        request.Items.Clear();
        for (var i = 0; i < 100; i++)
        {
            var item = template.Clone();
            item.ItemId = i == 0 ? "" : $"é-{i}";
            item.Description = $"Physiothérapie × {i % 7 + 1} — région lombaire";
            item.Quantity = i % 7 + 1;
            item.ClaimsAdministratorGuidelines.Add(i % 2 == 0 ? "ODG" : "MTUS Chronic Pain");
            request.Items.Add(item);
        }
        AssertSameBytes(request);
    }

    private static void AssertSameBytes(EvaluateRequestRequest request)
    {
        var problems = new List<FieldProblem>();
        var mapped = RequestMapper.Map(request, problems)!;
        var outcome = CaseDecider.Decide(Seed.Value, mapped);
        var decision = outcome.Decision!;
        ResponseParts parts;
        lock (Parts)
        {
            if (!Parts.TryGetValue(decision.Guideline.Version.Id, out parts!))
            {
                Parts[decision.Guideline.Version.Id] = parts = new ResponseParts(decision.Guideline);
            }
        }
        var expected = ResponseMapper.ToResponse(decision, parts).ToByteArray();
        var actual = EvaluateResponseWriter.Write(decision, parts);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
        foreach (var format in new[] { Engine.Rationale.RationaleFormat.Text, Engine.Rationale.RationaleFormat.Markdown })
        {
            var rationale = Engine.Rationale.RationaleRenderer.Render(decision, format);
            var tree = Convert.ToHexString(ResponseMapper.ToResponse(decision, rationale, parts).ToByteArray());
            Assert.Equal(tree, Convert.ToHexString(ExplainResponseWriter.Write(decision, rationale, parts)));
            // As the server answers: the letter encoded from the builder, never made a string.
            var served = ExplainResponseWriter.Prepare(decision, Engine.Rationale.RationaleRenderer.RenderEncoded(decision, format), parts);
            Assert.Equal(tree, Convert.ToHexString(served.ToArray()));
        }
    }

    [Fact]
    public void A_prepared_explain_response_is_written_once_and_then_refuses()
    {
        var mapped = RequestMapper.Map(ExampleCases.Named("pt-initial-within-course").Request, new List<FieldProblem>())!;
        var decision = CaseDecider.Decide(Seed.Value, mapped).Decision!;
        var prepared = ExplainResponseWriter.Prepare(decision,
            Engine.Rationale.RationaleRenderer.RenderEncoded(decision, Engine.Rationale.RationaleFormat.Text), new ResponseParts(decision.Guideline));
        var first = prepared.ToArray();
        Assert.NotEmpty(first);
        // The letter's pooled array went back after the first write: a second must not read whatever fills it now.
        Assert.Throws<ObjectDisposedException>(() => prepared.ToArray());
    }
}

/// <summary>The host serves EvaluateRequest and ExplainRationale through the prepared path, not the generated
/// message-tree overrides.</summary>
public sealed class PreparedBindingTests(ImrServerFactory factory) : ServerTest(factory)
{
    [Theory]
    [InlineData("EvaluateRequest", nameof(Services.GuidelineDecisionService.EvaluateRequestPrepared))]
    [InlineData("ExplainRationale", nameof(Services.GuidelineDecisionService.ExplainRationalePrepared))]
    public void The_rpc_is_bound_to_its_prepared_response_method(string rpc, string method)
    {
        var endpoints = Factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints;
        var endpoint = endpoints.Single(e => e.Metadata.GetMetadata<Grpc.AspNetCore.Server.GrpcMethodMetadata>()?.Method.Name == rpc);
        Assert.Equal(rpc, endpoint.Metadata.GetMetadata<Hosting.PreparedResponseAttribute>()?.Rpc);
        Assert.Equal(typeof(Services.GuidelineDecisionService).GetMethod(method)!.GetCustomAttributes(false).OfType<Hosting.PreparedResponseAttribute>().Single().Rpc, rpc);
    }
}
