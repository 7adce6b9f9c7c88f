using System.Text.Json;
using Grpc.Core;
using Imr.V1;

namespace ImrGrpc.Server.Tests;

/// <summary>Every shared example case, through the real gRPC server, matches the outcome the MTUS rules give.</summary>
public sealed class ExampleCaseTests(ImrServerFactory factory) : ServerTest(factory)
{
    public static TheoryData<string> Cases => ExampleCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Example_case_gets_the_expected_outcome(string name)
    {
        var example = ExampleCases.Named(name);
        await ExpectationChecker.CheckAsync(Client, example);
    }

    [Fact]
    public async Task Seed_determination_is_upheld_for_both_items_with_the_letters_pages()
    {
        var request = ExampleCases.Named("seed-physical-therapy").Request.Clone();
        request.Items.Add(ExampleCases.Named("seed-massage").Request.Items[0]);

        var response = await Client.EvaluateRequestAsync(request);

        Assert.Equal(2, response.Decisions.Count);
        Assert.All(response.Decisions, d =>
        {
            Assert.Equal(Determination.NotMedicallyNecessary, d.Determination);
            Assert.Equal(ImrOutcome.Upheld, d.ImrOutcome);
            Assert.True(d.RequiresPhysicianReview);
        });
        var pt = response.Decisions.Single(d => d.ItemId == "1");
        var massage = response.Decisions.Single(d => d.ItemId == "2");
        Assert.Superset(new HashSet<string> { "8", "99" }, pt.Citations.SelectMany(c => c.Pages).ToHashSet());
        Assert.Superset(new HashSet<string> { "60", "98" }, massage.Citations.SelectMany(c => c.Pages).ToHashSet());
        var course = pt.Criteria.Single(c => c.Criterion_ == "recommended_course");
        Assert.Equal("22 prior + 6 requested = 28 > 10 (9-10 visits over 8 weeks)", course.Detail);
        Assert.Equal("mtus-2009", response.GuidelineVersion.Id);
    }
}

/// <summary>The reviewer-written cases (tests/data/reviewer-cases.json), one or more per rule family, end to end.</summary>
public sealed class ReviewerCaseTests(ImrServerFactory factory) : ServerTest(factory)
{
    private const string File = "reviewer-cases.json";

    public static TheoryData<string> Cases => ExampleCases.Names(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Reviewer_case_gets_the_expected_outcome(string name) =>
        await ExpectationChecker.CheckAsync(Client, ExampleCases.Named(name, File));

    [Fact]
    public async Task Every_reviewer_case_explains_without_raw_codes_and_with_a_conclusion()
    {
        foreach (var example in ExampleCases.Load(File))
        {
            var response = await Client.ExplainRationaleAsync(new ExplainRationaleRequest { Request = example.Request });
            foreach (var item in response.Items)
            {
                Assert.Contains("Therefore, the request for", item.Rationale);
                Assert.DoesNotMatch("[a-z]+_[a-z_]+", item.Rationale.Replace(example.Request.Items.Single(i => i.ItemId == item.ItemId).Description, ""));
            }
        }
    }
}

/// <summary>Checks a response against an example's "expect" block.</summary>
public static class ExpectationChecker
{
    public static async Task CheckAsync(GuidelineDecisionService.GuidelineDecisionServiceClient client, ExampleCase example)
    {
        var expect = example.Expect;
        if (expect.TryGetProperty("error", out var error))
        {
            var ex = await Assert.ThrowsAsync<RpcException>(() => client.EvaluateRequestAsync(example.Request).ResponseAsync);
            Assert.Equal(Enum.Parse<StatusCode>(error.GetString()!.Replace("_", ""), ignoreCase: true), ex.StatusCode);
            Assert.Contains(example.Request.RequestDate, ex.Status.Detail);
            return;
        }

        var response = await client.EvaluateRequestAsync(example.Request);
        foreach (var itemExpect in expect.EnumerateObject())
        {
            var decision = response.Decisions.SingleOrDefault(d => d.ItemId == itemExpect.Name);
            Assert.True(decision is not null, $"{example.Name}: no decision for item {itemExpect.Name}");
            var e = itemExpect.Value;
            if (e.TryGetProperty("determination", out var determination))
            {
                Assert.True(Name(decision.Determination, "DETERMINATION") == determination.GetString(),
                    $"{example.Name}: expected {determination.GetString()}, got {decision.Determination}: {decision.Summary}");
            }
            if (e.TryGetProperty("imrOutcome", out var outcome))
            {
                Assert.Equal(outcome.GetString(), Name(decision.ImrOutcome, "IMR_OUTCOME"));
            }
            if (e.TryGetProperty("approvableQuantity", out var approvable))
            {
                Assert.Equal(approvable.GetInt32(), decision.ApprovableQuantity);
            }
            if (e.TryGetProperty("pagesInclude", out var pages))
            {
                var cited = decision.Citations.SelectMany(c => c.Pages).ToHashSet();
                foreach (var page in pages.EnumerateArray())
                {
                    Assert.True(cited.Contains(page.GetString()!), $"{example.Name}: page {page} not cited (cited: {string.Join(", ", cited)})");
                }
            }
            CheckCriteria(example.Name, decision, e, "criteriaNotMet", CriterionStatus.NotMet);
            CheckCriteria(example.Name, decision, e, "criteriaUnknown", CriterionStatus.Unknown);
            CheckCriteria(example.Name, decision, e, "criteriaMet", CriterionStatus.Met);
            CheckCriteria(example.Name, decision, e, "criteriaNa", CriterionStatus.NotApplicable);
            if (e.TryGetProperty("rationaleMentions", out var mentions))
            {
                var rationale = await client.ExplainRationaleAsync(new ExplainRationaleRequest { Request = example.Request, ItemIds = { itemExpect.Name } });
                var text = rationale.Items.Single().Rationale;
                foreach (var mention in mentions.EnumerateArray())
                {
                    Assert.Contains(mention.GetString()!, text);
                }
            }
            if (e.TryGetProperty("governingRuleId", out var governing))
            {
                Assert.Equal(governing.GetString(), decision.GoverningRuleId);
            }
            if (e.TryGetProperty("findings", out var findings))
            {
                foreach (var finding in findings.EnumerateArray())
                {
                    Assert.Contains(decision.Findings, f => f.Code == finding.GetString());
                }
            }
        }
    }

    private static void CheckCriteria(string name, ItemDecision decision, JsonElement e, string property, CriterionStatus status)
    {
        if (!e.TryGetProperty(property, out var codes))
        {
            return;
        }
        foreach (var code in codes.EnumerateArray())
        {
            var criterion = decision.Criteria.SingleOrDefault(c => c.Criterion_ == code.GetString());
            Assert.True(criterion is not null, $"{name}: criterion {code} missing");
            Assert.True(criterion.Status == status, $"{name}: {code} is {criterion.Status} ({criterion.Detail}), expected {status}");
        }
    }

    /// <summary>The proto enum value's name as in the JSON mapping (DETERMINATION_NOT_MEDICALLY_NECESSARY).</summary>
    public static string Name<T>(T value, string prefix) where T : struct, Enum =>
        $"{prefix}_{string.Concat(value.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + ch : ch.ToString())).ToUpperInvariant()}";
}
