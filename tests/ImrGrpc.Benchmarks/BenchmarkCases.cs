using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Benchmarks;

/// <summary>
/// A case the benchmarks decide, with the seed row that sets each item's course, so the RulesEngine peer reads its
/// numbers from the same row the engine chooses (the parity check asserts the engine did choose it).
/// </summary>
public sealed record BenchmarkCase(string Name, CaseRequest Request, IReadOnlyDictionary<string, string> CourseRowByItem);

/// <summary>The three cases every per-item benchmark runs: the seed determination, a post-surgical request, a ten-item request.</summary>
public static class BenchmarkCases
{
    public const string Seed = "seed";
    public const string PostSurgical = "post-surgical";
    public const string TenItems = "ten-items";

    public static IEnumerable<string> Names => [Seed, PostSurgical, TenItems];

    public static BenchmarkCase Get(string name) => name switch
    {
        Seed => SeedCase(),
        PostSurgical => PostSurgicalCase(),
        TenItems => TenItemCase(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown benchmark case"),
    };

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static Diagnosis Dx(string code, string description) => new(IcdCodes.Normalize(code), description);

    /// <summary>
    /// The IMR determination of examples/seed-case.json: physical therapy x6 after 22 visits and massage x6 after 8,
    /// function unchanged on every measure, two opioid agents before and after.
    /// </summary>
    public static BenchmarkCase SeedCase()
    {
        var plateau = new FunctionSnapshot { WorkStatus = WorkStatus.ModifiedDuty, OpioidAgents = 2, WorkHoursPerDay = 4, LiftingLimitLb = 10 };
        var request = new CaseRequest
        {
            CaseId = "SEED",
            ReviewType = ReviewType.Imr,
            RequestDate = D("2014-07-14"),
            InjuryDate = D("2009-08-14"),
            Clinical = new ClinicalFacts
            {
                Phase = Phase.Chronic,
                Diagnoses = [Dx("M54.50", "Chronic low back pain")],
                BodyRegions = ["lumbar_spine", "cervical_spine"],
                PreviousFunction = plateau with { Date = D("2014-02-03") },
                CurrentFunction = plateau with { Date = D("2014-06-02") },
            },
            PriorTreatments =
            [
                new PriorTreatment
                {
                    Treatment = "physical_therapy", Sessions = 22, StartDate = D("2014-01-06"), EndDate = D("2014-05-22"),
                    BodyRegions = ["lumbar_spine", "cervical_spine"],
                },
                new PriorTreatment
                {
                    Treatment = "massage", Sessions = 8, StartDate = D("2014-01-06"), EndDate = D("2014-05-22"),
                    BodyRegions = ["cervical_spine", "lumbar_spine"],
                },
            ],
            Items =
            [
                new RequestedItem
                {
                    ItemId = "1", Description = "Physical Therapy x 6 for the Bilateral Upper Extremity & Low Back",
                    Treatment = "physical_therapy", Quantity = 6, BodyRegions = ["upper_extremity", "lumbar_spine"],
                    ClaimsAdministratorGuidelines = ["MTUS Chronic Pain", "ODG"],
                },
                new RequestedItem
                {
                    ItemId = "2", Description = "Medical Massage x 6 for the Neck & Lumbar Spine",
                    Treatment = "massage", Quantity = 6, BodyRegions = ["cervical_spine", "lumbar_spine"],
                    ClaimsAdministratorGuidelines = ["MTUS Chronic Pain", "ODG"],
                },
            ],
        };
        return new BenchmarkCase(Seed, request, new Dictionary<string, string>
        {
            ["1"] = "cpmtg-pm-myalgia",
            ["2"] = "cpmtg-massage",
        });
    }

    /// <summary>Physical therapy x12 for the shoulder seven weeks after an arthroscopic rotator cuff repair.</summary>
    public static BenchmarkCase PostSurgicalCase()
    {
        var request = new CaseRequest
        {
            CaseId = "BENCH-POSTOP",
            ReviewType = ReviewType.Imr,
            RequestDate = D("2014-03-03"),
            InjuryDate = D("2013-09-16"),
            Clinical = new ClinicalFacts
            {
                Phase = Phase.PostSurgical,
                Diagnoses = [Dx("M75.121", "Complete rotator cuff tear or rupture of right shoulder, not specified as traumatic")],
                BodyRegions = ["shoulder"],
                Surgery = new Surgery("rotator_cuff_repair_arthroscopic", D("2014-01-13")),
                HomeExerciseProgram = true,
            },
            Items =
            [
                new RequestedItem
                {
                    ItemId = "1", Description = "Post-operative physical therapy x 12 for the right shoulder",
                    Treatment = "physical_therapy", Quantity = 12, BodyRegions = ["shoulder"], FrequencyPerWeek = 2, DurationWeeks = 6,
                    ClaimsAdministratorGuidelines = ["MTUS Postsurgical Treatment Guidelines"],
                },
            ],
        };
        return new BenchmarkCase(PostSurgical, request, new Dictionary<string, string>
        {
            ["1"] = "pstg-rotator-cuff-repair-arthroscopic",
        });
    }

    /// <summary>
    /// Ten disputed items in one chronic-pain request: physical medicine past its course, massage alongside it,
    /// manipulation for the low back and (not recommended) the knee, acupuncture and psychotherapy after their trials,
    /// a repeat trigger point injection, a second epidural, occupational therapy for the wrist, and biofeedback
    /// alongside psychotherapy. Function improved between the two snapshots.
    /// </summary>
    public static BenchmarkCase TenItemCase()
    {
        var request = new CaseRequest
        {
            CaseId = "BENCH-TEN",
            ReviewType = ReviewType.Imr,
            RequestDate = D("2014-09-15"),
            InjuryDate = D("2012-05-01"),
            Clinical = new ClinicalFacts
            {
                Phase = Phase.Chronic,
                Diagnoses =
                [
                    Dx("M79.18", "Myofascial pain, other site"),
                    Dx("M51.26", "Other intervertebral disc displacement, lumbar region"),
                    Dx("M54.2", "Cervicalgia"),
                ],
                BodyRegions = ["lumbar_spine", "cervical_spine", "knee", "forearm_wrist_hand"],
                PreviousFunction = new FunctionSnapshot
                {
                    Date = D("2014-03-03"), WorkStatus = WorkStatus.OffWork, WorkHoursPerDay = 0, LiftingLimitLb = 10,
                    OpioidAgents = 2, MorphineEquivalentMgPerDay = 90,
                },
                CurrentFunction = new FunctionSnapshot
                {
                    Date = D("2014-08-25"), WorkStatus = WorkStatus.ModifiedDuty, WorkHoursPerDay = 4, LiftingLimitLb = 20,
                    OpioidAgents = 1, MorphineEquivalentMgPerDay = 45,
                },
                FunctionalEvidence = new FunctionalEvidence(Trend.Unknown, Trend.Improved, Trend.Unknown),
                HomeExerciseProgram = false,
                Radiculopathy = new RadiculopathyFindings(ExamFindings: true, ImagingCorroborated: true, ElectrodiagnosticCorroborated: null),
            },
            PriorTreatments =
            [
                Prior("physical_therapy", 8, "2014-03-03", "2014-05-30", "lumbar_spine"),
                Prior("massage", 2, "2014-04-01", "2014-04-15", "lumbar_spine"),
                Prior("acupuncture", 6, "2014-05-01", "2014-06-15", "cervical_spine"),
                Prior("psychotherapy", 4, "2014-06-01", "2014-07-15"),
                Prior("trigger_point_injection", 1, "2014-06-20", "2014-06-20", "lumbar_spine") with
                {
                    PainReliefPercent = 60, ReliefDurationWeeks = 8, MedicationReduced = true,
                },
                Prior("epidural_steroid_injection", 1, "2014-05-10", "2014-05-10", "lumbar_spine") with
                {
                    PainReliefPercent = 60, ReliefDurationWeeks = 8, MedicationReduced = true,
                },
            ],
            Items =
            [
                Item("1", "physical_therapy", 6, "lumbar_spine") with { FrequencyPerWeek = 2, DurationWeeks = 3 },
                Item("2", "massage", 4, "lumbar_spine"),
                Item("3", "manipulation", 6, "lumbar_spine"),
                Item("4", "manipulation", 4, "knee"),
                Item("5", "acupuncture", 6, "cervical_spine") with { FrequencyPerWeek = 2, DurationWeeks = 3 },
                Item("6", "psychotherapy", 6),
                Item("7", "trigger_point_injection", 2, "lumbar_spine"),
                Item("8", "epidural_steroid_injection", 1, "lumbar_spine"),
                Item("9", "occupational_therapy", 6, "forearm_wrist_hand"),
                Item("10", "biofeedback", 4),
            ],
        };
        return new BenchmarkCase(TenItems, request, new Dictionary<string, string>
        {
            ["1"] = "cpmtg-pm-myalgia",
            ["2"] = "cpmtg-massage",
            ["3"] = "cpmtg-manip-low-back",
            // The knee is a not-recommended region: the peer's "recommended" rule decides that, and the engine's
            // governing row is cpmtg-manip-knee; the peer reads the general manipulation row for the course numbers.
            ["4"] = "cpmtg-manip-general",
            ["5"] = "acup-schedule",
            ["6"] = "cpmtg-cbt",
            ["7"] = "cpmtg-tpi-myofascial",
            ["8"] = "cpmtg-esi",
            ["9"] = "cpmtg-pm-myalgia",
            ["10"] = "cpmtg-biofeedback",
        });
    }

    private static PriorTreatment Prior(string treatment, int sessions, string start, string end, params string[] regions) => new()
    {
        Treatment = treatment, Sessions = sessions, StartDate = D(start), EndDate = D(end), BodyRegions = regions,
    };

    private static RequestedItem Item(string id, string treatment, int quantity, params string[] regions) => new()
    {
        ItemId = id, Treatment = treatment, Quantity = quantity, BodyRegions = regions,
        ClaimsAdministratorGuidelines = ["MTUS Chronic Pain", "ODG"],
    };
}
