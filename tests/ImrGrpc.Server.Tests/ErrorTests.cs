using Google.Rpc;
using Grpc.Core;
using Imr.V1;

namespace ImrGrpc.Server.Tests;

/// <summary>Bad input gets INVALID_ARGUMENT naming every offending field; nothing ever comes back UNKNOWN.</summary>
public sealed class ErrorTests(ImrServerFactory factory) : ServerTest(factory)
{
    private static EvaluateRequestRequest Valid() => ExampleCases.Named("pt-initial-within-course").Request.Clone();

    private async Task<(RpcException Error, BadRequest? BadRequest)> FailAsync(EvaluateRequestRequest request)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.EvaluateRequestAsync(request).ResponseAsync);
        return (ex, ex.GetRpcStatus()?.GetDetail<BadRequest>());
    }

    [Fact]
    public async Task Every_bad_field_is_named_not_just_the_first()
    {
        var request = Valid();
        request.InjuryDate = "2012-02-30";
        request.Items[0].Quantity = 0;
        request.Items.Add(new RequestedItem { ItemId = request.Items[0].ItemId, Treatment = "physical_therapy", Quantity = 400 });
        request.Clinical.Diagnoses.Add(new Diagnosis { Code = "not-a-code" });
        request.ReviewType = (ReviewType)42;

        var (error, badRequest) = await FailAsync(request);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.NotNull(badRequest);
        var fields = badRequest.FieldViolations.Select(v => v.Field).ToList();
        Assert.Contains("injury_date", fields);
        Assert.Contains("items[0].quantity", fields);
        Assert.Contains("items[1].item_id", fields);
        Assert.Contains("items[1].quantity", fields);
        Assert.Contains("clinical.diagnoses[1].code", fields);
        Assert.Contains("review_type", fields);
        Assert.All(badRequest.FieldViolations, v => Assert.False(string.IsNullOrWhiteSpace(v.Description)));
    }

    [Fact]
    public async Task Unknown_treatment_names_the_field_and_where_valid_codes_are_listed()
    {
        var request = Valid();
        request.Items[0].Treatment = "reiki";
        request.Items[0].BodyRegions.Add("tail");

        var (error, badRequest) = await FailAsync(request);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var treatment = Assert.Single(badRequest!.FieldViolations, v => v.Field == "items[0].treatment");
        Assert.Contains("reiki", treatment.Description);
        Assert.Contains("ListCatalogCodes", treatment.Description);
        Assert.Contains(badRequest.FieldViolations, v => v.Field.StartsWith("items[0].body_regions[", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dates_out_of_order_are_refused()
    {
        var request = Valid();
        request.InjuryDate = "2013-01-01";
        var (error, badRequest) = await FailAsync(request);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(badRequest!.FieldViolations, v => v.Field == "injury_date" && v.Description.Contains("after the request date"));
    }

    [Fact]
    public async Task Post_surgical_request_without_surgery_is_refused()
    {
        var request = Valid();
        request.Clinical.Phase = ClinicalPhase.PostSurgical;
        var (_, badRequest) = await FailAsync(request);
        Assert.Contains(badRequest!.FieldViolations, v => v.Field == "clinical.surgery");
    }

    [Fact]
    public async Task Missing_request_date_is_invalid_not_a_precondition()
    {
        var request = Valid();
        request.RequestDate = "";
        var (error, badRequest) = await FailAsync(request);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(badRequest!.FieldViolations, v => v.Field == "request_date");
    }

    [Fact]
    public async Task No_version_in_force_is_a_failed_precondition_naming_the_date()
    {
        var request = Valid();
        request.RequestDate = "2001-03-04";
        request.InjuryDate = "2001-01-01";
        var (error, _) = await FailAsync(request);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("2001-03-04", error.Status.Detail);
        Assert.Equal("NO_VERSION_IN_FORCE", error.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
    }

    [Fact]
    public async Task Unknown_pinned_version_is_not_found()
    {
        var request = Valid();
        request.GuidelineVersion = "mtus-1999";
        var (error, _) = await FailAsync(request);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("mtus-1999", error.Status.Detail);
    }

    [Fact]
    public async Task Explain_without_a_request_names_the_field()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.ExplainRationaleAsync(new ExplainRationaleRequest()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "request");
    }

    [Fact]
    public async Task Explain_prefixes_field_paths_with_request()
    {
        var request = Valid();
        request.Items[0].Quantity = -1;
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.ExplainRationaleAsync(new ExplainRationaleRequest { Request = request }).ResponseAsync);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "request.items[0].quantity");
    }

    [Fact]
    public async Task Explain_with_an_unknown_item_id_is_refused()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ExplainRationaleAsync(new ExplainRationaleRequest { Request = Valid(), ItemIds = { "nope" } }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "item_ids[0]");
    }
}
