using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Tui;
using ImrGrpc.Admin.ViewModels;
using ImrGrpc.Engine.Impact;

namespace ImrGrpc.Admin.Tests;

/// <summary>Every screen's logic, through its view model over a seeded temporary store; no Terminal.Gui involved.</summary>
public sealed class ViewModelTests : IDisposable
{
    private readonly AdminHarness _store = new();
    private readonly AdminSession _alice;

    public ViewModelTests() => _alice = AdminSession.Open(_store.StorePath, "alice");

    public void Dispose()
    {
        _alice.Dispose();
        _store.Dispose();
    }

    private string Draft() => _alice.CreateDraft("mtus-2017");

    private static string SeedCase => Path.Combine(CliTests.FindRoot(), "examples", "seed-case.json");

    [Fact]
    public void Versions_lists_every_version_and_marks_the_one_in_force_today()
    {
        var vm = new VersionsViewModel(_alice);
        vm.Refresh();

        Assert.Equal(["mtus-2009", "mtus-2015", "mtus-2016", "mtus-2017"], vm.Lines.Select(l => l.Id));
        var current = Assert.Single(vm.Lines, l => l.InForceToday);
        Assert.Equal(("mtus-2017", "*", "2017-12-01..open", "mtus-2016", SeedRows.Of("mtus-2017")), (current.Id, current.Mark, current.Window, current.Parent, current.Rows));
        Assert.All(vm.Lines, l => Assert.Equal("published", l.Status));
        Assert.All(vm.Lines, l => Assert.Equal(8, l.Hash.Length));
        Assert.True(current.Unverified > 0);
        Assert.Contains("* in force today", vm.Legend);
    }

    [Fact]
    public void New_draft_starts_with_a_label_refuses_an_empty_one_and_shows_as_a_draft_with_its_parent()
    {
        var draft = new NewDraftViewModel(_alice, "mtus-2017");
        Assert.StartsWith("Draft of MTUS 2017", draft.Label);
        draft.Label = " ";
        Assert.NotNull(draft.Error);
        draft.Label = "Raise the myalgia PT ceiling";
        var id = draft.Create();

        var versions = new VersionsViewModel(_alice);
        versions.Refresh();
        var line = versions.Lines.Single(l => l.Id == id);
        Assert.True(line.IsDraft);
        Assert.Equal(("draft", "mtus-2017", "(not in service)", "Raise the myalgia PT ceiling"), (line.Status, line.Parent, line.Window, line.Label));
        versions.Abandon(id);
        versions.Refresh();
        Assert.Equal("retired", versions.Lines.Single(l => l.Id == id).Status);
    }

    [Fact]
    public void Rules_filter_by_text_and_treatment_sort_and_mark_low_confidence_rows()
    {
        var vm = new RulesViewModel(_alice, "mtus-2017");
        Assert.Equal(SeedRows.Of("mtus-2017"), vm.Lines.Count);
        Assert.NotNull(vm.ReadOnlyReason);
        Assert.Contains("published versions never change", vm.ReadOnlyReason);

        vm.Filter = "myalgia";
        var row = Assert.Single(vm.Lines);
        Assert.Equal(("cpmtg-pm-myalgia", "9", "10", "8", "!", true), (row.Id, row.Min, row.Max, row.Weeks, row.Mark, row.LowConfidence));
        Assert.Equal("physical_therapy,aquatic_therapy,occupational_therapy", row.Treatments);
        Assert.Contains("FI", row.Flags);

        vm.Filter = "t:massage";
        Assert.NotEmpty(vm.Lines);
        Assert.All(vm.Lines, l => Assert.Contains("massage", l.Treatments));

        vm.Filter = "";
        vm.SortBy(RuleSort.Max);
        vm.SortBy(RuleSort.Max);
        Assert.True(vm.Descending);
        var maxima = vm.Lines.Select(l => l.Record.Row.MaxVisits ?? -1).ToList();
        Assert.Equal(maxima.OrderByDescending(m => m), maxima);
        Assert.Contains("sort: max desc", vm.ShortSummary);
    }

