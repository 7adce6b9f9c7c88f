using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Evaluation;

/// <summary>Decides every item of a case against one compiled guideline version. Pure: same input, same output.</summary>
public static class DecisionEngine
{
    /// <summary>Part of every decision id: a change in how rules are applied gives new ids.</summary>
    public const string Version = "1.0.0";

    /// <summary>Decides a case already checked (<see cref="CaseChecker"/>); the edges decide through <see cref="CaseDecider"/>.</summary>
    public static CaseDecision Evaluate(CompiledGuideline guideline, CaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(guideline);
        ArgumentNullException.ThrowIfNull(request);
        var context = new CaseContext(guideline, request);
        var items = new ItemDecision[request.Items.Count];
        try
        {
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = ItemEvaluator.Evaluate(context, request.Items[i], i);
            }
        }
        finally
        {
            context.ReleaseBuffers();
        }
        return new CaseDecision(request, guideline, items, context.Function);
    }
}

/// <summary>What every item of a case shares: diagnosis groups and the functional assessment, worked out once.</summary>
internal sealed class CaseContext
{
    public CaseContext(CompiledGuideline guideline, CaseRequest request)
    {
        Guideline = guideline;
        Request = request;
        var diagnoses = request.Clinical.Diagnoses;
        DiagnosisGroups = diagnoses.Count == 0 ? [] : new string?[diagnoses.Count];
        for (var i = 0; i < diagnoses.Count; i++)
        {
            DiagnosisGroups[i] = guideline.ConditionGroupOf(diagnoses[i].Code)?.Code;
        }
        Function = FunctionalAssessment.Of(request.Clinical, guideline.FunctionThresholds);
    }

    public CompiledGuideline Guideline { get; }
    public CaseRequest Request { get; }

    // Reused by every item of this case, one after the other (CaseBuffers: kept per thread between cases).
    private readonly CaseBuffers _buffers = CaseBuffers.Take();
    internal TraceBuffer<CriterionResult> Criteria => _buffers.Criteria;
    internal TraceBuffer<FindingResult> Findings => _buffers.Findings;
    internal TraceBuffer<CitedRule> Citations => _buffers.Citations;

    internal void ReleaseBuffers() => CaseBuffers.Give(_buffers);

    /// <summary>The condition group of each diagnosis, by position; null where none maps.</summary>
    public string?[] DiagnosisGroups { get; }
    public FunctionalAssessment Function { get; }

    /// <summary>How specific a diagnosis code is: its characters without the dot (ICD-10-CM grows more specific with length).</summary>
    public int CodeSpecificity(int index)
    {
        var code = Request.Clinical.Diagnoses[index].Code;
        return code.Contains('.', StringComparison.Ordinal) ? code.Length - 1 : code.Length;
    }

    /// <summary>The first diagnosis (in the order given) that maps to the group, or -1.</summary>
    public int DiagnosisIndexOf(string group)
    {
        for (var i = 0; i < DiagnosisGroups.Length; i++)
        {
            if (string.Equals(DiagnosisGroups[i], group, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
