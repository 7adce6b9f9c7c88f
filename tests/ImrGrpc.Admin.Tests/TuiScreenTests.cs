using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Tui;
using ImrGrpc.Storage;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace ImrGrpc.Admin.Tests;

/// <summary>The real screens under the ANSI driver with no terminal: what a user sees first on each, and the editor's whole path.</summary>
public sealed class TuiScreenTests : IDisposable
{
    private readonly TuiHarness _t = new(100, 30);

    public void Dispose() => _t.Dispose();

    private string NewDraft()
    {
        var id = _t.Session.CreateDraft("mtus-2017");
        return id;
    }

    [Fact]
    public void Versions_screen_lists_versions_marks_the_one_in_force_and_lists_its_keys()
    {
        var screen = _t.Screen;
        Assert.Contains("ImrGrpc admin - Versions", screen);
        Assert.Contains("* mtus-2017", screen);
        Assert.Contains("2017-12-01..open", screen);
        Assert.Contains("mtus-2009", screen);
        foreach (var key in new[] { "F2", "New draft", "F4", "Diff", "F5", "Impact", "F6", "Publish", "F7", "Audit", "F8", "Try case", "Esc", "Quit" })
        {
            Assert.Contains(key, screen);
        }
    }

    [Fact]
    public void Rules_screen_of_a_published_version_says_it_is_read_only_and_marks_low_confidence_rows()
    {
        _t.Key(Key.Enter);
        var screen = _t.Screen;
        Assert.Contains("Rules of mtus-2017", screen);
        Assert.Contains("READ-ONLY", screen);
        Assert.Contains("! cpmtg-biofeedback", screen);
        Assert.Contains("F3", screen);
        Assert.DoesNotContain("Add row", screen);

        _t.Key(Key.F3);
        _t.Type("myalgia");
        screen = _t.Screen;
        Assert.Contains($"1/{SeedRows.Of("mtus-2017")} rows", screen);
        Assert.Contains("! cpmtg-pm-myalgia", screen);
        Assert.DoesNotContain("cpmtg-biofeedback", screen);
    }

    [Fact]
    public void Edit_screen_of_a_published_row_is_read_only()
    {
        _t.Shell.Push(new RuleEditScreen(_t.Shell, "mtus-2017", "cpmtg-pm-myalgia"));
        var screen = _t.Screen;
        Assert.Contains("READ-ONLY", screen);
        Assert.Contains("max_visits", screen);
        Assert.DoesNotContain("Ctrl+S", screen);
    }

    [Fact]
    public void Diff_screen_highlights_the_changed_column()
    {
        var draft = NewDraft();
        _t.Session.SetLimits(draft, "cpmtg-pm-myalgia", new LimitChange(MaxVisits: 12));
        _t.Shell.Push(new DiffScreen(_t.Shell, draft));
        var screen = _t.Screen;
        Assert.Contains("1 row differs", screen);
        Assert.Contains("max_visits 10 -> 12", screen);
        Assert.Matches(@"> max_visits\s+10\s+12", screen);
    }

    [Fact]
    public void Impact_screen_runs_in_the_background_then_shows_the_chart_and_flipped_cases()
    {
        var draft = NewDraft();
        _t.Session.SetLimits(draft, "cpmtg-pm-myalgia", new LimitChange(MaxVisits: 12));
        var impact = new ImpactScreen(_t.Shell, draft);
        _t.Shell.Push(impact);
        _t.Await(() => impact.Running);
        var screen = _t.Screen;
        Assert.Contains("newly certified 2", screen);
        Assert.Matches(@"physical_therapy\s+\+1\s+#+", screen);
        Assert.Contains("current-myalgia-pt-at-c", screen);
        Assert.Contains("not certified -> certified", screen);

        _t.Key(Key.CursorDown, Key.Enter);
        screen = _t.Screen;
        Assert.Contains("BEFORE under mtus-2017", screen);
        // The contract's criterion codes, as the API and the CLI say them, not C# enum names.
        Assert.Contains("[NOT MET] recommended_course", screen);
        Assert.DoesNotContain("RecommendedCourse", screen);
    }

