using ImrGrpc.Engine.Compilation;

namespace ImrGrpc.Engine.Cases;

/// <summary>A problem with one field of a request, named by its path in the contract (e.g. "items[0].treatment").</summary>
public readonly record struct FieldProblem(string Field, string Description);

/// <summary>Checks a request's codes against the catalog of the guideline version that will decide it.</summary>
public static class CaseValidator
{
    public static void ValidateCodes(CompiledGuideline g, CaseRequest request, List<FieldProblem> problems, string prefix = "")
    {
        var version = g.Version.Id;
        var clinical = request.Clinical;
        Regions(g, clinical.BodyRegions, prefix, "clinical", -1, problems);
        if (clinical.Surgery is { } surgery && !g.Procedures.ContainsKey(surgery.Procedure))
        {
            problems.Add(new($"{prefix}clinical.surgery.procedure",
                $"unknown surgical procedure '{surgery.Procedure}' in guideline version {version}; ListCatalogCodes lists the valid codes"));
        }
        for (var i = 0; i < request.PriorTreatments.Count; i++)
        {
            var prior = request.PriorTreatments[i];
            Treatment(g, prior.Treatment, prefix, "prior_treatments", i, problems);
            Regions(g, prior.BodyRegions, prefix, "prior_treatments", i, problems);
        }
        for (var i = 0; i < request.Items.Count; i++)
        {
            var item = request.Items[i];
            Treatment(g, item.Treatment, prefix, "items", i, problems);
            Regions(g, item.BodyRegions, prefix, "items", i, problems);
        }
    }

    // Field paths are written only for codes that are wrong: a valid request costs no strings here.
    private static void Treatment(CompiledGuideline g, string code, string prefix, string collection, int index, List<FieldProblem> problems)
    {
        if (!g.Treatments.ContainsKey(code))
        {
            problems.Add(new($"{prefix}{collection}[{index}].treatment",
                $"unknown treatment '{code}' in guideline version {g.Version.Id}; ListCatalogCodes lists the valid codes"));
        }
    }

    private static void Regions(CompiledGuideline g, IReadOnlyList<string> regions, string prefix, string owner, int index, List<FieldProblem> problems)
    {
        for (var i = 0; i < regions.Count; i++)
        {
            if (!g.BodyRegions.ContainsKey(regions[i]))
            {
                var field = index >= 0 ? $"{prefix}{owner}[{index}].body_regions[{i}]" : $"{prefix}{owner}.body_regions[{i}]";
                problems.Add(new(field, $"unknown body region '{regions[i]}' in guideline version {g.Version.Id}; ListCatalogCodes lists the valid codes"));
            }
        }
    }
}
