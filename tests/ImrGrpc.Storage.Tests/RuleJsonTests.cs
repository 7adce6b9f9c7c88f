using System.Text.Json.Nodes;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage.Bundles;

namespace ImrGrpc.Storage.Tests;

/// <summary>Rule rows in bundle JSON: every column survives, and the bytes every published content hash was taken over do not move.</summary>
public sealed class RuleJsonTests
{
    /// <summary>A row on which every column means something (a rounding is only written beside its percentage).</summary>
    private static RuleRow Base => RuleColumns.Blank with { Id = "row", Guideline = "G", InitialCoursePercent = 50 };

    public static TheoryData<string> Columns() => [.. RuleColumns.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Columns))]
    public void Every_column_survives_a_bundle_round_trip(string name)
    {
        var column = RuleColumns.Named(name)!;
        var value = NotDefault(column);
        var row = column.WithValue(Base, value);

        var back = RuleJson.FromJson(JsonNode.Parse(RuleJson.ToJson(row).ToJsonString())!.AsObject(), "row");

        Assert.True(RuleColumn.SameValue(value, column.ValueOf(back)), $"{name}: wrote {Show(value)}, read back {Show(column.ValueOf(back))}");
    }

    [Fact]
    public void A_row_with_every_column_set_comes_back_whole()
    {
        var row = RuleColumns.All.Aggregate(Base, (r, c) => c.WithValue(r, NotDefault(c)));
        var back = RuleJson.FromJson(RuleJson.ToJson(row), "row");
        Assert.All(RuleColumns.All, c => Assert.True(RuleColumn.SameValue(c.ValueOf(row), c.ValueOf(back)), c.Name));
        Assert.Equal(CanonicalJson.Write(RuleJson.ToJson(row)), CanonicalJson.Write(RuleJson.ToJson(back)));
    }

    /// <summary>
    /// Canonical JSON (what content hashes are taken over) and the key order `show --json` prints, as the writer produced
    /// them before the columns were described once: a change here changes the hash of everything published.
    /// </summary>
    [Theory]
    [MemberData(nameof(GoldenRows))]
    public void Rule_json_keeps_the_bytes_every_content_hash_was_taken_over(string id)
    {
        var row = Rows().Single(r => r.Id == id);
        var (canonical, keyOrder) = Golden[id];
        Assert.Equal(canonical, CanonicalJson.Write(RuleJson.ToJson(row)));
        Assert.Equal(keyOrder, RuleJson.ToJson(row).ToJsonString());
    }

    public static TheoryData<string> GoldenRows() => [.. Golden.Keys];

    private static readonly Dictionary<string, (string Canonical, string KeyOrder)> Golden = new()
    {
        ["minimal"] =
        (
            """{"care_type":"therapeutic","confidence":"high","guideline":"G","id":"minimal","phase":"any","role":"course","source":"mtus"}""",
            """{"id":"minimal","role":"course","source":"mtus","phase":"any","care_type":"therapeutic","confidence":"high","guideline":"G"}"""
        ),
        ["every-column"] =
        (
            """{"adjunct":"program","adjunct_treatment":"a","body_regions":["r"],"care_type":"flare_up","condition_group":"c","confidence":"medium","confidence_reason":"cr","course_scope":"episode","course_window_months":8,"edition":"E","extends_with_improvement":true,"fi_min_lifting_gain_lb":10,"fi_min_med_reduction_percent":20,"fi_min_work_hours_gain":2,"frequency_per_week_max":6,"guideline":"G","id":"every-column","indicated_condition_groups":["g1","g2"],"indication":"radiculopathy","initial_course_percent":50,"initial_course_rounding":"down","injury_on_or_after":"2004-01-01","is_default":true,"max_months_since_injury":13,"max_per_session":7,"max_visits":2,"max_visits_from":"mf","min_interval_months":11,"min_months_since_injury":12,"min_visits":1,"not_recommended":true,"notes":"n \"q\"\né'<","over_weeks":3,"pages":["1","2"],"phase":"post_surgical","post_surgical_period_months":14,"principle":"functional_improvement_definition","procedure":"p","reference_ids":["R1"],"repeat_min_relief_percent":9,"repeat_min_relief_weeks":10,"repeat_requires_medication_reduction":true,"requires_functional_improvement":true,"requires_return_to_work":true,"role":"principle","section":"S","source":"non_mtus","treatments":["t"],"trial_from":"tf","trial_visits":4,"trial_weeks":5}""",
            """{"id":"every-column","role":"principle","source":"non_mtus","phase":"post_surgical","care_type":"flare_up","confidence":"medium","principle":"functional_improvement_definition","guideline":"G","edition":"E","section":"S","pages":["1","2"],"treatments":["t"],"condition_group":"c","is_default":true,"body_regions":["r"],"procedure":"p","not_recommended":true,"min_visits":1,"max_visits":2,"over_weeks":3,"trial_visits":4,"trial_weeks":5,"trial_from":"tf","max_visits_from":"mf","frequency_per_week_max":6,"max_per_session":7,"course_scope":"episode","course_window_months":8,"requires_functional_improvement":true,"adjunct":"program","adjunct_treatment":"a","indication":"radiculopathy","indicated_condition_groups":["g1","g2"],"repeat_min_relief_percent":9,"repeat_min_relief_weeks":10,"repeat_requires_medication_reduction":true,"min_interval_months":11,"requires_return_to_work":true,"min_months_since_injury":12,"max_months_since_injury":13,"post_surgical_period_months":14,"initial_course_percent":50,"initial_course_rounding":"down","extends_with_improvement":true,"fi_min_work_hours_gain":2,"fi_min_lifting_gain_lb":10,"fi_min_med_reduction_percent":20,"injury_on_or_after":"2004-01-01","notes":"n \u0022q\u0022\n\u00E9\u0027\u003C","confidence_reason":"cr","reference_ids":["R1"]}"""
        ),
        ["rounding-up-is-written-with-a-percent"] =
        (
            """{"care_type":"therapeutic","confidence":"low","guideline":"G","id":"rounding-up-is-written-with-a-percent","initial_course_percent":50,"initial_course_rounding":"up","phase":"any","role":"statutory_cap","source":"statute"}""",
            """{"id":"rounding-up-is-written-with-a-percent","role":"statutory_cap","source":"statute","phase":"any","care_type":"therapeutic","confidence":"low","guideline":"G","initial_course_percent":50,"initial_course_rounding":"up"}"""
        ),
        ["rounding-without-a-percent-is-not"] =
        (
            """{"care_type":"maintenance","confidence":"high","guideline":"G","id":"rounding-without-a-percent-is-not","phase":"chronic","role":"course","source":"mtus"}""",
            """{"id":"rounding-without-a-percent-is-not","role":"course","source":"mtus","phase":"chronic","care_type":"maintenance","confidence":"high","guideline":"G"}"""
        ),
    };

    private static IEnumerable<RuleRow> Rows() =>
    [
        new() { Id = "minimal", Guideline = "G" },
        new()
        {
            Id = "every-column", Role = RuleRole.Principle, Principle = "functional_improvement_definition", Source = SourceKind.NonMtus, Guideline = "G",
            Edition = "E", Section = "S", Pages = ["1", "2"], Treatments = ["t"], Phase = Phase.PostSurgical, CareType = CareType.FlareUp,
            ConditionGroup = "c", IsDefault = true, BodyRegions = ["r"], Procedure = "p", NotRecommended = true, MinVisits = 1, MaxVisits = 2,
            OverWeeks = 3, TrialVisits = 4, TrialWeeks = 5, TrialFrom = "tf", MaxVisitsFrom = "mf", FrequencyPerWeekMax = 6, MaxPerSession = 7,
            CourseScope = CourseScope.Episode, CourseWindowMonths = 8, RequiresFunctionalImprovement = true, Adjunct = AdjunctRequirement.Program,
            AdjunctTreatment = "a", Indication = Indication.Radiculopathy, IndicatedConditionGroups = ["g1", "g2"], RepeatMinReliefPercent = 9,
            RepeatMinReliefWeeks = 10, RepeatRequiresMedicationReduction = true, MinIntervalMonths = 11, RequiresReturnToWork = true,
            MinMonthsSinceInjury = 12, MaxMonthsSinceInjury = 13, PostSurgicalPeriodMonths = 14, InitialCoursePercent = 50,
            InitialCourseRounding = Rounding.Down, ExtendsWithImprovement = true, FiMinWorkHoursGain = 2, FiMinLiftingGainLb = 10,
            FiMinMedReductionPercent = 20, InjuryOnOrAfter = new DateOnly(2004, 1, 1), Notes = "n \"q\"\né'<", Confidence = Confidence.Medium,
            ConfidenceReason = "cr", ReferenceIds = ["R1"],
        },
        new()
        {
            Id = "rounding-up-is-written-with-a-percent", Guideline = "G", InitialCoursePercent = 50, Role = RuleRole.StatutoryCap,
            Source = SourceKind.Statute, Confidence = Confidence.Low,
        },
        new() { Id = "rounding-without-a-percent-is-not", Guideline = "G", InitialCourseRounding = Rounding.Down, Phase = Phase.Chronic, CareType = CareType.Maintenance },
    ];

    /// <summary>A value of the column's kind other than what its absence means.</summary>
    private static object? NotDefault(RuleColumn column) => column.Kind switch
    {
        ColumnKind.Text => $"{column.Name} \"quoted\" é",
        ColumnKind.Code => $"{column.Name}-code",
        ColumnKind.Number => column.Minimum + 7,
        ColumnKind.Flag => true,
        ColumnKind.Choice => column.Choices.First(c => c != (string?)column.Default),
        ColumnKind.List => new[] { "a", "b" },
        ColumnKind.Date => new DateOnly(2004, 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Kind, null),
    };

    private static string Show(object? value) => value is IReadOnlyList<string> list ? $"[{string.Join(",", list)}]" : $"{value ?? "null"}";
}
