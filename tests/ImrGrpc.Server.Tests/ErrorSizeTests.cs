using System.Text;
using Google.Rpc;
using Grpc.Core;
using Imr.V1;

namespace ImrGrpc.Server.Tests;

/// <summary>
/// Every error stays a few KB whatever the request, so clients with default header limits (grpcio: 8 KB) see the
/// field violations instead of a transport error, and still learn every field that is wrong.
/// </summary>
public sealed class ErrorSizeTests(ImrServerFactory factory) : ServerTest(factory)
{
    /// <summary>Well under grpcio's 8 KB default, with room for the other headers of the response.</summary>
    private const int MaxErrorBytes = 5 * 1024;

    private static EvaluateRequestRequest Valid() => ExampleCases.Named("pt-initial-within-course").Request.Clone();

    private static EvaluateRequestRequest HundredItems(Func<int, string> treatment)
    {
        var request = Valid();
        var template = request.Items[0];
        request.Items.Clear();
        for (var i = 0; i < 100; i++)
        {
            var item = template.Clone();
            item.ItemId = $"item-{i}";
            item.Treatment = treatment(i);
            request.Items.Add(item);
        }
        return request;
    }

    /// <summary>What goes over the wire for the error: grpc-message plus grpc-status-details-bin (base64).</summary>
    private static int WireBytes(RpcException error)
    {
        var details = error.Trailers.Get("grpc-status-details-bin")?.ValueBytes.Length ?? 0;
        return Encoding.UTF8.GetByteCount(error.Status.Detail) + (details + 2) / 3 * 4;
    }

    private async Task<(RpcException Error, BadRequest BadRequest)> FailAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        return (error, badRequest);
    }

    [Fact]
    public async Task A_hundred_misspelled_treatments_give_a_small_error_that_still_names_every_item()
    {
        var request = HundredItems(i => $"physical_therapyy{i}");

        var (error, badRequest) = await FailAsync(() => Client.EvaluateRequestAsync(request).ResponseAsync);

        Assert.True(WireBytes(error) < MaxErrorBytes, $"{WireBytes(error)} bytes of error");
        Assert.StartsWith("100 invalid fields; first items[0].treatment", error.Status.Detail);
        var listed = badRequest.FieldViolations.Where(v => !v.Field.Contains('*', StringComparison.Ordinal)).ToList();
        Assert.Contains(listed, v => v.Field == "items[0].treatment" && v.Description.Contains("physical_therapyy0"));
        var rest = Assert.Single(badRequest.FieldViolations, v => v.Field == "items[*].treatment");
        Assert.StartsWith($"and {100 - listed.Count} more like this at [{listed.Count}..99]", rest.Description);
    }

    [Fact]
    public async Task A_megabyte_code_is_clipped_with_a_marker_saying_how_big_it_was()
    {
        var request = Valid();
        request.Items[0].Treatment = new string('x', 1_000_000);

        var (error, badRequest) = await FailAsync(() => Client.EvaluateRequestAsync(request).ResponseAsync);

        Assert.True(WireBytes(error) < MaxErrorBytes, $"{WireBytes(error)} bytes of error");
        var treatment = badRequest.FieldViolations.Where(v => v.Field == "items[0].treatment").ToList();
        Assert.NotEmpty(treatment);
        Assert.Contains(treatment, v => v.Description.Contains("(clipped, ", StringComparison.Ordinal) && v.Description.Contains(" bytes)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Explain_with_a_hundred_thousand_unknown_item_ids_gives_a_small_error_naming_them()
    {
        var explain = new ExplainRationaleRequest { Request = Valid() };
        for (var i = 0; i < 100_000; i++)
        {
            explain.ItemIds.Add($"n{i}");
        }

        var (error, badRequest) = await FailAsync(() => Client.ExplainRationaleAsync(explain).ResponseAsync);

        Assert.True(WireBytes(error) < MaxErrorBytes, $"{WireBytes(error)} bytes of error");
        Assert.StartsWith("100000 invalid fields; first item_ids[0]: no item 'n0'", error.Status.Detail);
        var rest = Assert.Single(badRequest.FieldViolations, v => v.Field == "item_ids[*]");
        Assert.StartsWith($"and {100_000 - (badRequest.FieldViolations.Count - 1)} more like this at [", rest.Description);
        Assert.Contains("..99999]", rest.Description);
    }

    [Fact]
    public async Task Many_kinds_of_bad_field_are_each_named_within_the_bound()
    {
        var request = HundredItems(i => $"bad-{i}");
        foreach (var item in request.Items)
        {
            item.Quantity = 0;
            item.FrequencyPerWeek = 99;
            item.DurationWeeks = 999;
            item.BodyRegions.Add("tail");
            item.CareType = (CareType)77;
        }

        var (error, badRequest) = await FailAsync(() => Client.EvaluateRequestAsync(request).ResponseAsync);

        Assert.True(WireBytes(error) < MaxErrorBytes, $"{WireBytes(error)} bytes of error");
        var fields = badRequest.FieldViolations.Select(v => v.Field).ToList();
        foreach (var pattern in new[] { "items[*].treatment", "items[*].quantity", "items[*].frequency_per_week", "items[*].duration_weeks", "items[*].care_type", "items[*].body_regions[*]" })
        {
            Assert.Contains(pattern, fields);
        }
    }
}
