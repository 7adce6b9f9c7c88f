namespace ImrGrpc.Engine.Cases;

/// <summary>The part of a case a problem is in.</summary>
public enum CasePart
{
    Case,
    Clinical,
    Diagnosis,
    Surgery,
    PriorTreatment,
    Item,
}

/// <summary>What of that part is wrong.</summary>
public enum CaseAttribute
{
    /// <summary>The part as a whole (its number, say).</summary>
    Whole,
    Treatment,
    BodyRegion,
    Procedure,
    ClaimsAdministratorGuideline,
    Quantity,
    EmployerAuthorizedVisits,
}

/// <summary>
/// Where in a case a problem lies, in the case's own terms: the part (and which one, for lists), the attribute (and
/// which entry, for lists). The contract layer spells it the way its callers write it ("items[0].body_regions[1]").
/// </summary>
public readonly record struct CaseLocation(CasePart Part, int Index, CaseAttribute Attribute, int AttributeIndex = -1)
{
    public static CaseLocation Of(CasePart part, CaseAttribute attribute = CaseAttribute.Whole, int attributeIndex = -1) =>
        new(part, -1, attribute, attributeIndex);

    public static CaseLocation Of(CasePart part, int index, CaseAttribute attribute = CaseAttribute.Whole, int attributeIndex = -1) =>
        new(part, index, attribute, attributeIndex);
}
