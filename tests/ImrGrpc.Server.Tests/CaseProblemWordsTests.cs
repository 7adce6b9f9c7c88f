using ImrGrpc.Contract.Mapping;
using ImrGrpc.Engine.Cases;

namespace ImrGrpc.Server.Tests;

/// <summary>The contract layer spells the engine's case problems as imr.v1 field paths, with the RPC that helps.</summary>
public sealed class CaseProblemWordsTests
{
    [Theory]
    [InlineData(CasePart.Item, 0, CaseAttribute.BodyRegion, 1, "items[0].body_regions[1]")]
    [InlineData(CasePart.Item, 3, CaseAttribute.Treatment, -1, "items[3].treatment")]
    [InlineData(CasePart.PriorTreatment, 2, CaseAttribute.BodyRegion, 0, "prior_treatments[2].body_regions[0]")]
    [InlineData(CasePart.Clinical, -1, CaseAttribute.BodyRegion, 4, "clinical.body_regions[4]")]
    [InlineData(CasePart.Surgery, -1, CaseAttribute.Procedure, -1, "clinical.surgery.procedure")]
    [InlineData(CasePart.Item, -1, CaseAttribute.Whole, -1, "items")]
    [InlineData(CasePart.Item, 1, CaseAttribute.ClaimsAdministratorGuideline, -1, "items[1].claims_administrator_guidelines")]
    [InlineData(CasePart.Diagnosis, -1, CaseAttribute.Whole, -1, "clinical.diagnoses")]
    public void A_place_in_a_case_is_spelled_as_its_field_path(CasePart part, int index, CaseAttribute attribute, int attributeIndex, string path) =>
        Assert.Equal(path, CaseProblemWords.Path(new CaseLocation(part, index, attribute, attributeIndex)));

    [Fact]
    public void An_unknown_code_names_the_version_and_the_rpc_that_lists_the_valid_ones()
    {
        var problem = new CaseProblem(CaseLocation.Of(CasePart.Item, 0, CaseAttribute.Treatment), CaseProblemKind.UnknownTreatment, "reiki", "mtus-2009");
        var field = CaseProblemWords.ToField(problem, "request.");
        Assert.Equal("request.items[0].treatment", field.Field);
        Assert.Equal("unknown treatment 'reiki' in guideline version mtus-2009; ListCatalogCodes lists the valid codes", field.Description);
    }
}