    [Fact]
    public void Rules_of_a_draft_add_delete_and_verify_rows_recording_who()
    {
        var vm = new RulesViewModel(_alice, Draft());
        Assert.Null(vm.ReadOnlyReason);
        Assert.NotNull(vm.CheckNewId("cpmtg-pm-myalgia"));
        Assert.NotNull(vm.CheckNewId("Bad Id"));

        var added = vm.AddCopy("cpmtg-pm-myalgia-2", "cpmtg-pm-myalgia");
        Assert.Equal(SeedRows.Of("mtus-2017") + 1, vm.Total);
        Assert.Equal(10, added.Row.MaxVisits);

        var verified = vm.MarkVerified("cpmtg-pm-myalgia");
        Assert.Equal("alice", verified.VerifiedBy);
        vm.Filter = "cpmtg-pm-myalgia";
        Assert.Equal("v", vm.Lines.Single(l => l.Id == "cpmtg-pm-myalgia").Mark);
        Assert.False(vm.Lines.Single(l => l.Id == "cpmtg-pm-myalgia").LowConfidence);

        vm.Delete("cpmtg-pm-myalgia-2");
        Assert.Equal(SeedRows.Of("mtus-2017"), vm.Total);
    }

    [Fact]
    public void Edit_checks_as_you_type_numbers_only_min_max_trial_and_known_codes()
    {
        var vm = new RuleEditViewModel(_alice, Draft(), "cpmtg-pm-myalgia");
        Assert.False(vm.IsReadOnly);
        Assert.Equal("10", vm.Text("max_visits"));

        vm.SetText("max_visits", "1x");
        Assert.Contains("numbers only", vm.Error("max_visits"));
        vm.SetText("max_visits", "8");
        Assert.Contains("minimum 9 is above the maximum 8", vm.Error("min_visits"));
        vm.SetText("max_visits", "12");
        Assert.False(vm.HasErrors);
        vm.SetText("trial_visits", "13");
        Assert.Contains("trial 13 is above the maximum 12", vm.Error("trial_visits"));
        vm.SetText("trial_visits", "");
        vm.SetText("treatments", "physical_therapy, yoga");
        Assert.Contains("unknown treatment 'yoga'; known: ", vm.Error("treatments"));
        vm.SetText("treatments", "physical_therapy, aquatic_therapy, occupational_therapy");
        vm.SetText("phase", "sometimes");
        Assert.Contains("one of: any, chronic, acute, post_surgical", vm.Error("phase"));
        vm.SetText("phase", "chronic");

        Assert.Equal(SaveOutcome.Invalid, Invalid(vm));
        Assert.True(vm.IsDirty);
        Assert.Equal("*", vm.Lines.Single(l => l.Name == "max_visits").Mark);
    }

    /// <summary>The editor runs the publish check's own row check: what it calls an error blocks both, a warning neither.</summary>
    [Fact]
    public void Edit_calls_an_error_what_publish_calls_an_error_and_a_warning_a_warning()
    {
        var draft = Draft();
        var vm = new RuleEditViewModel(_alice, draft, "cpmtg-pm-myalgia");
        vm.SetText("trial_weeks", "10");
        Assert.Null(vm.Error("trial_weeks"));
        Assert.Contains("trial of 10 weeks is longer than the course of 8 weeks", vm.Warning("trial_weeks"));
        var line = vm.Lines.Single(l => l.Name == "trial_weeks");
        Assert.Equal(("*", "warning: trial of 10 weeks is longer than the course of 8 weeks"), (line.Mark, line.Problem));
        Assert.Equal(SaveOutcome.Saved, vm.Save());
        var atPublish = _alice.Validate(draft).Single(p => p.RuleId == "cpmtg-pm-myalgia" && p.Field == "trial_weeks");
        Assert.Equal((Engine.Validation.Severity.Warning, vm.Warning("trial_weeks")), (atPublish.Severity, atPublish.Message));

        vm.SetText("adjunct_treatment", "yoga");
        Assert.Contains("unknown treatment 'yoga'", vm.Error("adjunct_treatment"));
        Assert.Equal(SaveOutcome.Invalid, vm.Save());
        vm.SetText("adjunct_treatment", "");
        vm.SetText("repeat_min_relief_percent", "150");
        Assert.Contains("150% is not between 0 and 100", vm.Error("repeat_min_relief_percent"));
        vm.SetText("repeat_min_relief_percent", "");
        vm.SetText("guideline", " ");
        Assert.Equal("names no guideline", vm.Error("guideline"));
    }

