using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Tests;

/// <summary>Builds a case fluently: a chronic-phase IMR request unless told otherwise.</summary>
internal sealed class CaseBuilder
{
    private CaseRequest _case = new()
    {
        CaseId = "T-1",
        RequestDate = new DateOnly(2013, 6, 1),
        InjuryDate = new DateOnly(2012, 1, 1),
        Clinical = new ClinicalFacts { Phase = Model.Phase.Chronic, BodyRegions = ["lumbar_spine"] },
    };

    public static CaseBuilder Chronic() => new();

    public CaseBuilder Ur()
    {
        _case = _case with { ReviewType = ReviewType.Ur };
        return this;
    }

    public CaseBuilder Dates(string request, string injury)
    {
        _case = _case with { RequestDate = DateOnly.Parse(request), InjuryDate = DateOnly.Parse(injury) };
        return this;
    }

    public CaseBuilder Dx(params string[] codes)
    {
        _case = _case with { Clinical = _case.Clinical with { Diagnoses = codes.Select(c => new Diagnosis(IcdCodes.Normalize(c), "")).ToArray() } };
        return this;
    }

    public CaseBuilder Regions(params string[] regions)
    {
        _case = _case with { Clinical = _case.Clinical with { BodyRegions = regions } };
        return this;
    }

    public CaseBuilder Hep(bool? value)
    {
        _case = _case with { Clinical = _case.Clinical with { HomeExerciseProgram = value } };
        return this;
    }

    public CaseBuilder Function(FunctionSnapshot before, FunctionSnapshot after)
    {
        _case = _case with { Clinical = _case.Clinical with { PreviousFunction = before, CurrentFunction = after } };
        return this;
    }

    public CaseBuilder Evidence(Trend restrictions, Trend adl, Trend dependence)
    {
        _case = _case with { Clinical = _case.Clinical with { FunctionalEvidence = new FunctionalEvidence(restrictions, adl, dependence) } };
        return this;
    }

    public CaseBuilder PostSurgical(string procedure, string date)
    {
        _case = _case with { Clinical = _case.Clinical with { Phase = Model.Phase.PostSurgical, Surgery = new Surgery(procedure, DateOnly.Parse(date)) } };
        return this;
    }

    public CaseBuilder InPhase(Phase phase)
    {
        _case = _case with { Clinical = _case.Clinical with { Phase = phase } };
        return this;
    }

    public CaseBuilder Radiculopathy(bool? exam, bool? imaging, bool? electrodiagnostic)
    {
        _case = _case with { Clinical = _case.Clinical with { Radiculopathy = new RadiculopathyFindings(exam, imaging, electrodiagnostic) } };
        return this;
    }

    public CaseBuilder Prior(PriorTreatment prior)
    {
        _case = _case with { PriorTreatments = [.. _case.PriorTreatments, prior] };
        return this;
    }

    public CaseBuilder Prior(string treatment, int sessions, string? start = null, string? end = null, params string[] regions)
    {
        _case = _case with
        {
            PriorTreatments = [.. _case.PriorTreatments, new PriorTreatment
            {
                Treatment = treatment,
                Sessions = sessions,
                StartDate = start is null ? null : DateOnly.Parse(start),
                EndDate = end is null ? null : DateOnly.Parse(end),
                BodyRegions = regions,
            }],
        };
        return this;
    }

    public CaseBuilder Item(string treatment, int quantity, params string[] regions) =>
        Item(new RequestedItem { ItemId = (_case.Items.Count + 1).ToString(), Treatment = treatment, Quantity = quantity, BodyRegions = regions });

    public CaseBuilder Item(RequestedItem item)
    {
        _case = _case with { Items = [.. _case.Items, item] };
        return this;
    }

    public CaseRequest Build() => _case;

    public CaseDecision Decide(CompiledGuideline? guideline = null) => DecisionEngine.Evaluate(guideline ?? TestBook.Default, _case);

    public ItemDecision DecideFirst(CompiledGuideline? guideline = null) => Decide(guideline).Items[0];

    /// <summary>Improvement on every measure: back to full duty, longer hours, heavier lifting, one opioid fewer.</summary>
    public CaseBuilder Improved() => Function(
        new FunctionSnapshot { WorkStatus = WorkStatus.ModifiedDuty, WorkHoursPerDay = 4, LiftingLimitLb = 10, OpioidAgents = 1 },
        new FunctionSnapshot { WorkStatus = WorkStatus.FullDuty, WorkHoursPerDay = 8, LiftingLimitLb = 25, OpioidAgents = 0 });

    /// <summary>No change on any measure, as in the seed determination.</summary>
    public CaseBuilder Plateaued() => Function(
        new FunctionSnapshot { WorkStatus = WorkStatus.ModifiedDuty, WorkHoursPerDay = 4, LiftingLimitLb = 10, OpioidAgents = 2 },
        new FunctionSnapshot { WorkStatus = WorkStatus.ModifiedDuty, WorkHoursPerDay = 4, LiftingLimitLb = 10, OpioidAgents = 2 });
}

internal static class DecisionAssertions
{
    public static CriterionResult Criterion(this ItemDecision item, CriterionCode code) =>
        item.Criteria.Single(c => c.Code == code);

    public static CriterionStatus Status(this ItemDecision item, CriterionCode code) => item.Criterion(code).Status;
}
