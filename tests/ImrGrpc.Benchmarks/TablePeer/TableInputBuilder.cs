using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Benchmarks.TablePeer;

/// <summary>
/// Builds the table-driven peer's inputs from a case, with lookups precomputed from the version's catalog and rows
/// once, as a team would: the ICD-10 prefix → condition group map (longest prefix wins; a dictionary probed from the
/// longest candidate length down), region umbrellas, treatment attributes (active, passive, unit), the treatments each
/// statutory cap counts, and the post-surgical period that exempts visits from the cap. It counts prior sessions for
/// the governing row once RulesEngine has chosen it. Nothing here calls the engine's evaluation code.
/// </summary>
public sealed class TableInputBuilder
{
    /// <summary>Days after its last session that a prior treatment still counts as ongoing (the engine's rule).</summary>
    private const int OngoingDays = 30;

    private readonly Dictionary<string, string> _icd;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _icdLookup;
    private readonly int _shortestPrefix;
    private readonly int _longestPrefix;
    private readonly bool _shortestFirst;
    private readonly Dictionary<string, IReadOnlyList<string>> _includes;
    private readonly Dictionary<string, TreatmentInfo> _treatments;
    private readonly Dictionary<string, IReadOnlyList<string>> _capTreatments = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), RuleRow[]> _procedureRows = [];
    private readonly Dictionary<string, RuleRow[]> _anySurgeryRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int?> _defaultPeriod = new(StringComparer.Ordinal);

    public TableInputBuilder(GuidelineBook book, TableMutation mutation = TableMutation.None)
    {
        _icd = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in book.Catalog.ConditionGroups)
        {
            foreach (var prefix in group.Icd10Prefixes)
            {
                _icd.TryAdd(IcdCodes.Normalize(prefix), group.Code);
            }
        }
        _icdLookup = _icd.GetAlternateLookup<ReadOnlySpan<char>>();
        _shortestPrefix = _icd.Count == 0 ? 0 : _icd.Keys.Min(k => k.Length);
        _longestPrefix = _icd.Count == 0 ? 0 : _icd.Keys.Max(k => k.Length);
        _shortestFirst = mutation == TableMutation.ShortestIcdPrefix;
        _includes = book.Catalog.BodyRegions.ToDictionary(r => r.Code, r => r.Includes, StringComparer.Ordinal);
        _treatments = book.Catalog.Treatments.ToDictionary(t => t.Code, StringComparer.Ordinal);

        var rows = book.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        foreach (var cap in rows.Where(r => r.Role == RuleRole.StatutoryCap))
        {
            foreach (var t in cap.Treatments)
            {
                _capTreatments.TryAdd(t, cap.Treatments);
            }
        }
        foreach (var t in book.Catalog.Treatments.Select(t => t.Code))
        {
            foreach (var group in rows.Where(r => TableWorkflows.IsPost(r) && r.Role == RuleRole.Course && r.Treatments.Contains(t)).GroupBy(r => r.Procedure!))
            {
                _procedureRows[(t, group.Key)] = [.. group];
            }
            _anySurgeryRows[t] = [.. rows.Where(r => r.Role == RuleRole.Course && r.Phase == Phase.PostSurgical && r.Procedure is null && r.Treatments.Contains(t))];
            // The most specific post-surgical default-period principle: one naming the treatment beats one for all,
            // one for the phase beats one for any phase; the first of equals wins.
            RuleRow? best = null;
            var bestScore = -1;
            foreach (var p in rows.Where(r => r.Role == RuleRole.Principle && r.Principle == PrincipleCodes.PostSurgicalDefaultPeriod))
            {
                var forTreatment = p.Treatments.Count == 0 ? 0 : p.Treatments.Contains(t) ? 2 : -1;
                var forPhase = p.Phase == Phase.Any ? 0 : p.Phase == Phase.PostSurgical ? 1 : -1;
                if (forTreatment >= 0 && forPhase >= 0 && forTreatment + forPhase > bestScore)
                {
                    best = p;
                    bestScore = forTreatment + forPhase;
                }
            }
            _defaultPeriod[t] = best is null ? null : best.PostSurgicalPeriodMonths ?? -1;
        }
    }

    /// <summary>The request-wide facts, and how many requested items are active therapy.</summary>
    public RequestFacts Request(CaseRequest request, out int activeItems)
    {
        var clinical = request.Clinical;
        var diagnoses = clinical.Diagnoses;
        var groups = diagnoses.Count == 0 ? [] : new string?[diagnoses.Count];
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i] = GroupOf(diagnoses[i].Code);
        }

        var items = request.Items;
        var itemTreatments = new string[items.Count];
        activeItems = 0;
        for (var i = 0; i < itemTreatments.Length; i++)
        {
            itemTreatments[i] = items[i].Treatment;
            if (IsActive(items[i].Treatment))
            {
                activeItems++;
            }
        }

        var cutoff = request.RequestDate.AddDays(-OngoingDays);
        var priors = request.PriorTreatments;
        var ongoingCount = 0;
        for (var i = 0; i < priors.Count; i++)
        {
            if (Ongoing(priors[i], cutoff))
            {
                ongoingCount++;
            }
        }
        var ongoing = ongoingCount == 0 ? [] : new string[ongoingCount];
        var ongoingActive = false;
        for (int i = 0, n = 0; i < priors.Count; i++)
        {
            if (Ongoing(priors[i], cutoff))
            {
                ongoing[n++] = priors[i].Treatment;
                ongoingActive |= IsActive(priors[i].Treatment);
            }
        }

        var before = clinical.PreviousFunction;
        var after = clinical.CurrentFunction;
        var both = before is not null && after is not null;
        var evidence = clinical.FunctionalEvidence;
        var surgery = clinical.Surgery;
        return new RequestFacts
        {
            Groups = groups,
            PostSurgical = clinical.Phase == Phase.PostSurgical && surgery is not null,
            Procedure = surgery?.Procedure ?? "",
            SurgeryDate = surgery is null ? default : surgery.Date.ToDateTime(TimeOnly.MinValue),
            RequestDate = request.RequestDate.ToDateTime(TimeOnly.MinValue),
            InjuryDate = request.InjuryDate.ToDateTime(TimeOnly.MinValue),
            ItemTreatments = itemTreatments,
            OngoingTreatments = ongoing,
            OngoingActive = ongoingActive,
            WorkStatusBefore = both && before!.WorkStatus != WorkStatus.Unknown ? (int)before.WorkStatus : double.NaN,
            WorkStatusAfter = both && after!.WorkStatus != WorkStatus.Unknown ? (int)after.WorkStatus : double.NaN,
            HoursBefore = both ? before!.WorkHoursPerDay ?? double.NaN : double.NaN,
            HoursAfter = both ? after!.WorkHoursPerDay ?? double.NaN : double.NaN,
            LiftingBefore = both ? before!.LiftingLimitLb ?? double.NaN : double.NaN,
            LiftingAfter = both ? after!.LiftingLimitLb ?? double.NaN : double.NaN,
            OpioidsBefore = both && before!.OpioidAgents is { } ob ? ob : double.NaN,
            OpioidsAfter = both && after!.OpioidAgents is { } oa ? oa : double.NaN,
            MedBefore = both ? before!.MorphineEquivalentMgPerDay ?? double.NaN : double.NaN,
            MedAfter = both ? after!.MorphineEquivalentMgPerDay ?? double.NaN : double.NaN,
            RestrictionsTrend = (int)evidence.WorkRestrictions,
            AdlTrend = (int)evidence.ActivitiesOfDailyLiving,
            DependenceTrend = (int)evidence.TreatmentDependence,
            CurrentWorkStatus = after is null ? 0 : (int)after.WorkStatus,
            HomeExercise = Tri(clinical.HomeExerciseProgram),
            RadiculopathyExam = Tri(clinical.Radiculopathy.ExamFindings),
            RadiculopathyImaging = Tri(clinical.Radiculopathy.ImagingCorroborated),
            RadiculopathyElectro = Tri(clinical.Radiculopathy.ElectrodiagnosticCorroborated),
        };
    }

    /// <summary>One item's selection facts. Throws for the post-surgical paths the peer does not implement.</summary>
    public ItemFacts Item(CaseRequest request, RequestedItem item, int activeItems)
    {
        var clinical = request.Clinical;
        var regions = item.BodyRegions.Count > 0 ? item.BodyRegions : clinical.BodyRegions;
        var phase = clinical.Phase == Phase.Any ? Phase.Chronic : clinical.Phase;
        if (phase == Phase.PostSurgical && clinical.Surgery is { } surgery)
        {
            if (!_procedureRows.ContainsKey((item.Treatment, surgery.Procedure)) &&
                PeriodEnd(item.Treatment, surgery, regions) is { } end && request.RequestDate <= end)
            {
                // The engine's "no row for the procedure" paths: a row for care after any surgery, or the default
                // period with no course (physician review).
                throw new NotSupportedException(
                    $"item {item.ItemId}: {item.Treatment} after {surgery.Procedure}, which has no row of its own, is outside the table-driven peer");
            }
            phase = Phase.Chronic; // the course rows answer whenever no row of the procedure governs
        }
        return new ItemFacts
        {
            ItemId = item.ItemId,
            Treatment = item.Treatment,
            CareType = (int)item.CareType,
            Phase = (int)phase,
            Regions = regions as string[] ?? [.. regions],
            Requested = item.Quantity,
            Frequency = item.FrequencyPerWeek ?? 0,
            Weeks = item.DurationWeeks ?? 0,
            ConcurrentActive = activeItems - (IsActive(item.Treatment) ? 1 : 0) > 0,
        };
    }

    /// <summary>What the worker already received, counted for the governing row.</summary>
    public CourseFacts Course(CaseRequest request, RequestedItem item, ItemFacts facts, TableRow governing)
    {
        var row = governing.Row;
        var surgery = request.Clinical.Surgery;
        var regions = facts.Regions;

        // The row's treatments, same body part; since the surgery under a post-surgical row; within the row's window.
        DateOnly? since = governing.Post && surgery is not null ? surgery.Date : null;
        if (row.CourseWindowMonths is { } window)
        {
            var windowStart = request.RequestDate.AddMonths(-window);
            since = since is { } s && s > windowStart ? s : windowStart;
        }
        var prior = 0;
        PriorTreatment? last = null;
        DateOnly? lastDate = null;
        var priors = request.PriorTreatments;
        for (var i = 0; i < priors.Count; i++)
        {
            var p = priors[i];
            if (!Contains(row.Treatments, p.Treatment) || !Overlap(p.BodyRegions, regions))
            {
                continue;
            }
            var end = p.EndDate ?? p.StartDate;
            if (since is { } from && end is { } e && e < from)
            {
                continue;
            }
            prior += p.Sessions;
            if (end is { } en)
            {
                if (lastDate is null || en >= lastDate)
                {
                    lastDate = en;
                    last = p;
                }
            }
            else
            {
                last ??= p;
            }
        }

        // Passive care in the same unit, same body part.
        var passivePrior = 0;
        if (_treatments.TryGetValue(item.Treatment, out var info) && info.Passive)
        {
            for (var i = 0; i < priors.Count; i++)
            {
                var p = priors[i];
                if (_treatments.TryGetValue(p.Treatment, out var other) && other.Passive &&
                    string.Equals(other.Unit, info.Unit, StringComparison.Ordinal) && Overlap(p.BodyRegions, regions))
                {
                    passivePrior += p.Sessions;
                }
            }
        }

        // The cap's treatments on the whole claim, less visits started inside the post-surgical period.
        var capPrior = 0;
        if (!governing.Post && _capTreatments.TryGetValue(item.Treatment, out var capTreatments))
        {
            var exemptTo = surgery is null ? null : PeriodEnd(item.Treatment, surgery, regions);
            for (var i = 0; i < priors.Count; i++)
            {
                var p = priors[i];
                if (!Contains(capTreatments, p.Treatment) ||
                    (surgery is not null && exemptTo is { } to && p.StartDate is { } start && start >= surgery.Date && start <= to))
                {
                    continue;
                }
                capPrior += p.Sessions;
            }
        }

        return new CourseFacts
        {
            Prior = prior,
            HasLast = last is not null,
            LastReliefPercent = last?.PainReliefPercent ?? -1,
            LastReliefWeeks = last?.ReliefDurationWeeks ?? -1,
            LastMedicationReduced = Tri(last?.MedicationReduced),
            HasLastDate = lastDate is not null,
            LastDate = lastDate is { } d ? d.ToDateTime(TimeOnly.MinValue) : default,
            PassivePrior = passivePrior,
            CapPrior = capPrior,
        };
    }

    /// <summary>The condition group of a normalized ICD-10 code: the longest prefix the catalog maps.</summary>
    public string? GroupOf(string code)
    {
        var longest = Math.Min(code.Length, _longestPrefix);
        if (_shortestFirst)
        {
            for (var length = _shortestPrefix; length <= longest; length++)
            {
                if (_icdLookup.TryGetValue(code.AsSpan(0, length), out var group))
                {
                    return group;
                }
            }
            return null;
        }
        for (var length = longest; length >= _shortestPrefix && length > 0; length--)
        {
            if (_icdLookup.TryGetValue(code.AsSpan(0, length), out var group))
            {
                return group;
            }
        }
        return null;
    }

    /// <summary>
    /// When the post-surgical period of a surgery ends for a treatment: the procedure's row covering the item's
    /// regions (MTUS first), else a row for care after any surgery, else the default-period principle.
    /// </summary>
    private DateOnly? PeriodEnd(string treatment, Surgery surgery, IReadOnlyList<string> regions)
    {
        var rows = _procedureRows.TryGetValue((treatment, surgery.Procedure), out var listed) ? listed : _anySurgeryRows.GetValueOrDefault(treatment, []);
        RuleRow? covering = null;
        foreach (var row in rows)
        {
            if (!Covers(row.BodyRegions, regions))
            {
                continue;
            }
            if (row.Source == SourceKind.Mtus)
            {
                covering = row;
                break;
            }
            covering ??= row;
        }
        var months = covering is not null ? covering.PostSurgicalPeriodMonths : _defaultPeriod.GetValueOrDefault(treatment) is { } m and >= 0 ? m : null;
        return months is { } n ? surgery.Date.AddMonths(n) : null;
    }

    private static bool Ongoing(PriorTreatment prior, DateOnly cutoff) =>
        prior.StartDate is not null && (prior.EndDate is null || prior.EndDate >= cutoff);

    private bool IsActive(string treatment) => _treatments.TryGetValue(treatment, out var info) && info.Active;

    private static int Tri(bool? value) => value switch { true => 1, false => 2, null => 0 };

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A row's regions cover an item's: no regions on either side, or a region the row names or includes.</summary>
    private bool Covers(IReadOnlyList<string> rowRegions, IReadOnlyList<string> itemRegions)
    {
        if (rowRegions.Count == 0 || itemRegions.Count == 0)
        {
            return true;
        }
        for (var r = 0; r < rowRegions.Count; r++)
        {
            for (var i = 0; i < itemRegions.Count; i++)
            {
                if (Includes(rowRegions[r], itemRegions[i]))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Two region lists concern the same body part: either may be an umbrella of the other.</summary>
    private bool Overlap(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return true;
        }
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++)
            {
                if (Includes(a[i], b[j]) || Includes(b[j], a[i]))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private bool Includes(string outer, string inner) =>
        string.Equals(outer, inner, StringComparison.Ordinal) || (_includes.TryGetValue(outer, out var list) && Contains(list, inner));
}
