using Imr.V1;

namespace ImrGrpc.Server.Tests;

/// <summary>ExplainRationale through the server: what a reviewer reads for each item.</summary>
public sealed class RationaleTests(ImrServerFactory factory) : ServerTest(factory)
{
    [Fact]
    public async Task Seed_physical_therapy_rationale_has_heading_basis_and_conclusion()
    {
        var request = ExampleCases.Named("seed-physical-therapy").Request;
        var response = await Client.ExplainRationaleAsync(new ExplainRationaleRequest { Request = request });

        var item = Assert.Single(response.Items);
        Assert.Equal("Physical Therapy x 6 for the Bilateral Upper Extremity & Low Back: Upheld", item.Heading);
        Assert.StartsWith("Decision based on MTUS Chronic Pain Medical Treatment Guidelines, Physical Medicine, Page(s): 8, 99", item.GuidelineBasis);
        Assert.Contains("ODG (non-MTUS)", item.ClaimsAdministratorBasis);
        Assert.Contains("22", item.Rationale);
        Assert.Contains("9-10 visits over 8 weeks", item.Rationale);
        Assert.EndsWith("Therefore, the request for Physical Therapy x 6 for the Bilateral Upper Extremity & Low Back is not medically necessary.", item.Rationale);
        Assert.Contains(response.GuidelineVersion.ContentHash, response.Document);
        Assert.Contains("mtus-2009", response.Document);
    }

    [Fact]
    public async Task Overturned_item_concludes_medically_necessary()
    {
        var request = ExampleCases.Named("pt-initial-within-course").Request;
        var response = await Client.ExplainRationaleAsync(new ExplainRationaleRequest { Request = request });
        var item = Assert.Single(response.Items);
        Assert.EndsWith(": Overturned", item.Heading);
        Assert.EndsWith("is medically necessary.", item.Rationale);
    }

    [Fact]
    public async Task Markdown_has_headings_and_text_is_wrapped_for_letters()
    {
        var request = ExampleCases.Named("seed-massage").Request;
        var markdown = await Client.ExplainRationaleAsync(new ExplainRationaleRequest { Request = request, Format = RationaleFormat.Markdown });
        var text = await Client.ExplainRationaleAsync(new ExplainRationaleRequest { Request = request, Format = RationaleFormat.Text });

        Assert.StartsWith("# ", markdown.Document);
        Assert.Contains("\n## ", markdown.Document);
        Assert.All(text.Document.Split('\n'), line => Assert.True(line.Length <= 78 || !line.Contains(' '), line));
        Assert.Equal(markdown.Items, text.Items);
    }

    [Fact]
    public async Task Same_request_renders_byte_identical_documents()
    {
        var request = new ExplainRationaleRequest { Request = ExampleCases.Named("seed-physical-therapy").Request };
        var a = await Client.ExplainRationaleAsync(request);
        var b = await Client.ExplainRationaleAsync(request);
        Assert.Equal(a.Document, b.Document);
        Assert.Equal(a, b);
    }
}