    private static SaveOutcome Invalid(RuleEditViewModel vm)
    {
        vm.SetText("over_weeks", "eight");
        var outcome = vm.Save();
        vm.SetText("over_weeks", "8");
        return outcome;
    }

    [Fact]
    public void Edit_saves_with_the_row_version_and_a_published_row_is_read_only()
    {
        var draft = Draft();
        var vm = new RuleEditViewModel(_alice, draft, "cpmtg-pm-myalgia");
        vm.SetText("max_visits", "12");
        Assert.Equal(SaveOutcome.Saved, vm.Save());
        Assert.Equal(2, vm.Base.RowVersion);
        Assert.Equal(12, _alice.Store.GetRule(draft, "cpmtg-pm-myalgia").Row.MaxVisits);
        Assert.False(vm.IsDirty);
        Assert.Equal(SaveOutcome.NothingToSave, vm.Save());

        var published = new RuleEditViewModel(_alice, "mtus-2017", "cpmtg-pm-myalgia");
        Assert.True(published.IsReadOnly);
        Assert.Contains("read-only", published.ReadOnlyReason);
        Assert.Equal(SaveOutcome.ReadOnly, published.Save());
        Assert.Equal(10, _alice.Store.GetRule("mtus-2017", "cpmtg-pm-myalgia").Row.MaxVisits);
    }

    [Fact]
    public void A_stale_save_is_refused_naming_who_changed_the_row_and_keeps_everything_typed()
    {
        var draft = Draft();
        using var bob = AdminSession.Open(_store.StorePath, "bob");
        var mine = new RuleEditViewModel(_alice, draft, "cpmtg-pm-myalgia");
        var theirs = new RuleEditViewModel(bob, draft, "cpmtg-pm-myalgia");
        mine.SetText("max_visits", "12");
        mine.SetText("notes", "raised after the 2026 review");
        theirs.SetText("over_weeks", "10");
        Assert.Equal(SaveOutcome.Saved, theirs.Save());

        Assert.Equal(SaveOutcome.Conflict, mine.Save());
        Assert.Contains("changed by bob", mine.Conflict);
        Assert.Equal(["over_weeks"], mine.TheirChanges);
        Assert.Equal("12", mine.Text("max_visits"));
        Assert.Equal("raised after the 2026 review", mine.Text("notes"));
        Assert.Equal(10, _alice.Store.GetRule(draft, "cpmtg-pm-myalgia").Row.MaxVisits);

        mine.KeepMine();
        Assert.Equal("12", mine.Text("max_visits"));
        Assert.Equal(SaveOutcome.Saved, mine.Save());
        var stored = _alice.Store.GetRule(draft, "cpmtg-pm-myalgia");
        Assert.Equal((12, "alice", "raised after the 2026 review"), (stored.Row.MaxVisits, stored.UpdatedBy, stored.Row.Notes));
    }

    [Fact]
    public void After_a_conflict_the_editor_can_take_the_newer_row_instead()
    {
        var draft = Draft();
        using var bob = AdminSession.Open(_store.StorePath, "bob");
        var mine = new RuleEditViewModel(_alice, draft, "cpmtg-pm-myalgia");
        bob.SetLimits(draft, "cpmtg-pm-myalgia", new Storage.LimitChange(MaxVisits: 11));
        mine.SetText("max_visits", "12");
        Assert.Equal(SaveOutcome.Conflict, mine.Save());
        mine.TakeTheirs();
        Assert.Equal("11", mine.Text("max_visits"));
        Assert.False(mine.IsDirty);
        Assert.Null(mine.Conflict);
    }

    [Fact]
    public void Diff_shows_the_changed_row_against_the_version_it_would_replace_with_changed_columns_first()
    {
        var draft = Draft();
        _alice.SetLimits(draft, "cpmtg-pm-myalgia", new Storage.LimitChange(MaxVisits: 12));
        var vm = new DiffViewModel(_alice, draft);
        Assert.Equal("mtus-2017", vm.BeforeId);
        var line = Assert.Single(vm.Lines);
        Assert.Equal(("changed", "cpmtg-pm-myalgia", "max_visits 10 -> 12"), (line.Change, line.RuleId, line.Summary));
        Assert.Contains("1 row differs", vm.Summary);
        var fields = vm.Fields(0);
        Assert.Equal(new FieldDiffLine("max_visits", "10", "12", true), fields[0]);
        Assert.All(fields.Skip(1), f => Assert.False(f.Changed));
        Assert.Empty(vm.Fields(5));
    }