    [Fact]
    public void Impact_screen_replays_a_chosen_json_lines_file_and_opens_a_listed_change()
    {
        var draft = NewDraft();
        _t.Session.SetLimits(draft, "cpmtg-pm-myalgia", new LimitChange(MaxVisits: 12));
        var impact = new ImpactScreen(_t.Shell, draft);
        _t.Shell.Push(impact);
        _t.Await(() => impact.Running);
        Assert.Contains("Open file", _t.Screen);
        var cases = JsonLinesCorpus.Requests.Count * 3;
        var file = JsonLinesCorpus.Write(Path.Combine(_t.Store.Dir, "chosen.jsonl"), cases);

        impact.Load(file);
        _t.Await(() => impact.Running);

        var screen = _t.Screen;
        Assert.Contains($"against mtus-2017: {cases} cases", screen);
        Assert.Contains("newly certified 6", screen);
        Assert.Contains("chosen.jsonl:", screen);
        _t.Key(Key.CursorDown, Key.Enter);
        screen = _t.Screen;
        Assert.Contains("chosen.jsonl:", screen);
        Assert.Contains("BEFORE under mtus-2017", screen);
    }

    [Fact]
    public void Audit_screen_lists_entries_and_filters_by_user()
    {
        NewDraft();
        _t.Key(Key.F7);
        var screen = _t.Screen;
        Assert.Contains("Audit log", screen);
        Assert.Contains("create_draft", screen);
        Assert.Contains("seed", screen);
        _t.Key(Key.F4);
        _t.Type("tui-tester");
        screen = _t.Screen;
        Assert.Contains("1 entry by tui-tester", screen);
        Assert.DoesNotContain("seeded published version", screen);
    }

    [Fact]
    public void Try_case_screen_decides_a_loaded_case_under_the_version_in_force_on_its_date()
    {
        _t.Key(Key.F8);
        Assert.Contains("Press F3 to open a case file", _t.Screen);
        var screen = (TryCaseScreen)_t.Shell.Current;
        screen.Load(Path.Combine(CliTests.FindRoot(), "examples", "seed-case.json"));
        var text = _t.Screen;
        Assert.Contains("decided under mtus-2009 (in force on the request date)", text);
        Assert.Contains("Decision: not medically necessary", text);
    }

    [Fact]
    public void An_unreadable_store_is_explained_and_nothing_is_written()
    {
        var path = Path.Combine(_t.Store.Dir, "not-a-store.db");
        File.WriteAllText(path, "this is not a LiteDB file");
        string? reason = null;
        try
        {
            AdminSession.Open(path, "x").Dispose();
        }
        catch (StoreException e) when (e.Kind == StoreErrorKind.Unavailable)
        {
            reason = e.Message;
        }
        Assert.NotNull(reason);
        using var app = Terminal.Gui.App.Application.Create(new VirtualTimeProvider()).Init(DriverRegistry.Names.ANSI);
        app.Driver!.SetScreenSize(100, 30);
        using var shell = AdminTui.Build(app, null, path, reason, TestCases.Corpus());
        app.Begin(shell);
        app.LayoutAndDraw(true);
        var screen = app.Driver.ToString();
        Assert.Contains("cannot be opened", screen);
        Assert.Contains("will not read or write anything", screen);
        Assert.Contains("header signature missing", screen);
        Assert.Equal("this is not a LiteDB file", File.ReadAllText(path));
    }

    [Fact]
    public void Every_screen_survives_resizing_down_to_80x24_and_up()
    {
        var draft = NewDraft();
        var screens = new Func<Screen>[]
        {
            () => new RulesScreen(_t.Shell, draft),
            () => new RuleEditScreen(_t.Shell, draft, "cpmtg-pm-myalgia"),
            () => new DiffScreen(_t.Shell, draft),
            () => new PublishScreen(_t.Shell, draft),
            () => new AuditScreen(_t.Shell),
            () => new TryCaseScreen(_t.Shell),
        };
        foreach (var make in screens)
        {
            _t.Shell.Push(make());
            foreach (var (w, h) in new[] { (80, 24), (132, 43), (60, 15), (80, 24) })
            {
                _t.App.Driver!.SetScreenSize(w, h);
                var text = _t.Screen;
                Assert.Contains("Esc", text);
            }
            if (_t.Shell.Current is PublishScreen publish)
            {
                _t.Await(() => publish.Running);
            }
            _t.Shell.BackToStart();
        }
    }

