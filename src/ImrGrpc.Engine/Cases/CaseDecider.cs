using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;

namespace ImrGrpc.Engine.Cases;

/// <summary>How deciding a case ended.</summary>
public enum CaseOutcomeKind
{
    Decided,
    /// <summary>The case has problems (<see cref="CaseOutcome.Problems"/>) under the version that would decide it.</summary>
    Invalid,
    /// <summary>No version's window contains the request date.</summary>
    NoVersionInForce,
    /// <summary>The pinned version is not among those offered.</summary>
    VersionNotFound,
}

/// <summary>The result of deciding a case: the decision, or why there is none.</summary>
public sealed class CaseOutcome
{
    private CaseOutcome(CaseOutcomeKind kind, CaseDecision? decision, IReadOnlyList<CaseProblem> problems, CompiledGuideline? guideline)
    {
        Kind = kind;
        Decision = decision;
        Problems = problems;
        Guideline = guideline;
    }

    public CaseOutcomeKind Kind { get; }
    public CaseDecision? Decision { get; }
    public IReadOnlyList<CaseProblem> Problems { get; }
    /// <summary>The version that decided (or would have decided) the case; null when none could be chosen.</summary>
    public CompiledGuideline? Guideline { get; }

    internal static CaseOutcome Decided(CaseDecision decision) => new(CaseOutcomeKind.Decided, decision, [], decision.Guideline);

    internal static CaseOutcome Invalid(CompiledGuideline guideline, IReadOnlyList<CaseProblem> problems) =>
        new(CaseOutcomeKind.Invalid, null, problems, guideline);

    internal static CaseOutcome Unresolved(GuidelineResolutionError error) =>
        new(error == GuidelineResolutionError.NotFound ? CaseOutcomeKind.VersionNotFound : CaseOutcomeKind.NoVersionInForce, null, [], null);

    /// <summary>Why there is no decision, in words for an editor (the server words it for its callers itself).</summary>
    public string Explain(CaseRequest request) => Kind switch
    {
        CaseOutcomeKind.Decided => "decided",
        CaseOutcomeKind.Invalid => string.Join("; ", Problems.Select(p => p.ToText(request))),
        CaseOutcomeKind.VersionNotFound => $"guideline version '{request.GuidelineVersion}' is not published",
        _ => $"no published guideline version is in force on {request.RequestDate:yyyy-MM-dd}",
    };
}

/// <summary>
/// Deciding a case, the one way every caller does it (the gRPC service, the admin's try-a-case, the impact replay):
/// choose the version (the pinned one, else the one in force on the request date), check the case against it, and
/// decide it.
/// </summary>
public static class CaseDecider
{
    /// <summary>Decides the case under the version the library gives for it.</summary>
    public static CaseOutcome Decide(GuidelineLibrary library, CaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(request);
        return library.TryResolve(request.RequestDate, request.GuidelineVersion, out var guideline, out var error)
            ? Decide(guideline!, request)
            : CaseOutcome.Unresolved(error);
    }

    /// <summary>Decides the case under one version: checked first, decided only when nothing is wrong.</summary>
    public static CaseOutcome Decide(CompiledGuideline guideline, CaseRequest request)
    {
        var problems = new List<CaseProblem>();
        return CaseChecker.Check(guideline, request, problems)
            ? CaseOutcome.Decided(DecisionEngine.Evaluate(guideline, request))
            : CaseOutcome.Invalid(guideline, problems);
    }
}
