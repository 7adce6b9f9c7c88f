using System.Text.RegularExpressions;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;

namespace ImrGrpc.Engine.Tests;

/// <summary>Deciding a case the one way every edge does: choose the version, check the case against it, decide it.</summary>
public sealed partial class CaseDeciderTests
{
    private static GuidelineLibrary Library => new([SeedBook.Version("mtus-2009"), SeedBook.Version("mtus-2017")], 1);

    [Fact]
    public void A_case_is_decided_under_the_version_in_force_on_its_request_date()
    {
        var request = CaseBuilder.Chronic().Dates("2013-06-01", "2012-01-01").Item("physical_therapy", 6, "lumbar_spine").Build();
        var outcome = CaseDecider.Decide(Library, request);
        Assert.Equal(CaseOutcomeKind.Decided, outcome.Kind);
        Assert.Equal("mtus-2009", outcome.Decision!.Guideline.Version.Id);
    }

    [Fact]
    public void A_pinned_version_decides_whatever_the_date_and_an_unknown_pin_is_named()
    {
        var request = CaseBuilder.Chronic().Dates("2013-06-01", "2012-01-01").Item("physical_therapy", 6).Build();
        Assert.Equal("mtus-2017", CaseDecider.Decide(Library, request with { GuidelineVersion = "mtus-2017" }).Decision!.Guideline.Version.Id);
        var missing = CaseDecider.Decide(Library, request with { GuidelineVersion = "mtus-2031" });
        Assert.Equal(CaseOutcomeKind.VersionNotFound, missing.Kind);
        Assert.Contains("mtus-2031", missing.Explain(request with { GuidelineVersion = "mtus-2031" }));
    }

    [Fact]
    public void A_date_before_every_window_has_no_version()
    {
        var request = CaseBuilder.Chronic().Dates("2008-06-01", "2008-01-01").Item("physical_therapy", 6).Build();
        var outcome = CaseDecider.Decide(Library, request);
        Assert.Equal(CaseOutcomeKind.NoVersionInForce, outcome.Kind);
        Assert.Contains("2008-06-01", outcome.Explain(request));
    }

    // The engine says where a problem is in the case's own terms; spelling it as a wire path is the contract's job.
    [Fact]
    public void Unknown_codes_are_placed_in_the_case_not_on_the_wire()
    {
        var request = CaseBuilder.Chronic().Regions("lumbar_spine", "kneee").Item("reiki", 2, "lumbar_spine").Build();
        var outcome = CaseDecider.Decide(SeedBook.Mtus2009, request);
        Assert.Equal(CaseOutcomeKind.Invalid, outcome.Kind);
        Assert.Null(outcome.Decision);
        Assert.Contains(outcome.Problems, p => p is { Kind: CaseProblemKind.UnknownTreatment, Value: "reiki" }
            && p.Location == CaseLocation.Of(CasePart.Item, 0, CaseAttribute.Treatment));
        Assert.Contains(outcome.Problems, p => p is { Kind: CaseProblemKind.UnknownBodyRegion, Value: "kneee" }
            && p.Location == CaseLocation.Of(CasePart.Clinical, CaseAttribute.BodyRegion, 1));
        var text = outcome.Explain(request);
        Assert.Contains("item 1 (id '1'), treatment: unknown treatment 'reiki' in guideline version mtus-2009", text);
        Assert.DoesNotMatch(WirePathInText(), '"' + text + '"');
    }

    [Fact]
    public void The_engine_refuses_more_than_it_decides_itself()
    {
        var builder = CaseBuilder.Chronic();
        for (var i = 0; i <= CaseLimits.MaxItems; i++)
        {
            builder.Item("physical_therapy", 1);
        }
        var outcome = CaseDecider.Decide(SeedBook.Mtus2009, builder.Build());
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal((CaseProblemKind.TooMany, CaseLimits.MaxItems), (problem.Kind, problem.Limit));
    }

    // The trace buffers grow with the item: no limit of the contract layer is assumed by the engine.
    [Fact]
    public void An_item_citing_forty_non_MTUS_guidelines_is_decided_with_every_finding()
    {
        var item = new RequestedItem
        {
            ItemId = "1", Treatment = "physical_therapy", Quantity = 6, BodyRegions = ["lumbar_spine"],
            ClaimsAdministratorGuidelines = Enumerable.Range(1, 40).Select(i => $"ODG {i}").ToArray(),
        };
        var decision = DecisionEngine.Evaluate(SeedBook.Mtus2009, CaseBuilder.Chronic().Item(item).Build());
        Assert.Equal(40, decision.Items[0].Findings.Count(f => f.Code == FindingCode.NonMtusCitedWhereMtusAddresses));
    }

    // Nothing in the engine names an RPC or spells a contract field path.
    [Fact]
    public void The_engine_source_speaks_no_wire()
    {
        var engine = Path.Combine(RepositoryRoot(), "src", "ImrGrpc.Engine");
        foreach (var file in Directory.EnumerateFiles(engine, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")))
        {
            // Code only: comments may say what the contract layer does with the engine's words.
            var code = string.Join('\n', File.ReadLines(file).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            Assert.DoesNotMatch(RpcName(), code);
            Assert.DoesNotMatch(WirePathInText(), code);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImrGrpc.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root not found");
    }

    [GeneratedRegex(@"\b(ListCatalogCodes|ListGuidelineVersions|EvaluateRequest|ExplainRationale)\b|on this server")]
    private static partial Regex RpcName();

    /// <summary>A string literal holding a contract field path ("items[0]...", "...body_regions[1]").</summary>
    [GeneratedRegex(@"""[^""\n]*(?<!\{)\b(items|prior_treatments|body_regions)\[[^""\n]*""")]
    private static partial Regex WirePathInText();
}
