using System.Globalization;
using ImrGrpc.Engine;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;
using static ImrGrpc.Engine.Cases.CaseLimits;
using Proto = Imr.V1;
using EngineModel = ImrGrpc.Engine.Model;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// Maps a request from the contract to the engine's types, checking the shape of every field on the way and
/// collecting one problem per bad field (never just the first). Codes are checked later, against the catalog of the
/// version that decides the request. A valid request costs no strings: field paths and messages are only written
/// for fields that are wrong. Sizes are the engine's own limits (<see cref="CaseLimits"/>), refused here before mapping.
/// </summary>
public static class RequestMapper
{
    /// <summary>The mapped request, or null when the request or injury date is unusable (the problems say why).</summary>
    public static CaseRequest? Map(Proto.EvaluateRequestRequest r, List<FieldProblem> problems, string prefix = "")
    {
        var p = new Problems(problems, prefix);
        Text(p, new("case_id"), r.CaseId, MaxIdLength);
        var reviewType = r.ReviewType switch
        {
            Proto.ReviewType.Unspecified or Proto.ReviewType.Imr => ReviewType.Imr,
            Proto.ReviewType.Ur => ReviewType.Ur,
            _ => p.Enum(new("review_type"), (int)r.ReviewType, ReviewType.Imr),
        };
        var requestDate = RequiredDate(p, new("request_date"), r.RequestDate);
        var injuryDate = RequiredDate(p, new("injury_date"), r.InjuryDate);
        if (requestDate is { } rd && injuryDate is { } id && id > rd)
        {
            p.Add(new("injury_date"), $"injury date {id:yyyy-MM-dd} is after the request date {rd:yyyy-MM-dd}");
        }
        Text(p, new("guideline_version"), r.GuidelineVersion, MaxIdLength);

        var clinical = Clinical(p, r.Clinical, injuryDate, requestDate);
        var priors = PriorTreatments(p, r.PriorTreatments, requestDate);
        var items = Items(p, r.Items);

        if (requestDate is null || injuryDate is null)
        {
            return null;
        }
        return new CaseRequest
        {
            CaseId = r.CaseId,
            ReviewType = reviewType,
            RequestDate = requestDate.Value,
            InjuryDate = injuryDate.Value,
            GuidelineVersion = string.IsNullOrEmpty(r.GuidelineVersion) ? null : r.GuidelineVersion,
            Clinical = clinical,
            PriorTreatments = priors,
            Items = items,
        };
    }

