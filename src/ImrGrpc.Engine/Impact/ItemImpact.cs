using ImrGrpc.Engine.Evaluation;

namespace ImrGrpc.Engine.Impact;

/// <summary>One item whose decision would change.</summary>
public sealed record ItemImpact(
    string CaseName,
    string CaseId,
    string ItemId,
    string Treatment,
    ImpactDirection Direction,
    Determination Before,
    Determination After,
    int QuantityBefore,
    int QuantityAfter,
    IReadOnlyList<string> PagesBefore,
    IReadOnlyList<string> PagesAfter,
    CaseDecision BeforeDecision,
    CaseDecision AfterDecision);
