using System.Text.Json.Nodes;
using ImrGrpc.Engine.Model;
using static ImrGrpc.Storage.Bundles.EnumNames;

namespace ImrGrpc.Storage.Bundles;

/// <summary>The one mapping between a rule row and its JSON form (bundles, stored documents, the content hash).</summary>
public static class RuleJson
{
    public static JsonObject ToJson(RuleRow r)
    {
        var o = new JsonObject
        {
            ["id"] = r.Id,
            ["role"] = Name(Roles, r.Role),
            ["source"] = Name(Sources, r.Source),
            ["phase"] = Name(Phases, r.Phase),
            ["care_type"] = Name(CareTypes, r.CareType),
            ["confidence"] = Name(Confidences, r.Confidence),
        };
        o.Put("principle", r.Principle);
        o.Put("guideline", r.Guideline);
        o.Put("edition", r.Edition);
        o.Put("section", r.Section);
        o.Put("pages", r.Pages);
        o.Put("treatments", r.Treatments);
        o.Put("condition_group", r.ConditionGroup);
        o.Put("is_default", r.IsDefault);
        o.Put("body_regions", r.BodyRegions);
        o.Put("procedure", r.Procedure);
        o.Put("not_recommended", r.NotRecommended);
        o.Put("min_visits", r.MinVisits);
        o.Put("max_visits", r.MaxVisits);
        o.Put("over_weeks", r.OverWeeks);
        o.Put("trial_visits", r.TrialVisits);
        o.Put("trial_weeks", r.TrialWeeks);
        o.Put("trial_from", r.TrialFrom);
        o.Put("max_visits_from", r.MaxVisitsFrom);
        o.Put("frequency_per_week_max", r.FrequencyPerWeekMax);
        o.Put("max_per_session", r.MaxPerSession);
        if (r.CourseScope != CourseScope.Claim)
        {
            o["course_scope"] = Name(Scopes, r.CourseScope);
        }
        o.Put("course_window_months", r.CourseWindowMonths);
        o.Put("requires_functional_improvement", r.RequiresFunctionalImprovement);
        if (r.Adjunct != AdjunctRequirement.None)
        {
            o["adjunct"] = Name(Adjuncts, r.Adjunct);
        }
        o.Put("adjunct_treatment", r.AdjunctTreatment);
        if (r.Indication != Indication.None)
        {
            o["indication"] = Name(Indications, r.Indication);
        }
        o.Put("indicated_condition_groups", r.IndicatedConditionGroups);
        o.Put("repeat_min_relief_percent", r.RepeatMinReliefPercent);
        o.Put("repeat_min_relief_weeks", r.RepeatMinReliefWeeks);
        o.Put("repeat_requires_medication_reduction", r.RepeatRequiresMedicationReduction);
        o.Put("min_interval_months", r.MinIntervalMonths);
        o.Put("requires_return_to_work", r.RequiresReturnToWork);
        o.Put("min_months_since_injury", r.MinMonthsSinceInjury);
        o.Put("max_months_since_injury", r.MaxMonthsSinceInjury);
        o.Put("post_surgical_period_months", r.PostSurgicalPeriodMonths);
        o.Put("initial_course_percent", r.InitialCoursePercent);
        if (r.InitialCoursePercent is not null)
        {
            o["initial_course_rounding"] = Name(Roundings, r.InitialCourseRounding);
        }
        o.Put("extends_with_improvement", r.ExtendsWithImprovement);
        o.Put("fi_min_work_hours_gain", r.FiMinWorkHoursGain);
        o.Put("fi_min_lifting_gain_lb", r.FiMinLiftingGainLb);
        o.Put("fi_min_med_reduction_percent", r.FiMinMedReductionPercent);
        o.Put("injury_on_or_after", r.InjuryOnOrAfter);
        o.Put("notes", r.Notes);
        o.Put("confidence_reason", r.ConfidenceReason);
        o.Put("reference_ids", r.ReferenceIds);
        return o;
    }