    private static ClinicalFacts Clinical(Problems p, Proto.ClinicalFacts? c, DateOnly? injury, DateOnly? request)
    {
        if (c is null)
        {
            p.Add(new("clinical"), "is required (at least clinical.phase)");
            return new ClinicalFacts();
        }
        var phase = c.Phase switch
        {
            Proto.ClinicalPhase.Chronic => EngineModel.Phase.Chronic,
            Proto.ClinicalPhase.Acute => EngineModel.Phase.Acute,
            Proto.ClinicalPhase.PostSurgical => EngineModel.Phase.PostSurgical,
            Proto.ClinicalPhase.Unspecified => p.Invalid(new("clinical.phase"), "is required: CLINICAL_PHASE_CHRONIC, CLINICAL_PHASE_ACUTE or CLINICAL_PHASE_POST_SURGICAL", EngineModel.Phase.Chronic),
            _ => p.Enum(new("clinical.phase"), (int)c.Phase, EngineModel.Phase.Chronic),
        };

        p.Limit(new("clinical.diagnoses"), c.Diagnoses.Count, MaxDiagnoses);
        var diagnoses = c.Diagnoses.Count == 0 ? [] : new Diagnosis[Math.Min(c.Diagnoses.Count, MaxDiagnoses)];
        for (var i = 0; i < diagnoses.Length; i++)
        {
            var d = c.Diagnoses[i];
            var code = IcdCodes.Normalize(d.Code ?? "");
            if (!IsIcd10(code))
            {
                p.Add(new("clinical.diagnoses", i, "code"), $"'{Clip(d.Code ?? "")}' is not an ICD-10-CM code (a letter, two characters, then up to four after the dot, e.g. M54.50)");
            }
            Text(p, new("clinical.diagnoses", i, "description"), d.Description, MaxTextLength);
            diagnoses[i] = new Diagnosis(code, d.Description ?? "");
        }

        var regions = Regions(p, new("clinical.body_regions"), c.BodyRegions);

        Surgery? surgery = null;
        if (c.Surgery is { } s && (s.Procedure.Length > 0 || s.Date.Length > 0))
        {
            Code(p, new("clinical.surgery.procedure"), s.Procedure, required: true);
            var date = RequiredDate(p, new("clinical.surgery.date"), s.Date);
            if (date is { } sd)
            {
                if (injury is { } inj && sd < inj)
                {
                    p.Add(new("clinical.surgery.date"), $"surgery date {sd:yyyy-MM-dd} is before the injury date {inj:yyyy-MM-dd}");
                }
                if (request is { } req && sd > req)
                {
                    p.Add(new("clinical.surgery.date"), $"surgery date {sd:yyyy-MM-dd} is after the request date {req:yyyy-MM-dd}");
                }
                surgery = new Surgery(s.Procedure, sd);
            }
        }
        if (phase == EngineModel.Phase.PostSurgical && (c.Surgery is null || c.Surgery.Procedure.Length == 0))
        {
            p.Add(new("clinical.surgery"), "is required for CLINICAL_PHASE_POST_SURGICAL (procedure and date)");
        }

        var before = Snapshot(p, "clinical.previous_function", c.PreviousFunction, request);
        var after = Snapshot(p, "clinical.current_function", c.CurrentFunction, request);
        if (before?.Date is { } b && after?.Date is { } a && b > a)
        {
            p.Add(new("clinical.previous_function.date"), $"previous function date {b:yyyy-MM-dd} is after the current function date {a:yyyy-MM-dd}");
        }

        var evidence = FunctionalEvidence.None;
        if (c.FunctionalEvidence is { } e)
        {
            evidence = new FunctionalEvidence(
                Trend(p, new("clinical.functional_evidence.work_restrictions"), e.WorkRestrictions),
                Trend(p, new("clinical.functional_evidence.activities_of_daily_living"), e.ActivitiesOfDailyLiving),
                Trend(p, new("clinical.functional_evidence.treatment_dependence"), e.TreatmentDependence));
        }

        var radiculopathy = RadiculopathyFindings.None;
        if (c.Radiculopathy is { } rf)
        {
            radiculopathy = new RadiculopathyFindings(
                rf.HasExamFindings ? rf.ExamFindings : null,
                rf.HasImagingCorroborated ? rf.ImagingCorroborated : null,
                rf.HasElectrodiagnosticCorroborated ? rf.ElectrodiagnosticCorroborated : null);
        }

        return new ClinicalFacts
        {
            Phase = phase,
            Diagnoses = diagnoses,
            BodyRegions = regions,
            Surgery = surgery,
            PreviousFunction = before,
            CurrentFunction = after,
            FunctionalEvidence = evidence,
            HomeExerciseProgram = c.HasHomeExerciseProgram ? c.HomeExerciseProgram : null,
            Radiculopathy = radiculopathy,
        };
    }

