namespace ImrGrpc.Engine.Model;

/// <summary>Phase of care a guideline row applies to.</summary>
public enum Phase
{
    Any = 0,
    Chronic = 1,
    Acute = 2,
    PostSurgical = 3,
}

/// <summary>Why a treatment is given; rows are keyed by it.</summary>
public enum CareType
{
    Therapeutic = 0,
    Maintenance = 1,
    FlareUp = 2,
}

/// <summary>What a guideline row does in the rule book.</summary>
public enum RuleRole
{
    /// <summary>Sets (or refuses) a course of treatment: session limits, trial, flags.</summary>
    Course = 0,
    /// <summary>A statutory visit cap (Labor Code 4604.5).</summary>
    StatutoryCap = 1,
    /// <summary>A principle cited by a criterion (functional improvement, passive care, hierarchy).</summary>
    Principle = 2,
}

/// <summary>Where a row comes from in the strength-of-evidence hierarchy.</summary>
public enum SourceKind
{
    Mtus = 0,
    Statute = 1,
    NonMtus = 2,
}

/// <summary>Whether prior sessions count toward a course, or each episode stands alone.</summary>
public enum CourseScope
{
    Claim = 0,
    Episode = 1,
}

/// <summary>How the initial post-surgical course is rounded when half the general course is a fraction.</summary>
public enum Rounding
{
    Up = 0,
    Down = 1,
}

/// <summary>Confidence that a seeded row matches the guideline text.</summary>
public enum Confidence
{
    High = 0,
    Medium = 1,
    Low = 2,
}

/// <summary>What a row requires the treatment to accompany.</summary>
public enum AdjunctRequirement
{
    None = 0,
    /// <summary>Exercise: a home exercise program or active therapy alongside.</summary>
    ActiveTherapy = 1,
    /// <summary>A named program (the row's <c>AdjunctTreatment</c>), ongoing or requested alongside.</summary>
    Program = 2,
}

/// <summary>Objective findings a row requires before the treatment is indicated.</summary>
public enum Indication
{
    None = 0,
    /// <summary>Radiculopathy on examination, corroborated by imaging or electrodiagnostics.</summary>
    Radiculopathy = 1,
}

/// <summary>Principles that criteria cite.</summary>
public static class PrincipleCodes
{
    public const string FunctionalImprovement = "functional_improvement";
    public const string FunctionalImprovementDefinition = "functional_improvement_definition";
    public const string PassiveModalitySparing = "passive_modality_sparing";
    public const string EvidenceHierarchy = "evidence_hierarchy";
    public const string PostSurgicalCapException = "post_surgical_cap_exception";
    public const string PostSurgicalDefaultPeriod = "post_surgical_default_period";
    public const string PostSurgicalInitialCourse = "post_surgical_initial_course";
    /// <summary>
    /// The guideline's own entry for a treatment whose visits another row sets (aquatic therapy, CPMTG p. 22, follows the
    /// Physical Medicine schedule of p. 99): cited beside the governing row. Applies only to the treatments it lists.
    /// </summary>
    public const string TreatmentEntry = "treatment_entry";

    public static readonly IReadOnlyList<string> All =
    [
        FunctionalImprovement, FunctionalImprovementDefinition, PassiveModalitySparing, EvidenceHierarchy,
        PostSurgicalCapException, PostSurgicalDefaultPeriod, PostSurgicalInitialCourse, TreatmentEntry,
    ];
}
