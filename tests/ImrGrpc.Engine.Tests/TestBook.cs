using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Tests;

/// <summary>
/// A small rule book built in code, shaped like the seed tables, so engine tests exercise the engine's logic rather
/// than whatever numbers the seed data holds today.
/// </summary>
internal static class TestBook
{
    public static readonly string[] PhysicalMedicine = ["physical_therapy", "aquatic_therapy", "occupational_therapy"];
    public static readonly string[] PostSurgicalMedicine = ["physical_therapy", "occupational_therapy", "manipulation", "massage", "aquatic_therapy"];

    public static Catalog Catalog { get; } = new()
    {
        Treatments =
        [
            new() { Code = "physical_therapy", Description = "PT", Name = "physical therapy", Active = true },
            new() { Code = "aquatic_therapy", Description = "Aquatic", Name = "aquatic therapy", Active = true },
            new() { Code = "occupational_therapy", Description = "OT", Name = "occupational therapy", Active = true },
            new() { Code = "massage", Description = "Massage", Name = "massage therapy", Passive = true },
            new() { Code = "manipulation", Description = "Manipulation", Name = "manipulation", Passive = true },
            new() { Code = "acupuncture", Description = "Acupuncture", Name = "acupuncture" },
            new() { Code = "yoga", Description = "Yoga", Name = "yoga" },
        ],
        BodyRegions =
        [
            new("cervical_spine", "cervical spine", []), new("lumbar_spine", "lumbar spine", []), new("knee", "knee", []),
            new("shoulder", "shoulder", []), new("ankle_foot", "ankle and foot", []), new("forearm_wrist_hand", "forearm, wrist and hand", []),
            new("elbow", "elbow", []),
            new("upper_extremity", "upper extremity", ["shoulder", "elbow", "forearm_wrist_hand"]),
        ],
        ConditionGroups =
        [
            new("myalgia_myositis", "myalgia and myositis", ["M79.1", "M60"]),
            new("myofascial_pain", "myofascial pain syndrome", ["M79.18", "M79.11"]),
            new("neuralgia_neuritis_radiculitis", "neuralgia, neuritis and radiculitis", ["M54.1", "M79.2"]),
            new("low_back_pain", "low back pain", ["M54.5"]),
            new("rotator_cuff_syndrome", "rotator cuff syndrome", ["M75.1"]),
        ],
        Procedures =
        [
            new("rotator_cuff_repair_arthroscopic", "arthroscopic rotator cuff repair", "rotator_cuff_syndrome"),
            new("unlisted_release", "an unlisted release", null),
        ],
        GuidelineAliases = [new("MTUS", "MTUS", true), new("ODG", "ODG", false)],
    };

    public static RuleRow Row(string id, params string[] treatments) => new()
    {
        Id = id,
        Guideline = "MTUS Chronic Pain Medical Treatment Guidelines",
        Section = "Test",
        Treatments = treatments,
        Phase = Phase.Chronic,
        Confidence = Confidence.High,
    };

