using FsCheck;
using FsCheck.Fluent;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Model;
using ImrGrpc.Engine.Rationale;

namespace ImrGrpc.Engine.Tests;

/// <summary>
/// Invariants a reviewer relies on, checked on generated cases against the seed tables (mtus-2009, chronic phase):
/// more treatment already given never makes an item easier to certify; better function never makes it harder; the
/// same request always decides and reads the same, whatever case was decided before it.
/// </summary>
public sealed class PropertyTests
{
    private static readonly string[] Treatments =
        ["physical_therapy", "occupational_therapy", "aquatic_therapy", "massage", "manipulation", "acupuncture", "psychotherapy",
         "biofeedback", "functional_restoration_program", "work_conditioning", "tens", "trigger_point_injection", "epidural_steroid_injection"];
    private static readonly string[] Diagnoses = ["M79.1", "M54.16", "G90.511", "M79.18", "M54.50", "M54.2", "G89.4", "M51.26", "S83.2"];
    private static readonly string[] Regions = ["lumbar_spine", "cervical_spine", "knee", "shoulder", "forearm_wrist_hand"];

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(1500);

    private static Gen<FunctionSnapshot?> Snapshot =>
        from present in Gen.Frequency((1, Gen.Constant(false)), (3, Gen.Constant(true)))
        from status in Gen.Elements(WorkStatus.Unknown, WorkStatus.OffWork, WorkStatus.ModifiedDuty, WorkStatus.FullDuty)
        from hours in Gen.Elements<double?>(null, 0, 4, 6, 8)
        from lifting in Gen.Elements<double?>(null, 10, 20, 40)
        from opioids in Gen.Elements<int?>(null, 0, 1, 2, 3)
        select present ? new FunctionSnapshot { WorkStatus = status, WorkHoursPerDay = hours, LiftingLimitLb = lifting, OpioidAgents = opioids } : null;

    private static Gen<CaseRequest> Cases =>
        from treatment in Gen.Elements(Treatments)
        from quantity in Gen.Choose(1, 30)
        from prior in Gen.Choose(0, 30)
        from dx in Gen.Elements(Diagnoses)
        from region in Gen.Elements(Regions)
        from hep in Gen.Elements<bool?>(null, true, false)
        from before in Snapshot
        from after in Snapshot
        from trend in Gen.Elements(Trend.Unknown, Trend.Improved, Trend.Unchanged, Trend.Worsened)
        from ur in Gen.Elements(ReviewType.Imr, ReviewType.Ur)
        from injuryYear in Gen.Choose(2001, 2012)
        from relief in Gen.Elements<int?>(null, 20, 50, 70)
        from care in Gen.Elements(CareType.Therapeutic, CareType.Therapeutic, CareType.FlareUp, CareType.Maintenance)
        select new CaseRequest
        {
            CaseId = "P",
            ReviewType = ur,
            RequestDate = new DateOnly(2013, 9, 2),
            InjuryDate = new DateOnly(injuryYear, 3, 1),
            Clinical = new ClinicalFacts
            {
                Phase = Phase.Chronic,
                Diagnoses = [new Diagnosis(dx, "")],
                BodyRegions = [region],
                HomeExerciseProgram = hep,
                PreviousFunction = before,
                CurrentFunction = after,
                FunctionalEvidence = new FunctionalEvidence(trend, Trend.Unknown, trend),
                Radiculopathy = new RadiculopathyFindings(true, true, null),
            },
            PriorTreatments = prior == 0 ? [] :
                [new PriorTreatment
                {
                    Treatment = treatment, Sessions = prior, StartDate = new DateOnly(2013, 1, 7), EndDate = new DateOnly(2013, 4, 1),
                    BodyRegions = [region], PainReliefPercent = relief, ReliefDurationWeeks = 8, MedicationReduced = true,
                }],
            Items = [new RequestedItem { ItemId = "1", Treatment = treatment, Quantity = quantity, BodyRegions = [region], CareType = care }],
        };

    private static ItemDecision Decide(CaseRequest request) => DecisionEngine.Evaluate(SeedBook.Mtus2009, request).Items[0];

    private static bool Certifies(ItemDecision item) => item.Determination == Determination.MedicallyNecessary;

    [Fact]
    public void More_prior_sessions_never_turn_a_denial_into_a_certification()
    {
        var property =
            from request in Cases
            from extra in Gen.Choose(1, 20)
            select (request, extra);
        Prop.ForAll(property.ToArbitrary(), t =>
        {
            var (request, extra) = t;
            var before = Decide(request);
            if (Certifies(before) || !PastTrial(before))
            {
                // The one deliberate exception: a first request larger than the trial is denied until the trial has been
                // given; once it has, the same request can be certified on documented improvement. Covered by the
                // next property instead.
                return true;
            }
            var more = request with
            {
                PriorTreatments = [.. request.PriorTreatments.Select(p => p with { Sessions = p.Sessions + extra })],
            };
            if (more.PriorTreatments.Count == 0)
            {
                more = more with
                {
                    PriorTreatments = [new PriorTreatment { Treatment = request.Items[0].Treatment, Sessions = extra, BodyRegions = request.Clinical.BodyRegions }],
                };
            }
            return !Certifies(Decide(more));
        }).Check(Config);
    }

    /// <summary>Whether the item is judged past its trial (or has none), so more prior treatment only adds to totals.</summary>
    private static bool PastTrial(ItemDecision item)
    {
        var trial = item.Criteria.FirstOrDefault(c => c.Code == CriterionCode.TrialCourse);
        return trial.Reason is Reason.TrialCompleted or Reason.NoTrialInRow or Reason.EpisodeNoTrial || item.Governing is null;
    }