    private static FunctionSnapshot? Snapshot(Problems p, string field, Proto.FunctionSnapshot? s, DateOnly? request)
    {
        if (s is null)
        {
            return null;
        }
        var date = OptionalDate(p, new(field, "date"), s.Date);
        if (date is { } d && request is { } r && d > r)
        {
            p.Add(new(field, "date"), $"function date {d:yyyy-MM-dd} is after the request date {r:yyyy-MM-dd}");
        }
        var status = s.WorkStatus switch
        {
            Proto.WorkStatus.Unspecified => WorkStatus.Unknown,
            Proto.WorkStatus.OffWork => WorkStatus.OffWork,
            Proto.WorkStatus.ModifiedDuty => WorkStatus.ModifiedDuty,
            Proto.WorkStatus.FullDuty => WorkStatus.FullDuty,
            _ => p.Enum(new(field, "work_status"), (int)s.WorkStatus, WorkStatus.Unknown),
        };
        return new FunctionSnapshot
        {
            Date = date,
            WorkStatus = status,
            WorkHoursPerDay = s.HasWorkHoursPerDay ? Number(p, new(field, "work_hours_per_day"), s.WorkHoursPerDay, 0, 24) : null,
            LiftingLimitLb = s.HasLiftingLimitLb ? Number(p, new(field, "lifting_limit_lb"), s.LiftingLimitLb, 0, 500) : null,
            OpioidAgents = s.HasOpioidAgents ? Whole(p, new(field, "opioid_agents"), s.OpioidAgents, 0, 20) : null,
            MorphineEquivalentMgPerDay = s.HasMorphineEquivalentMgPerDay
                ? Number(p, new(field, "morphine_equivalent_mg_per_day"), s.MorphineEquivalentMgPerDay, 0, 10_000)
                : null,
        };
    }

    private static PriorTreatment[] PriorTreatments(Problems p, IReadOnlyList<Proto.PriorTreatment> list, DateOnly? request)
    {
        p.Limit(new("prior_treatments"), list.Count, MaxPriorTreatments);
        var priors = list.Count == 0 ? [] : new PriorTreatment[Math.Min(list.Count, MaxPriorTreatments)];
        for (var i = 0; i < priors.Length; i++)
        {
            var t = list[i];
            Code(p, new("prior_treatments", i, "treatment"), t.Treatment, required: true);
            var sessions = Whole(p, new("prior_treatments", i, "sessions"), t.Sessions, 0, 10_000);
            var start = OptionalDate(p, new("prior_treatments", i, "start_date"), t.StartDate);
            var end = OptionalDate(p, new("prior_treatments", i, "end_date"), t.EndDate);
            if (start is { } s && end is { } e && s > e)
            {
                p.Add(new("prior_treatments", i, "end_date"), $"end date {e:yyyy-MM-dd} is before the start date {s:yyyy-MM-dd}");
            }
            if (end is { } en && request is { } r && en > r)
            {
                p.Add(new("prior_treatments", i, "end_date"), $"end date {en:yyyy-MM-dd} is after the request date {r:yyyy-MM-dd}");
            }
            else if (start is { } st && request is { } r2 && st > r2)
            {
                p.Add(new("prior_treatments", i, "start_date"), $"start date {st:yyyy-MM-dd} is after the request date {r2:yyyy-MM-dd}");
            }
            priors[i] = new PriorTreatment
            {
                Treatment = t.Treatment,
                Sessions = sessions,
                StartDate = start,
                EndDate = end,
                BodyRegions = Regions(p, new("prior_treatments", i, "body_regions"), t.BodyRegions),
                PainReliefPercent = t.HasPainReliefPercent ? Whole(p, new("prior_treatments", i, "pain_relief_percent"), t.PainReliefPercent, 0, 100) : null,
                ReliefDurationWeeks = t.HasReliefDurationWeeks ? Whole(p, new("prior_treatments", i, "relief_duration_weeks"), t.ReliefDurationWeeks, 0, 520) : null,
                MedicationReduced = t.HasMedicationReduced ? t.MedicationReduced : null,
            };
        }
        return priors;
    }