    public static List<RuleRow> Rows() =>
    [
        Row("pm-myalgia", PhysicalMedicine) with
        {
            ConditionGroup = "myalgia_myositis", IsDefault = true, MinVisits = 9, MaxVisits = 10, OverWeeks = 8,
            FrequencyPerWeekMax = 3, RequiresFunctionalImprovement = true, Section = "Physical Medicine", Pages = ["99"],
        },
        Row("pm-neuralgia", PhysicalMedicine) with
        {
            ConditionGroup = "neuralgia_neuritis_radiculitis", MinVisits = 8, MaxVisits = 10, OverWeeks = 4,
            RequiresFunctionalImprovement = true, Section = "Physical Medicine", Pages = ["99"],
        },
        Row("massage", "massage") with
        {
            MinVisits = 4, MaxVisits = 6, RequiresFunctionalImprovement = true, Adjunct = AdjunctRequirement.ActiveTherapy,
            Section = "Massage Therapy", Pages = ["60"],
        },
        Row("manip-low-back", "manipulation") with
        {
            BodyRegions = ["lumbar_spine"], TrialVisits = 6, TrialWeeks = 2, MaxVisits = 18, OverWeeks = 8,
            RequiresFunctionalImprovement = true, Pages = ["58", "59"],
        },
        Row("manip-general", "manipulation") with { TrialVisits = 6, OverWeeks = 8, RequiresFunctionalImprovement = true, Pages = ["59"] },
        Row("manip-knee", "manipulation") with { BodyRegions = ["knee"], NotRecommended = true, Pages = ["58"] },
        Row("manip-ankle", "manipulation") with { BodyRegions = ["ankle_foot"], NotRecommended = true, Pages = ["58"] },
        Row("manip-wrist", "manipulation") with { BodyRegions = ["forearm_wrist_hand"], NotRecommended = true, Pages = ["58"] },
        Row("acupuncture", "acupuncture") with
        {
            Guideline = "MTUS Acupuncture Medical Treatment Guidelines", Phase = Phase.Any, TrialVisits = 6,
            FrequencyPerWeekMax = 3, RequiresFunctionalImprovement = true, Section = "9792.24.1",
        },
        Row("pstg-rotator-cuff", PostSurgicalMedicine) with
        {
            Guideline = "MTUS Postsurgical Treatment Guidelines", Phase = Phase.PostSurgical, Procedure = "rotator_cuff_repair_arthroscopic",
            BodyRegions = ["shoulder"], MaxVisits = 24, OverWeeks = 14, PostSurgicalPeriodMonths = 6, InitialCoursePercent = 50,
            RequiresFunctionalImprovement = true,
        },
        Row("odg-pt-general", PhysicalMedicine) with
        {
            Guideline = "ODG", Source = SourceKind.NonMtus, Phase = Phase.Any, TrialVisits = 6, RequiresFunctionalImprovement = true,
        },
        Row("fi", []) with { Role = RuleRole.Principle, Principle = PrincipleCodes.FunctionalImprovement, Section = "Introduction", Pages = ["8"] },
        Row("fi-definition", []) with
        {
            Role = RuleRole.Principle, Principle = PrincipleCodes.FunctionalImprovementDefinition, Guideline = "MTUS Regulations",
            Section = "8 CCR 9792.20(f)", Phase = Phase.Any,
        },
        Row("passive", []) with { Role = RuleRole.Principle, Principle = PrincipleCodes.PassiveModalitySparing, Pages = ["98"] },
        Row("hierarchy", []) with
        {
            Role = RuleRole.Principle, Principle = PrincipleCodes.EvidenceHierarchy, Guideline = "MTUS Regulations",
            Section = "8 CCR 9792.21.1", Phase = Phase.Any,
        },
        Row("pstg-default-period", PostSurgicalMedicine) with
        {
            Role = RuleRole.Principle, Principle = PrincipleCodes.PostSurgicalDefaultPeriod, Phase = Phase.PostSurgical, PostSurgicalPeriodMonths = 6,
        },
        Row("pstg-cap-exception", PostSurgicalMedicine) with
        {
            Role = RuleRole.Principle, Principle = PrincipleCodes.PostSurgicalCapException, Phase = Phase.PostSurgical,
        },
        Row("cap-pt", "physical_therapy", "aquatic_therapy") with
        {
            Role = RuleRole.StatutoryCap, Source = SourceKind.Statute, Guideline = "California Labor Code", Section = "Labor Code 4604.5(c)(1)",
            Phase = Phase.Any, MaxVisits = 24, InjuryOnOrAfter = new DateOnly(2004, 1, 1),
        },
        Row("cap-chiro", "manipulation") with
        {
            Role = RuleRole.StatutoryCap, Source = SourceKind.Statute, Guideline = "California Labor Code", Section = "Labor Code 4604.5(c)(1)",
            Phase = Phase.Any, MaxVisits = 24, InjuryOnOrAfter = new DateOnly(2004, 1, 1),
        },
    ];

    public static CompiledGuideline Compile(Func<List<RuleRow>, List<RuleRow>>? edit = null, string hash = "test-hash")
    {
        var rows = Rows();
        if (edit is not null)
        {
            rows = edit(rows);
        }
        var version = new VersionInfo
        {
            Id = "test-1",
            Label = "Test rules",
            EffectiveFrom = new DateOnly(2009, 7, 18),
            Status = VersionStatus.Published,
            ContentHash = hash,
        };
        return GuidelineCompiler.Compile(new GuidelineBook(version, Catalog, rows));
    }

    public static CompiledGuideline Default { get; } = Compile();

    /// <summary>Replaces the row with the given id.</summary>
    public static List<RuleRow> Replace(this List<RuleRow> rows, string id, Func<RuleRow, RuleRow> change) =>
        rows.Select(r => r.Id == id ? change(r) : r).ToList();
}