    [Fact]
    public void A_mouse_click_selects_a_row()
    {
        Assert.Contains("mtus-2017: MTUS 2017", _t.Screen);
        var row = _t.Screen.Split('\n').ToList().FindIndex(l => l.Contains("  mtus-2009 ", StringComparison.Ordinal));
        _t.App.InjectSequence(InputInjectionExtensions.LeftButtonClick(new System.Drawing.Point(6, row)));
        Assert.Contains("mtus-2009: MTUS", _t.Screen);
    }

    [Fact]
    public void A_stale_save_shows_who_changed_the_row_and_keeps_the_typed_value()
    {
        var draft = NewDraft();
        _t.Shell.Push(new RuleEditScreen(_t.Shell, draft, "cpmtg-pm-myalgia"));
        for (var i = 0; i < 5; i++)
        {
            _t.Key(Key.CursorDown);
        }
        _t.Key(Key.Enter);
        _t.Type("12");
        _t.Key(Key.Enter);
        using (var bob = AdminSession.Open(_t.Store.StorePath, "bob"))
        {
            bob.SetLimits(draft, "cpmtg-pm-myalgia", new LimitChange(OverWeeks: 10));
        }
        var dialog = _t.Modal(Key.S.WithCtrl, _ =>
        {
            _t.App.InjectKey(Key.Esc);
            return true;
        });
        Assert.Contains("Someone else saved this row first", dialog);
        Assert.Contains("changed by bob", dialog);
        Assert.Contains("They changed: over_weeks", dialog);
        var screen = _t.Screen;
        Assert.Matches(@"\* max_visits\s+12\s+10", screen);
        Assert.Contains("Your typing is kept", screen);
        Assert.Equal(10, _t.Session.Store.GetRule(draft, "cpmtg-pm-myalgia").Row.MaxVisits);
    }

    /// <summary>
    /// The editor's path with keys only: new draft, filter to the myalgia row, raise its maximum, save, see the diff,
    /// publish with confirmation, and land on the versions screen showing the new version in service.
    /// </summary>
    [Fact]
    public void Edit_save_diff_publish_with_the_keyboard()
    {
        _t.Modal(Key.F2, _ =>
        {
            _t.App.InjectKey(Key.Enter);
            return true;
        });
        var screen = _t.Screen;
        Assert.Contains("Rules of v", screen);
        var draft = _t.Session.Versions().Single(v => v.Info.Status == Engine.Model.VersionStatus.Draft).Info.Id;

        _t.Key(Key.F3);
        _t.Type("myalgia");
        _t.Key(Key.Enter, Key.Enter);
        Assert.Contains("Edit cpmtg-pm-myalgia", _t.Screen);
        for (var i = 0; i < 5; i++)
        {
            _t.Key(Key.CursorDown);
        }
        _t.Key(Key.Enter);
        _t.Type("1x");
        Assert.Contains("x numbers only", _t.Screen);
        _t.Key(Key.Backspace);
        _t.Type("4");
        _t.Key(Key.Enter, Key.S.WithCtrl);
        screen = _t.Screen;
        Assert.Contains("Saved cpmtg-pm-myalgia (row version 2)", screen);
        Assert.Equal(14, _t.Session.Store.GetRule(draft, "cpmtg-pm-myalgia").Row.MaxVisits);

        _t.Key(Key.Esc, Key.F7);
        screen = _t.Screen;
        Assert.Contains($"Diff of {draft}", screen);
        Assert.Contains("max_visits 10 -> 14", screen);

        _t.Key(Key.F7);
        var publish = (PublishScreen)_t.Shell.Current;
        _t.Await(() => publish.Running);
        screen = _t.Screen;
        Assert.Contains("Publish check passed", screen);
        Assert.Contains("newly certified", screen);
        Assert.Contains("mtus-2017 (in force on", screen);

        var dialogs = new List<string>();
        _t.Modal(Key.P.WithCtrl, s =>
        {
            dialogs.Add(s);
            _t.App.InjectKey(Key.Enter);
            return true;
        });
        Assert.Contains(dialogs, d => d.Contains($"Publish {draft} in force from"));
        Assert.Contains(dialogs, d => d.Contains($"Published {draft}"));
        screen = _t.Screen;
        Assert.Contains("ImrGrpc admin - Versions", screen);
        Assert.Matches($@"{draft}\s+published", screen);
        Assert.Equal(Engine.Model.VersionStatus.Published, _t.Session.Version(draft).Info.Status);
        Assert.Equal(14, _t.Session.Rules(draft).Single(r => r.Row.Id == "cpmtg-pm-myalgia").Row.MaxVisits);
    }
}
