using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Imr.V1;

namespace ImrGrpc.Server.Tests;

/// <summary>A body protobuf cannot parse is blamed on the deepest field the bytes show to be wrong, not on "request".</summary>
public sealed class WireProblemTests(ImrServerFactory factory) : ServerTest(factory)
{
    private static readonly Marshaller<byte[]> Raw = new(b => b, b => b);

    private static EvaluateRequestRequest Valid() => ExampleCases.Named("pt-initial-within-course").Request.Clone();

    /// <summary>The valid request's bytes with the UTF-8 of <paramref name="marker"/> replaced by invalid UTF-8 of the same length.</summary>
    private static byte[] Corrupt(IMessage request, string marker)
    {
        var bytes = request.ToByteArray();
        var needle = System.Text.Encoding.UTF8.GetBytes(marker);
        var at = bytes.AsSpan().IndexOf(needle);
        Assert.True(at >= 0);
        bytes[at + 1] = 0xC3;
        bytes[at + 2] = 0x28;
        return bytes;
    }

    private async Task<BadRequest.Types.FieldViolation> ViolationAsync(string method, byte[] body)
    {
        var call = new Method<byte[], byte[]>(MethodType.Unary, "imr.v1.GuidelineDecisionService", method, Raw, Raw);
        var error = await Assert.ThrowsAsync<RpcException>(() => Channel.CreateCallInvoker().AsyncUnaryCall(call, null, new CallOptions(), body).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        return Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_nested_string_names_that_field()
    {
        var request = Valid();
        request.Items.Add(new RequestedItem { ItemId = "2", Treatment = "massage", Quantity = 1, Description = "MARKER-DESCRIPTION" });

        var violation = await ViolationAsync("EvaluateRequest", Corrupt(request, "MARKER-DESCRIPTION"));

        Assert.Equal("items[1].description", violation.Field);
        Assert.Contains("not valid UTF-8", violation.Description);
    }

    [Fact]
    public async Task Inside_explain_the_path_starts_with_request()
    {
        var request = Valid();
        request.Clinical.Diagnoses.Add(new Diagnosis { Code = "M54.5", Description = "MARKER-DIAGNOSIS" });
        var explain = new ExplainRationaleRequest { Request = request };

        var violation = await ViolationAsync("ExplainRationale", Corrupt(explain, "MARKER-DIAGNOSIS"));

        Assert.Equal($"request.clinical.diagnoses[{request.Clinical.Diagnoses.Count - 1}].description", violation.Field);
    }

    [Fact]
    public async Task A_length_running_past_its_message_names_the_field_it_belongs_to()
    {
        var bytes = Valid().ToByteArray();
        // Cut inside the last field: its declared length now runs past the end of the body.
        var violation = await ViolationAsync("EvaluateRequest", bytes[..^3]);

        Assert.NotEqual("request", violation.Field);
        Assert.Matches(@"^items\[0\]", violation.Field);
    }

    [Fact]
    public async Task An_invalid_wire_type_names_where_it_is()
    {
        // The varint tag of field 99 with wire type 7, which protobuf does not define.
        var bytes = Valid().ToByteArray().Concat(new byte[] { 0x9F, 0x06 }).ToArray();

        var violation = await ViolationAsync("EvaluateRequest", bytes);

        Assert.Equal("<unknown field 99>", violation.Field);
        Assert.Contains("wire type 7", violation.Description);
    }
}