    [Fact]
    public void More_prior_sessions_never_raise_the_approvable_quantity_past_the_trial()
    {
        Prop.ForAll(Cases.ToArbitrary(), request =>
        {
            var before = Decide(request);
            var more = request with
            {
                PriorTreatments = [.. request.PriorTreatments, new PriorTreatment { Treatment = request.Items[0].Treatment, Sessions = 3, BodyRegions = request.Clinical.BodyRegions }],
            };
            var after = Decide(more);
            return !PastTrial(before) || after.ApprovableQuantity <= before.ApprovableQuantity;
        }).Check(Config);
    }

    [Fact]
    public void Better_function_never_turns_a_certification_into_a_denial()
    {
        Prop.ForAll(Cases.ToArbitrary(), request =>
        {
            var before = Decide(request);
            if (!Certifies(before))
            {
                return true;
            }
            var clinical = request.Clinical;
            var improved = request with
            {
                Clinical = clinical with
                {
                    CurrentFunction = Better(clinical.PreviousFunction, clinical.CurrentFunction),
                    FunctionalEvidence = new FunctionalEvidence(Trend.Improved, Trend.Improved, Trend.Improved),
                },
            };
            return Certifies(Decide(improved));
        }).Check(Config);
    }

    /// <summary>The current snapshot with every measure at least as good as before.</summary>
    private static FunctionSnapshot? Better(FunctionSnapshot? before, FunctionSnapshot? current)
    {
        if (current is null)
        {
            return null;
        }
        return current with
        {
            WorkStatus = current.WorkStatus == WorkStatus.Unknown ? WorkStatus.Unknown : WorkStatus.FullDuty,
            WorkHoursPerDay = current.WorkHoursPerDay is null ? null : Math.Max(current.WorkHoursPerDay.Value, before?.WorkHoursPerDay ?? 0) + 1,
            LiftingLimitLb = current.LiftingLimitLb is null ? null : Math.Max(current.LiftingLimitLb.Value, before?.LiftingLimitLb ?? 0) + 5,
            OpioidAgents = current.OpioidAgents is null ? null : Math.Max(0, Math.Min(current.OpioidAgents.Value, (before?.OpioidAgents ?? 0) - 1)),
        };
    }

    [Fact]
    public void Same_request_always_gives_the_same_decision_id_and_text()
    {
        Prop.ForAll(Cases.ToArbitrary(), request =>
        {
            var a = DecisionEngine.Evaluate(SeedBook.Mtus2009, request);
            var copy = request with { Items = [.. request.Items.Select(i => i with { })], Clinical = request.Clinical with { } };
            var b = DecisionEngine.Evaluate(SeedBook.Mtus2009, copy);
            return a.DecisionId == b.DecisionId
                && RationaleRenderer.Render(a, RationaleFormat.Text).Document == RationaleRenderer.Render(b, RationaleFormat.Text).Document
                && RationaleRenderer.Render(a, RationaleFormat.Markdown).Document == RationaleRenderer.Render(b, RationaleFormat.Markdown).Document;
        }).Check(Config);
    }

    /// <summary>Body regions are a set for the decision id: any order, any repeats, the same id.</summary>
    [Fact]
    public void The_decision_id_reads_body_regions_as_a_set()
    {
        var lists = Gen.ListOf(Gen.Elements(Regions)).Where(l => l.Count is > 0 and <= 20);
        Prop.ForAll(Cases.ToArbitrary(), lists.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (request, regions, seed) =>
        {
            var random = new Random(seed);
            var shuffled = regions.Concat(regions.Take(random.Next(regions.Count))).OrderBy(_ => random.Next()).ToList();
            var a = request with { Clinical = request.Clinical with { BodyRegions = [.. regions] } };
            var b = request with { Clinical = request.Clinical with { BodyRegions = shuffled } };
            var differentSet = request with { Clinical = request.Clinical with { BodyRegions = [.. regions, "hip"] } };
            var id = DecisionIds.Compute(a, "h");
            return id == DecisionIds.Compute(b, "h") && (regions.Contains("hip") || id != DecisionIds.Compute(differentSet, "h"));
        }).Check(Config.WithMaxTest(500));
    }

    /// <summary>The engine keeps its trace buffers per thread between cases: nothing of one case may reach the next.</summary>
    [Fact]
    public void A_decision_does_not_depend_on_the_case_decided_before_it_on_the_thread()
    {
        Prop.ForAll(Cases.ToArbitrary(), Cases.ToArbitrary(), (before, request) =>
        {
            CaseDecision? alone = null;
            var fresh = new Thread(() => alone = DecisionEngine.Evaluate(SeedBook.Mtus2009, request));
            fresh.Start();
            fresh.Join();
            DecisionEngine.Evaluate(SeedBook.Mtus2009, before);
            var after = DecisionEngine.Evaluate(SeedBook.Mtus2009, request);
            var (x, y) = (alone!.Items[0], after.Items[0]);
            return alone.DecisionId == after.DecisionId && x.Criteria.SequenceEqual(y.Criteria) && x.Findings.SequenceEqual(y.Findings)
                && x.Citations.SequenceEqual(y.Citations) && x.Determination == y.Determination;
        }).Check(Config.WithMaxTest(300));
    }

    [Fact]
    public void Every_generated_case_renders_without_raw_codes()
    {
        Prop.ForAll(Cases.ToArbitrary(), request =>
        {
            var decision = DecisionEngine.Evaluate(SeedBook.Mtus2009, request);
            var text = RationaleRenderer.Render(decision, RationaleFormat.Text).Items[0].Rationale;
            return !System.Text.RegularExpressions.Regex.IsMatch(text, @"\b[a-z]+_[a-z_]+\b") && text.Contains("Therefore, the request for");
        }).Check(Config);
    }
}