    [Fact]
    public async Task Impact_runs_off_the_calling_thread_and_charts_counts_by_treatment_and_direction()
    {
        var draft = Draft();
        _alice.SetLimits(draft, "cpmtg-pm-myalgia", new Storage.LimitChange(MaxVisits: 12));
        var vm = new ImpactViewModel(_alice, draft, TestCases.Corpus());
        var reported = 0L;
        await vm.RunAsync(new SyncProgress(p => reported = Math.Max(reported, p.Cases)));

        Assert.Equal(RunState.Done, vm.State);
        Assert.Equal(vm.Total, reported);
        Assert.Equal(1f, vm.Fraction);
        Assert.True(vm.Report!.NewlyCertified >= 1);
        var pt = Assert.Single(vm.Chart(80), l => l.StartsWith("physical_therapy", StringComparison.Ordinal));
        Assert.Contains("+1", pt);
        Assert.Contains("#", pt);
        var index = vm.Lines.ToList().FindIndex(l => l.Case == "current-myalgia-pt-at-ceiling");
        Assert.Equal("newly certified", vm.Lines[index].Direction);
        var detail = vm.Detail(index);
        Assert.Contains("BEFORE under mtus-2017: not medically necessary", detail);
        Assert.Contains($"AFTER under {draft}: medically necessary", detail);
        Assert.Contains("IMR ISSUES, DECISIONS AND RATIONALES", detail);
    }

    [Fact]
    public async Task Impact_over_a_file_with_more_changes_than_listed_says_which_are_listed()
    {
        var draft = Draft();
        _alice.SetLimits(draft, "cpmtg-pm-myalgia", new Storage.LimitChange(MaxVisits: 12));
        var vm = new ImpactViewModel(_alice, draft, TestCases.Corpus()) { Limits = new ImpactLimits(MaxChanges: 2) };
        Assert.True(vm.Open(JsonLinesCorpus.Write(Path.Combine(_store.Dir, "chosen.jsonl"), JsonLinesCorpus.Requests.Count * 4)));

        await vm.RunAsync();

        Assert.Equal(RunState.Done, vm.State);
        Assert.Equal(2, vm.Lines.Count);
        Assert.Equal($"The first 2 of {vm.Report!.ChangedItems} changed items, in file order (Enter opens one):", vm.ListTitle);
        Assert.Contains("BEFORE under mtus-2017", vm.Detail(1));
    }

