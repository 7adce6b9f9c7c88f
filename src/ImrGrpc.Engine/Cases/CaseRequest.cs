using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Cases;

public enum ReviewType
{
    Imr = 0,
    Ur = 1,
}

/// <summary>Work status, ordered from most to least restricted.</summary>
public enum WorkStatus
{
    Unknown = 0,
    OffWork = 1,
    ModifiedDuty = 2,
    FullDuty = 3,
}

/// <summary>A trend stated in the record.</summary>
public enum Trend
{
    Unknown = 0,
    Improved = 1,
    Unchanged = 2,
    Worsened = 3,
}

public sealed record Diagnosis(string Code, string Description);

public sealed record Surgery(string Procedure, DateOnly Date);

/// <summary>Function recorded at one visit; null means not recorded.</summary>
public sealed record FunctionSnapshot
{
    public DateOnly? Date { get; init; }
    public WorkStatus WorkStatus { get; init; }
    public double? WorkHoursPerDay { get; init; }
    public double? LiftingLimitLb { get; init; }
    public int? OpioidAgents { get; init; }
    public double? MorphineEquivalentMgPerDay { get; init; }
}

public sealed record FunctionalEvidence(Trend WorkRestrictions, Trend ActivitiesOfDailyLiving, Trend TreatmentDependence)
{
    public static readonly FunctionalEvidence None = new(Trend.Unknown, Trend.Unknown, Trend.Unknown);
}

public sealed record RadiculopathyFindings(bool? ExamFindings, bool? ImagingCorroborated, bool? ElectrodiagnosticCorroborated)
{
    public static readonly RadiculopathyFindings None = new(null, null, null);
}

public sealed record ClinicalFacts
{
    public Phase Phase { get; init; } = Phase.Chronic;
    public IReadOnlyList<Diagnosis> Diagnoses { get; init; } = [];
    public IReadOnlyList<string> BodyRegions { get; init; } = [];
    public Surgery? Surgery { get; init; }
    public FunctionSnapshot? PreviousFunction { get; init; }
    public FunctionSnapshot? CurrentFunction { get; init; }
    public FunctionalEvidence FunctionalEvidence { get; init; } = FunctionalEvidence.None;
    public bool? HomeExerciseProgram { get; init; }
    public RadiculopathyFindings Radiculopathy { get; init; } = RadiculopathyFindings.None;
}

public sealed record PriorTreatment
{
    public required string Treatment { get; init; }
    public int Sessions { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public IReadOnlyList<string> BodyRegions { get; init; } = [];
    public int? PainReliefPercent { get; init; }
    public int? ReliefDurationWeeks { get; init; }
    public bool? MedicationReduced { get; init; }
}

public sealed record RequestedItem
{
    public required string ItemId { get; init; }
    public string Description { get; init; } = "";
    public required string Treatment { get; init; }
    public int Quantity { get; init; }
    public IReadOnlyList<string> BodyRegions { get; init; } = [];
    public int? FrequencyPerWeek { get; init; }
    public int? DurationWeeks { get; init; }
    public IReadOnlyList<string> ClaimsAdministratorGuidelines { get; init; } = [];
    public CareType CareType { get; init; }
    /// <summary>Visits past the statutory cap the employer authorized in writing (Labor Code 4604.5(c)(2)(A)).</summary>
    public int EmployerAuthorizedVisits { get; init; }
}

/// <summary>A case with its disputed items, as the engine sees it (already shape-validated at the edge).</summary>
public sealed record CaseRequest
{
    public string CaseId { get; init; } = "";
    public ReviewType ReviewType { get; init; }
    public required DateOnly RequestDate { get; init; }
    public required DateOnly InjuryDate { get; init; }
    public string? GuidelineVersion { get; init; }
    public ClinicalFacts Clinical { get; init; } = new();
    public IReadOnlyList<PriorTreatment> PriorTreatments { get; init; } = [];
    public IReadOnlyList<RequestedItem> Items { get; init; } = [];
}