    public static RuleRow FromJson(JsonObject obj, string path)
    {
        var f = new JsonFieldReader(obj, path);
        var row = new RuleRow
        {
            Id = f.RequiredString("id"),
            Role = f.Enum("role", Roles, RuleRole.Course),
            Principle = f.OptionalString("principle"),
            Source = f.Enum("source", Sources, SourceKind.Mtus),
            Guideline = f.RequiredString("guideline"),
            Edition = f.OptionalString("edition") ?? "",
            Section = f.OptionalString("section") ?? "",
            Pages = f.Strings("pages"),
            Treatments = f.Strings("treatments"),
            Phase = f.Enum("phase", Phases, Phase.Any),
            CareType = f.Enum("care_type", CareTypes, CareType.Therapeutic),
            ConditionGroup = f.OptionalString("condition_group"),
            IsDefault = f.Bool("is_default"),
            BodyRegions = f.Strings("body_regions"),
            Procedure = f.OptionalString("procedure"),
            NotRecommended = f.Bool("not_recommended"),
            MinVisits = f.OptionalInt("min_visits"),
            MaxVisits = f.OptionalInt("max_visits"),
            OverWeeks = f.OptionalInt("over_weeks"),
            TrialVisits = f.OptionalInt("trial_visits"),
            TrialWeeks = f.OptionalInt("trial_weeks"),
            TrialFrom = f.OptionalString("trial_from"),
            MaxVisitsFrom = f.OptionalString("max_visits_from"),
            FrequencyPerWeekMax = f.OptionalInt("frequency_per_week_max"),
            MaxPerSession = f.OptionalInt("max_per_session"),
            CourseScope = f.Enum("course_scope", Scopes, CourseScope.Claim),
            CourseWindowMonths = f.OptionalInt("course_window_months"),
            RequiresFunctionalImprovement = f.Bool("requires_functional_improvement"),
            Adjunct = f.Enum("adjunct", Adjuncts, AdjunctRequirement.None),
            AdjunctTreatment = f.OptionalString("adjunct_treatment"),
            Indication = f.Enum("indication", Indications, Indication.None),
            IndicatedConditionGroups = f.Strings("indicated_condition_groups"),
            RepeatMinReliefPercent = f.OptionalInt("repeat_min_relief_percent"),
            RepeatMinReliefWeeks = f.OptionalInt("repeat_min_relief_weeks"),
            RepeatRequiresMedicationReduction = f.Bool("repeat_requires_medication_reduction"),
            MinIntervalMonths = f.OptionalInt("min_interval_months"),
            RequiresReturnToWork = f.Bool("requires_return_to_work"),
            MinMonthsSinceInjury = f.OptionalInt("min_months_since_injury"),
            MaxMonthsSinceInjury = f.OptionalInt("max_months_since_injury"),
            PostSurgicalPeriodMonths = f.OptionalInt("post_surgical_period_months"),
            InitialCoursePercent = f.OptionalInt("initial_course_percent"),
            InitialCourseRounding = f.Enum("initial_course_rounding", Roundings, Rounding.Up),
            ExtendsWithImprovement = f.Bool("extends_with_improvement"),
            FiMinWorkHoursGain = f.OptionalInt("fi_min_work_hours_gain"),
            FiMinLiftingGainLb = f.OptionalInt("fi_min_lifting_gain_lb"),
            FiMinMedReductionPercent = f.OptionalInt("fi_min_med_reduction_percent"),
            InjuryOnOrAfter = f.OptionalDate("injury_on_or_after"),
            Notes = f.OptionalString("notes") ?? "",
            Confidence = f.Enum("confidence", Confidences, Confidence.Low),
            ConfidenceReason = f.OptionalString("confidence_reason") ?? "",
            ReferenceIds = f.Strings("reference_ids"),
        };
        f.EnsureNoUnknownFields();
        return row;
    }
}

/// <summary>The mapping between the catalog and its JSON form.</summary>
public static class CatalogJson
{
    public static JsonObject ToJson(Catalog c) => new()
    {
        ["treatments"] = new JsonArray(c.Treatments.Select(t =>
        {
            var o = new JsonObject { ["code"] = t.Code, ["description"] = t.Description, ["unit"] = t.Unit };
            o.Put("name", t.Name);
            o.Put("passive", t.Passive);
            o.Put("active", t.Active);
            return (JsonNode?)o;
        }).ToArray()),
        ["body_regions"] = new JsonArray(c.BodyRegions.Select(r =>
        {
            var o = new JsonObject { ["code"] = r.Code, ["description"] = r.Description };
            o.Put("includes", r.Includes);
            return (JsonNode?)o;
        }).ToArray()),
        ["condition_groups"] = new JsonArray(c.ConditionGroups.Select(g =>
        {
            var o = new JsonObject { ["code"] = g.Code, ["description"] = g.Description };
            o.Put("icd10_prefixes", g.Icd10Prefixes);
            return (JsonNode?)o;
        }).ToArray()),
        ["procedures"] = new JsonArray(c.Procedures.Select(p =>
        {
            var o = new JsonObject { ["code"] = p.Code, ["description"] = p.Description };
            o.Put("condition_group", p.ConditionGroup);
            return (JsonNode?)o;
        }).ToArray()),
        ["guideline_aliases"] = new JsonArray(c.GuidelineAliases.Select(a =>
        {
            var o = new JsonObject { ["match"] = a.Match, ["name"] = a.Name };
            o.Put("mtus", a.Mtus);
            return (JsonNode?)o;
        }).ToArray()),
    };

    public static Catalog FromJson(JsonObject obj, string path)
    {
        var f = new JsonFieldReader(obj, path);
        var catalog = new Catalog
        {
            Treatments = Items(f, "treatments", (r, _) => new TreatmentInfo
            {
                Code = r.RequiredString("code"),
                Description = r.OptionalString("description") ?? "",
                Name = r.OptionalString("name") ?? "",
                Unit = r.OptionalString("unit") ?? "visits",
                Passive = r.Bool("passive"),
                Active = r.Bool("active"),
            }),
            BodyRegions = Items(f, "body_regions", (r, _) =>
                new BodyRegionInfo(r.RequiredString("code"), r.OptionalString("description") ?? "", r.Strings("includes"))),
            ConditionGroups = Items(f, "condition_groups", (r, _) =>
                new ConditionGroupInfo(r.RequiredString("code"), r.OptionalString("description") ?? "", r.Strings("icd10_prefixes"))),
            Procedures = Items(f, "procedures", (r, _) =>
                new ProcedureInfo(r.RequiredString("code"), r.OptionalString("description") ?? "", r.OptionalString("condition_group"))),
            GuidelineAliases = Items(f, "guideline_aliases", (r, _) =>
                new GuidelineAlias(r.RequiredString("match"), r.OptionalString("name") ?? "", r.Bool("mtus"))),
        };
        f.EnsureNoUnknownFields();
        return catalog;
    }

    private static T[] Items<T>(JsonFieldReader parent, string key, Func<JsonFieldReader, int, T> read)
    {
        var array = parent.Array(key);
        var items = new T[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"{parent.Path}.{key}[{i}]";
            var obj = array[i] as JsonObject ?? throw new BundleFormatException($"{path} must be an object");
            var reader = new JsonFieldReader(obj, path);
            items[i] = read(reader, i);
            reader.EnsureNoUnknownFields();
        }
        return items;
    }
}
