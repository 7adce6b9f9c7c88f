using System.Globalization;
using ImrGrpc.Engine.Cases;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// Spells the engine's case problems the way the contract's callers write requests: the field path of imr.v1
/// ("items[0].body_regions[1]") and, where it helps, the RPC that lists what would be valid.
/// </summary>
public static class CaseProblemWords
{
    public static FieldProblem ToField(CaseProblem problem, string prefix = "")
    {
        var hint = problem.Kind is CaseProblemKind.UnknownTreatment or CaseProblemKind.UnknownBodyRegion or CaseProblemKind.UnknownProcedure
            ? "; ListCatalogCodes lists the valid codes"
            : "";
        return new FieldProblem(prefix + Path(problem.Location), problem.Describe() + hint);
    }

    public static void AddTo(List<FieldProblem> fields, IReadOnlyList<CaseProblem> problems, string prefix = "")
    {
        foreach (var problem in problems)
        {
            fields.Add(ToField(problem, prefix));
        }
    }

    /// <summary>The imr.v1 field path of a place in a case.</summary>
    public static string Path(CaseLocation l)
    {
        var owner = l.Part switch
        {
            CasePart.Item => Indexed("items", l.Index),
            CasePart.PriorTreatment => Indexed("prior_treatments", l.Index),
            CasePart.Diagnosis => Indexed("clinical.diagnoses", l.Index),
            CasePart.Surgery => "clinical.surgery",
            CasePart.Clinical => "clinical",
            _ => "",
        };
        var attribute = l.Attribute switch
        {
            CaseAttribute.Treatment => "treatment",
            CaseAttribute.BodyRegion => Indexed("body_regions", l.AttributeIndex),
            CaseAttribute.Procedure => "procedure",
            CaseAttribute.ClaimsAdministratorGuideline => Indexed("claims_administrator_guidelines", l.AttributeIndex),
            CaseAttribute.Quantity => "quantity",
            CaseAttribute.EmployerAuthorizedVisits => "employer_authorized_visits",
            _ => "",
        };
        return owner.Length == 0 ? (attribute.Length == 0 ? "request" : attribute)
            : attribute.Length == 0 ? owner : $"{owner}.{attribute}";
    }

    private static string Indexed(string name, int index) =>
        index >= 0 ? $"{name}[{index.ToString(CultureInfo.InvariantCulture)}]" : name;
}