    [Fact]
    public void The_chart_of_a_million_cases_keeps_its_columns_apart_and_fits_the_screen()
    {
        var report = new ImpactReport("mtus-2017", "v1", 1_000_000, 1_015_625, [],
        [
            new TreatmentImpact("aquatic_therapy", 31_250, 5_475, 0, 4_838),
            new TreatmentImpact("physical_therapy", 328_125, 15_058, 12, 16_342),
        ], [], 0);

        var chart = ImpactViewModel.Chart(report, 80);

        Assert.All(chart, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        Assert.Matches(@"^aquatic_therapy\s+\+5475\s+#+\s+-0\s+~4838\s+#+\s+of 31250$", chart[0]);
        Assert.Matches(@"^physical_therapy\s+\+15058\s+#+\s+-12\s+#\s+~16342\s+#+\s+of 328125$", chart[1]);
    }

    [Fact]
    public async Task Impact_can_be_cancelled_and_says_nothing_changed()
    {
        var draft = Draft();
        var cases = TestCases.Corpus();
        var big = cases with { Cases = Enumerable.Repeat(cases.Cases, 400).SelectMany(c => c).ToList() };
        var vm = new ImpactViewModel(_alice, draft, big);
        var started = new TaskCompletionSource();
        var run = vm.RunAsync(new SyncProgress(_ => started.TrySetResult()));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        vm.Cancel();
        await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(RunState.Cancelled, vm.State);
        Assert.Contains("nothing was changed", vm.Status);
        Assert.Null(vm.Report);
    }

    [Fact]
    public async Task Impact_over_a_chosen_file_streams_it_and_can_be_cancelled()
    {
        var draft = Draft();
        var vm = new ImpactViewModel(_alice, draft, TestCases.Corpus());
        var file = JsonLinesCorpus.Write(Path.Combine(_store.Dir, "chosen.jsonl"), 10_000);
        Assert.True(vm.Open(file));
        Assert.Contains($"Press F5 to replay the cases in {file}", vm.Status);
        string? running = null;

        await vm.RunAsync(new SyncProgress(_ =>
        {
            running ??= vm.Status;
            vm.Cancel();
        })).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Matches($@"^Replaying {System.Text.RegularExpressions.Regex.Escape(file)}: [\d,]+ cases, \d+% \(", running);
        Assert.Equal(RunState.Cancelled, vm.State);
        Assert.Matches(@"^Cancelled after \d+ cases; nothing was changed", vm.Status);
        Assert.Null(vm.Report);
        Assert.False(vm.Open(Path.Combine(_store.Dir, "missing.jsonl")));
        Assert.Contains("cannot read", vm.Status);
    }

    [Fact]
    public async Task Publish_shows_validation_impact_and_the_window_it_closes_then_publishes()
    {
        var draft = Draft();
        _alice.SetLimits(draft, "cpmtg-pm-myalgia", new Storage.LimitChange(MaxVisits: 12));
        var today = new DateOnly(2026, 11, 27);
        var vm = new PublishViewModel(_alice, draft, TestCases.Corpus(), today);
        Assert.Equal(0, vm.ErrorCount);
        Assert.Contains("Publish check passed", vm.ValidationSummary);
        Assert.Equal("2026-11-28", vm.EffectiveDateText);
        Assert.Contains("mtus-2017 (in force on 2026-11-28) will end 2026-11-27", vm.Consequence);
        await vm.Impact.RunAsync();
        Assert.Contains("newly certified", vm.Impact.Summary);

        vm.EffectiveDateText = "2030-02-30";
        Assert.NotNull(vm.DateError);
        Assert.False(vm.CanPublish);
        Assert.False(vm.Publish());

        vm.EffectiveDateText = "2030-01-01";
        Assert.True(vm.CanPublish);
        Assert.True(vm.Publish());
        Assert.Contains("mtus-2017 now ends 2029-12-31", vm.Message);
        var versions = new VersionsViewModel(_alice);
        versions.Refresh();
        var published = versions.Lines.Single(l => l.Id == draft);
        Assert.Equal(("published", "2030-01-01..open"), (published.Status, published.Window));
        Assert.Equal(12, _alice.Rules(draft).Single(r => r.Row.Id == "cpmtg-pm-myalgia").Row.MaxVisits);
    }

    /// <summary>The preview (the window it closes, the impact's baseline) is the plan the publish then carries out.</summary>
    [Fact]
    public async Task The_publish_preview_is_the_plan_the_publish_carries_out()
    {
        var draft = _alice.CreateDraft("mtus-2015");
        _alice.SetLimits(draft, "cpmtg-pm-myalgia", new Storage.LimitChange(MaxVisits: 12));
        var vm = new PublishViewModel(_alice, draft, TestCases.Corpus(), new DateOnly(2015, 12, 31));
        Assert.Equal("2016-01-01", vm.EffectiveDateText);
        var plan = vm.Plan!;
        Assert.Equal(("mtus-2015", new DateOnly(2015, 12, 31), false, new DateOnly(2016, 7, 27)),
            (plan.PredecessorId, plan.PredecessorEffectiveTo, plan.PredecessorRetired, plan.EffectiveTo));
        Assert.Contains("mtus-2015 (in force on 2016-01-01) will end 2015-12-31", vm.Consequence);
        await vm.NewImpact().RunAsync();
        Assert.Equal("mtus-2015", vm.Impact.Report!.BeforeVersion);

        Assert.True(vm.Publish());
        var result = vm.Result!;
        Assert.Equal((plan.PredecessorId, plan.PredecessorEffectiveTo, plan.PredecessorRetired), (result.PredecessorId, result.PredecessorEffectiveTo, result.PredecessorRetired));
        Assert.Equal((plan.EffectiveFrom, plan.EffectiveTo), (result.Published.Info.EffectiveFrom, result.Published.Info.EffectiveTo));
    }

    [Fact]
    public void Today_comes_from_the_sessions_clock()
    {
        using var then = AdminSession.Open(_store.StorePath, "alice", new FixedTime(new DateOnly(2016, 1, 1)));
        var vm = new VersionsViewModel(then);
        vm.Refresh();
        Assert.Equal("mtus-2015", vm.InForceId);
        Assert.Contains("in force today (2016-01-01)", vm.Legend);
        Assert.Equal("mtus-2015", then.InForceOn()?.Id);
    }

    [Fact]
    public void Publish_is_refused_while_validation_errors_remain()
    {
        var draft = Draft();
        _alice.SetLimits(draft, "cpmtg-pm-myalgia", new Storage.LimitChange(MinVisits: 15));
        var vm = new PublishViewModel(_alice, draft, TestCases.Corpus());
        Assert.Equal(1, vm.ErrorCount);
        Assert.Contains("1 error block publishing", vm.ValidationSummary);
        Assert.False(vm.CanPublish);
        Assert.False(vm.Publish());
        Assert.Contains("cpmtg-pm-myalgia.min_visits: minimum 15 is above the maximum 10", vm.Message);
        Assert.Equal("draft", _alice.Version(draft).Info.Status.ToString().ToLowerInvariant());
    }

    [Fact]
    public void Audit_filters_by_version_and_user_and_shows_what_changed()
    {
        var draft = Draft();
        using var bob = AdminSession.Open(_store.StorePath, "bob");
        bob.SetLimits(draft, "cpmtg-pm-myalgia", new Storage.LimitChange(MaxVisits: 12));
        var vm = new AuditViewModel(_alice);
        vm.Refresh();
        Assert.Equal(["alice", "bob", "seed"], vm.Users);

        vm.VersionFilter = draft;
        vm.Refresh();
        Assert.Equal(["edit_row", "create_draft"], vm.Lines.Select(l => l.Action));
        vm.UserFilter = "bob";
        vm.Refresh();
        var edit = Assert.Single(vm.Lines);
        Assert.Equal(("bob", "cpmtg-pm-myalgia"), (edit.User, edit.Rule));
        Assert.Contains("max_visits: 10 -> 12", vm.Detail(0));
        Assert.Contains("by bob", vm.Summary);
    }

    [Fact]
    public void Try_a_case_defaults_to_the_version_in_force_on_its_request_date_and_shows_decisions_criteria_and_rationale()
    {
        var vm = new TryCaseViewModel(_alice);
        Assert.True(vm.Load(SeedCase));
        Assert.Equal("mtus-2009", vm.VersionId);
        Assert.Contains("in force on the request date", vm.Message);
        Assert.True(vm.Decide());
        var report = vm.Report();
        Assert.Contains("Decision: not medically necessary", report);
        Assert.Contains("22 prior + 6 requested = 28 > 10 (9-10 visits over 8 weeks)", report);
        Assert.Contains("[NOT MET] recommended_course:", report);
        Assert.Contains("IMR outcome upheld", report);
        Assert.Contains("IMR ISSUES, DECISIONS AND RATIONALES", report);

        vm.NextVersion();
        Assert.Equal("mtus-2015", vm.VersionId);
        Assert.True(vm.Decide());
        Assert.Contains("mtus-2015", vm.Message);

        var bad = Path.Combine(_store.Dir, "bad.json");
        File.WriteAllText(bad, "{\"not\": \"a request\"}");
        Assert.False(vm.Load(bad));
        Assert.Contains("Cannot read", vm.Message);
    }

    [Theory]
    [InlineData(new string[0], true, null, null)]
    [InlineData(new[] { "--db", "/tmp/x.db" }, true, "/tmp/x.db", null)]
    [InlineData(new[] { "--db=/tmp/x.db", "--user", "bob" }, true, "/tmp/x.db", "bob")]
    [InlineData(new[] { "versions" }, false, null, null)]
    [InlineData(new[] { "--help" }, false, null, null)]
    [InlineData(new[] { "--db" }, false, null, null)]
    [InlineData(new[] { "--db", "x.db", "show", "mtus-2017" }, false, "x.db", null)]
    public void No_subcommand_opens_the_tui_and_anything_else_the_cli(string[] args, bool tui, string? db, string? user)
    {
        Assert.Equal(tui, TuiArguments.TryParse(args, out var d, out var u));
        if (tui)
        {
            Assert.Equal((db, user), (d, u));
        }
    }

    private sealed class SyncProgress(Action<ImpactProgress> report) : IProgress<ImpactProgress>
    {
        public void Report(ImpactProgress value) => report(value);
    }
}