    private static RequestedItem[] Items(Problems p, IReadOnlyList<Proto.RequestedItem> list)
    {
        if (list.Count == 0)
        {
            p.Add(new("items"), "at least one disputed item is required");
        }
        p.Limit(new("items"), list.Count, MaxItems);
        var items = list.Count == 0 ? [] : new RequestedItem[Math.Min(list.Count, MaxItems)];
        // Ids seen so far go into a set kept per thread: comparing each id with every earlier one was 4,950 string
        // comparisons for 100 items, a tenth of the mapping's time (perf, docs/PERFORMANCE.md "Fifth pass").
        var seen = ThreadKept<ItemIdSet>.Take() ?? new ItemIdSet();
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Item(p, list, i, seen);
        }
        // Kept only when this request is done with it (an exception leaves it to the collector): the next finds it empty.
        seen.Clear();
        ThreadKept<ItemIdSet>.Keep(seen);
        return items;
    }

    /// <summary>The item ids a request has used so far; a type of its own, so the thread keeps one for this alone.</summary>
    private sealed class ItemIdSet() : HashSet<string>(StringComparer.Ordinal);

    private static RequestedItem Item(Problems p, IReadOnlyList<Proto.RequestedItem> list, int i, ItemIdSet seen)
    {
        var t = list[i];
        if (string.IsNullOrWhiteSpace(t.ItemId))
        {
            p.Add(new("items", i, "item_id"), "is required");
        }
        else if (!seen.Add(t.ItemId))
        {
            p.Add(new("items", i, "item_id"), $"item id '{Clip(t.ItemId)}' is used by an earlier item; item ids must be unique");
        }
        Text(p, new("items", i, "item_id"), t.ItemId, MaxIdLength);
        Text(p, new("items", i, "description"), t.Description, MaxTextLength);
        Code(p, new("items", i, "treatment"), t.Treatment, required: true);
        var quantity = Whole(p, new("items", i, "quantity"), t.Quantity, 1, MaxQuantity);
        var frequency = Whole(p, new("items", i, "frequency_per_week"), t.FrequencyPerWeek, 0, 14);
        var duration = Whole(p, new("items", i, "duration_weeks"), t.DurationWeeks, 0, 104);
        var authorized = Whole(p, new("items", i, "employer_authorized_visits"), t.EmployerAuthorizedVisits, 0, MaxQuantity);
        var citedCount = t.ClaimsAdministratorGuidelines.Count;
        p.Limit(new("items", i, "claims_administrator_guidelines"), citedCount, MaxCitedGuidelines);
        var cited = citedCount == 0 ? [] : new string[Math.Min(citedCount, MaxCitedGuidelines)];
        for (var g = 0; g < cited.Length; g++)
        {
            cited[g] = t.ClaimsAdministratorGuidelines[g];
            Text(p, new("items", i, "claims_administrator_guidelines", g), cited[g], 200);
        }
        var care = t.CareType switch
        {
            Proto.CareType.Unspecified or Proto.CareType.Therapeutic => EngineModel.CareType.Therapeutic,
            Proto.CareType.Maintenance => EngineModel.CareType.Maintenance,
            Proto.CareType.FlareUp => EngineModel.CareType.FlareUp,
            _ => p.Enum(new("items", i, "care_type"), (int)t.CareType, EngineModel.CareType.Therapeutic),
        };
        return new RequestedItem
        {
            ItemId = t.ItemId,
            Description = t.Description,
            Treatment = t.Treatment,
            Quantity = quantity,
            BodyRegions = Regions(p, new("items", i, "body_regions"), t.BodyRegions),
            FrequencyPerWeek = frequency > 0 ? frequency : null,
            DurationWeeks = duration > 0 ? duration : null,
            ClaimsAdministratorGuidelines = cited,
            CareType = care,
            EmployerAuthorizedVisits = authorized,
        };
    }

    // ------------------------------------------------------------------ field checks

    /// <summary>Region codes as sent (violations name the caller's own positions); the decision id ignores their order.</summary>
    private static string[] Regions(Problems p, FieldPath field, IReadOnlyList<string> regions)
    {
        var count = regions.Count;
        if (count == 0)
        {
            return [];
        }
        p.Limit(field, count, MaxRegions);
        count = Math.Min(count, MaxRegions);
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = regions[i];
            Code(p, field.At(i), regions[i], required: true);
        }
        return result;
    }

    private static void Code(Problems p, FieldPath field, string value, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                p.Add(field, "is required (a catalog code; ListCatalogCodes lists them)");
            }
            return;
        }
        if (value.Length > MaxCodeLength)
        {
            p.Add(field, $"is {value.Length} characters long; catalog codes are at most {MaxCodeLength}");
        }
    }

    private static void Text(Problems p, FieldPath field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            p.Add(field, $"is {value.Length} characters long; at most {max} are allowed");
        }
    }

    private static DateOnly? RequiredDate(Problems p, FieldPath field, string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            p.Add(field, "is required (ISO date YYYY-MM-DD)");
            return null;
        }
        return OptionalDate(p, field, value);
    }

    private static DateOnly? OptionalDate(Problems p, FieldPath field, string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (IsoDate.TryParse(value, out var date) && date.Year is >= 1900 and <= 2200)
        {
            return date;
        }
        p.Add(field, $"'{Clip(value)}' is not a real date in the form YYYY-MM-DD");
        return null;
    }

    private static int Whole(Problems p, FieldPath field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            p.Add(field, $"{value} is out of range {min}..{max}");
            return Math.Clamp(value, min, max);
        }
        return value;
    }

    private static double Number(Problems p, FieldPath field, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            p.Add(field, $"{value.ToString(CultureInfo.InvariantCulture)} is out of range {min}..{max}");
            return double.IsFinite(value) ? Math.Clamp(value, min, max) : min;
        }
        return value;
    }

    private static Trend Trend(Problems p, FieldPath field, Proto.Trend value) => value switch
    {
        Proto.Trend.Unspecified => Engine.Cases.Trend.Unknown,
        Proto.Trend.Improved => Engine.Cases.Trend.Improved,
        Proto.Trend.Unchanged => Engine.Cases.Trend.Unchanged,
        Proto.Trend.Worsened => Engine.Cases.Trend.Worsened,
        _ => p.Enum(field, (int)value, Engine.Cases.Trend.Unknown),
    };

    /// <summary>ICD-10-CM shape after normalization: a letter, a digit, a letter or digit, then up to four after a dot.</summary>
    private static bool IsIcd10(string code)
    {
        if (code.Length < 3 || code.Length > 8 || !char.IsAsciiLetterUpper(code[0]) || !char.IsAsciiDigit(code[1]) || !char.IsAsciiLetterOrDigit(code[2]))
        {
            return false;
        }
        if (code.Length == 3)
        {
            return true;
        }
        if (code[3] != '.' || code.Length == 4)
        {
            return false;
        }
        for (var i = 4; i < code.Length; i++)
        {
            if (!char.IsAsciiLetterUpper(code[i]) && !char.IsAsciiDigit(code[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "...";

    /// <summary>
    /// A field's path in the contract ("items[0].body_regions[1]"), written out only when the field is wrong:
    /// a collection and its index, then an optional child and its index.
    /// </summary>
    private readonly struct FieldPath(string head, int index = -1, string? child = null, int childIndex = -1)
    {
        public FieldPath(string head, string child)
            : this(head, -1, child)
        {
        }

        public FieldPath At(int i) => child is null ? new(head, i) : new(head, index, child, i);

        public override string ToString()
        {
            var text = index >= 0 ? $"{head}[{index}]" : head;
            if (child is not null)
            {
                text += "." + child;
            }
            return childIndex >= 0 ? $"{text}[{childIndex}]" : text;
        }
    }

    /// <summary>Collects problems under a path prefix ("request." inside ExplainRationale).</summary>
    private readonly struct Problems(List<FieldProblem> list, string prefix)
    {
        public void Add(FieldPath field, string description) => list.Add(new FieldProblem(prefix + field.ToString(), description));

        public T Invalid<T>(FieldPath field, string description, T fallback)
        {
            Add(field, description);
            return fallback;
        }

        public T Enum<T>(FieldPath field, int value, T fallback) => Invalid(field, $"{value} is not a known enum value", fallback);

        public void Limit(FieldPath field, int count, int max)
        {
            if (count > max)
            {
                Add(field, $"{count} entries; at most {max} are allowed");
            }
        }
    }
}
