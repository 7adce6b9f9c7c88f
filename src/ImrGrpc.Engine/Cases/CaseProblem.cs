using System.Globalization;

namespace ImrGrpc.Engine.Cases;

public enum CaseProblemKind
{
    /// <summary>A treatment code the deciding version's catalog does not hold.</summary>
    UnknownTreatment,
    /// <summary>A body region code the deciding version's catalog does not hold.</summary>
    UnknownBodyRegion,
    /// <summary>A surgical procedure code the deciding version's catalog does not hold.</summary>
    UnknownProcedure,
    /// <summary>More entries than the engine decides (<see cref="CaseLimits"/>); Limit says how many.</summary>
    TooMany,
    /// <summary>A number outside what the engine decides; Limit is the largest allowed.</summary>
    OutOfRange,
}

/// <summary>
/// Something in a case that keeps it from being decided: where (<see cref="CaseLocation"/>), what kind, the value found,
/// and the version whose catalog it was checked against. Words for people come from <see cref="Describe"/> or, for the
/// wire, from the contract layer.
/// </summary>
public readonly record struct CaseProblem(CaseLocation Location, CaseProblemKind Kind, string Value, string VersionId = "", int Limit = 0)
{
    /// <summary>What is wrong, without saying where: "unknown treatment 'reiki' in guideline version mtus-2009".</summary>
    public string Describe() => Kind switch
    {
        CaseProblemKind.UnknownTreatment => $"unknown treatment '{Value}' in guideline version {VersionId}",
        CaseProblemKind.UnknownBodyRegion => $"unknown body region '{Value}' in guideline version {VersionId}",
        CaseProblemKind.UnknownProcedure => $"unknown surgical procedure '{Value}' in guideline version {VersionId}",
        CaseProblemKind.TooMany => $"{Value} entries; at most {Limit.ToString(CultureInfo.InvariantCulture)} are decided",
        CaseProblemKind.OutOfRange => $"{Value} is outside 0 to {Limit.ToString(CultureInfo.InvariantCulture)}",
        _ => Value,
    };

    /// <summary>Where, in words for an editor reading a case file: "item 2 (id 'b'), body region 1".</summary>
    public string Where(CaseRequest request)
    {
        var l = Location;
        var part = l.Part switch
        {
            CasePart.Item when l.Index >= 0 && l.Index < request.Items.Count => $"item {l.Index + 1} (id '{request.Items[l.Index].ItemId}')",
            CasePart.Item => l.Index >= 0 ? $"item {l.Index + 1}" : "items",
            CasePart.PriorTreatment => l.Index >= 0 ? $"prior treatment {l.Index + 1}" : "prior treatments",
            CasePart.Diagnosis => l.Index >= 0 ? $"diagnosis {l.Index + 1}" : "diagnoses",
            CasePart.Surgery => "surgery",
            CasePart.Clinical => "clinical facts",
            _ => "case",
        };
        var attribute = l.Attribute switch
        {
            CaseAttribute.Whole => "",
            CaseAttribute.Treatment => ", treatment",
            CaseAttribute.BodyRegion => l.AttributeIndex >= 0 ? $", body region {l.AttributeIndex + 1}" : ", body regions",
            CaseAttribute.Procedure => ", procedure",
            CaseAttribute.ClaimsAdministratorGuideline => l.AttributeIndex >= 0 ? $", cited guideline {l.AttributeIndex + 1}" : ", cited guidelines",
            CaseAttribute.Quantity => ", quantity",
            CaseAttribute.EmployerAuthorizedVisits => ", visits the employer authorized",
            _ => "",
        };
        return part + attribute;
    }

    /// <summary>Where and what, for an editor: "item 1 (id '1'), treatment: unknown treatment 'reiki' in ...".</summary>
    public string ToText(CaseRequest request) => $"{Where(request)}: {Describe()}";
}
