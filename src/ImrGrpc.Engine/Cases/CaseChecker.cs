using ImrGrpc.Engine.Compilation;

namespace ImrGrpc.Engine.Cases;

/// <summary>
/// Checks a case against what the engine decides: its size (<see cref="CaseLimits"/>) and its codes against the catalog
/// of the version that will decide it. A valid case costs nothing here: problems are built only for what is wrong.
/// </summary>
public static class CaseChecker
{
    /// <summary>Adds the case's problems under the version to the list; true when there are none.</summary>
    public static bool Check(CompiledGuideline g, CaseRequest request, List<CaseProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(request);
        var before = problems.Count;
        var version = g.Version.Id;
        var clinical = request.Clinical;
        Count(problems, CaseLocation.Of(CasePart.Item), request.Items.Count, CaseLimits.MaxItems);
        Count(problems, CaseLocation.Of(CasePart.PriorTreatment), request.PriorTreatments.Count, CaseLimits.MaxPriorTreatments);
        Count(problems, CaseLocation.Of(CasePart.Diagnosis), clinical.Diagnoses.Count, CaseLimits.MaxDiagnoses);
        Regions(g, clinical.BodyRegions, CasePart.Clinical, -1, problems);
        if (clinical.Surgery is { } surgery && !g.Procedures.ContainsKey(surgery.Procedure))
        {
            problems.Add(new(CaseLocation.Of(CasePart.Surgery, CaseAttribute.Procedure), CaseProblemKind.UnknownProcedure, surgery.Procedure, version));
        }
        for (var i = 0; i < request.PriorTreatments.Count; i++)
        {
            var prior = request.PriorTreatments[i];
            Treatment(g, prior.Treatment, CasePart.PriorTreatment, i, problems);
            Regions(g, prior.BodyRegions, CasePart.PriorTreatment, i, problems);
        }
        for (var i = 0; i < request.Items.Count; i++)
        {
            var item = request.Items[i];
            Treatment(g, item.Treatment, CasePart.Item, i, problems);
            Regions(g, item.BodyRegions, CasePart.Item, i, problems);
            Count(problems, CaseLocation.Of(CasePart.Item, i, CaseAttribute.ClaimsAdministratorGuideline), item.ClaimsAdministratorGuidelines.Count,
                CaseLimits.MaxCitedGuidelines);
            Range(problems, CaseLocation.Of(CasePart.Item, i, CaseAttribute.Quantity), item.Quantity, CaseLimits.MaxQuantity);
            Range(problems, CaseLocation.Of(CasePart.Item, i, CaseAttribute.EmployerAuthorizedVisits), item.EmployerAuthorizedVisits, CaseLimits.MaxQuantity);
        }
        return problems.Count == before;
    }

    private static void Count(List<CaseProblem> problems, CaseLocation where, int count, int limit)
    {
        if (count > limit)
        {
            problems.Add(new(where, CaseProblemKind.TooMany, count.ToString(System.Globalization.CultureInfo.InvariantCulture), Limit: limit));
        }
    }

    private static void Range(List<CaseProblem> problems, CaseLocation where, int value, int limit)
    {
        if (value < 0 || value > limit)
        {
            problems.Add(new(where, CaseProblemKind.OutOfRange, value.ToString(System.Globalization.CultureInfo.InvariantCulture), Limit: limit));
        }
    }

    private static void Treatment(CompiledGuideline g, string code, CasePart part, int index, List<CaseProblem> problems)
    {
        if (!g.Treatments.ContainsKey(code))
        {
            problems.Add(new(CaseLocation.Of(part, index, CaseAttribute.Treatment), CaseProblemKind.UnknownTreatment, code, g.Version.Id));
        }
    }

    private static void Regions(CompiledGuideline g, IReadOnlyList<string> regions, CasePart part, int index, List<CaseProblem> problems)
    {
        var count = Math.Min(regions.Count, CaseLimits.MaxRegions);
        if (regions.Count > CaseLimits.MaxRegions)
        {
            problems.Add(new(CaseLocation.Of(part, index, CaseAttribute.BodyRegion), CaseProblemKind.TooMany,
                regions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Limit: CaseLimits.MaxRegions));
        }
        for (var i = 0; i < count; i++)
        {
            if (!g.BodyRegions.ContainsKey(regions[i]))
            {
                problems.Add(new(CaseLocation.Of(part, index, CaseAttribute.BodyRegion, i), CaseProblemKind.UnknownBodyRegion, regions[i], g.Version.Id));
            }
        }
    }
}
