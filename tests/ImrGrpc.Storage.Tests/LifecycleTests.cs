using ImrGrpc.Engine.Model;
using ImrGrpc.Storage.Bundles;
using ImrGrpc.Storage.Editing;

namespace ImrGrpc.Storage.Tests;

/// <summary>Draft → edit → validate → publish, and everything the store refuses along the way.</summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly GuidelineStore _store;

    public LifecycleTests()
    {
        _store = GuidelineStore.Open(_dir.File("imr.db"));
        _store.SeedIfEmpty(SeedData.Load(), "seed");
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    private static readonly DateOnly Day = new(2030, 1, 1);

    /// <summary>The diff and the audit log compare rows one way: the same columns, the same values.</summary>
    [Fact]
    public void The_diff_and_the_audit_log_name_the_same_changed_columns()
    {
        var draft = _store.CreateDraft("mtus-2017", "alice");
        var row = _store.GetRule(draft, "cpmtg-pm-myalgia");
        _store.UpdateRule(draft, row.Row with { MaxVisits = 12, Notes = "raised after the 2026 review", TrialWeeks = 2 }, row.RowVersion, "alice");

        var diff = VersionDiff.Compare(_store.LoadBook("mtus-2017"), _store.LoadBook(draft));
        var audited = _store.AuditLog(draft).Single(e => e.Action == "edit_row").Changes();

        var changed = Assert.Single(diff.Rows);
        Assert.Equal(changed.Fields, audited);
        Assert.Equal(["max_visits", "notes", "trial_weeks"], audited.Select(c => c.Field));
        Assert.Equal(new FieldChange("max_visits", "10", "12"), audited[0]);
        Assert.Equal(("", "2"), (audited[2].Before, audited[2].After));
        Assert.Equal(changed.Fields.Count, changed.Columns().Count(c => c.Changed));
    }

    [Fact]
    public void A_draft_clones_every_row_and_keeps_the_content_hash_until_edited()
    {
        var draft = _store.CreateDraft("mtus-2017", "alice");
        var version = _store.GetVersion(draft);

        Assert.Equal(VersionStatus.Draft, version.Info.Status);
        Assert.Equal("mtus-2017", version.Info.ParentId);
        Assert.Equal(_store.GetVersion("mtus-2017").Info.ContentHash, version.Info.ContentHash);
        Assert.Equal(_store.GetVersion("mtus-2017").RuleCount, version.RuleCount);

        _store.SetLimits(draft, "cpmtg-pm-myalgia", new LimitChange(MaxVisits: 12), "alice");
        Assert.NotEqual(_store.GetVersion("mtus-2017").Info.ContentHash, _store.GetVersion(draft).Info.ContentHash);
        Assert.Equal(12, _store.GetRule(draft, "cpmtg-pm-myalgia").Row.MaxVisits);
        Assert.Equal(10, _store.GetRule("mtus-2017", "cpmtg-pm-myalgia").Row.MaxVisits);
    }

    [Fact]
    public void Published_versions_refuse_every_write()
    {
        var row = _store.GetRule("mtus-2009", "cpmtg-massage");
        var writes = new Action[]
        {
            () => _store.SetLimits("mtus-2009", "cpmtg-massage", new LimitChange(MaxVisits: 8), "alice"),
            () => _store.UpdateRule("mtus-2009", row.Row with { MaxVisits = 8 }, row.RowVersion, "alice"),
            () => _store.AddRule("mtus-2009", row.Row with { Id = "new-row" }, "alice"),
            () => _store.DeleteRule("mtus-2009", "cpmtg-massage", row.RowVersion, "alice"),
            () => _store.MarkVerified("mtus-2009", "cpmtg-massage", "alice"),
            () => _store.Publish("mtus-2009", Day, "alice"),
            () => _store.Retire("mtus-2009", "alice"),
        };
        var hash = _store.GetVersion("mtus-2009").Info.ContentHash;
        foreach (var write in writes)
        {
            var error = Assert.Throws<StoreException>(write);
            Assert.Equal(StoreErrorKind.Immutable, error.Kind);
            Assert.Contains("published", error.Message);
        }
        Assert.Equal(hash, _store.GetVersion("mtus-2009").Info.ContentHash);
        Assert.Equal(row.RowVersion, _store.GetRule("mtus-2009", "cpmtg-massage").RowVersion);
    }

    [Fact]
    public void A_stale_write_is_refused_with_who_changed_the_row()
    {
        var draft = _store.CreateDraft("mtus-2017", "alice");
        var seen = _store.GetRule(draft, "cpmtg-massage");
        _store.UpdateRule(draft, seen.Row with { MaxVisits = 8 }, seen.RowVersion, "bob");

        var error = Assert.Throws<StoreException>(() => _store.UpdateRule(draft, seen.Row with { MaxVisits = 7 }, seen.RowVersion, "alice"));

        Assert.Equal(StoreErrorKind.Conflict, error.Kind);
        Assert.Contains("changed by bob", error.Message);
        Assert.Equal(8, _store.GetRule(draft, "cpmtg-massage").Row.MaxVisits);
    }

    [Fact]
    public void Publishing_closes_the_predecessors_window_the_day_before()
    {
        var draft = _store.CreateDraft("mtus-2017", "alice");
        _store.SetLimits(draft, "cpmtg-pm-myalgia", new LimitChange(MaxVisits: 12), "alice");
        var before = _store.PublishedRevision;

        var result = _store.Publish(draft, Day, "alice");

        Assert.Equal("mtus-2017", result.PredecessorId);
        Assert.Equal(Day.AddDays(-1), result.PredecessorEffectiveTo);
        var versions = _store.ListVersions().Where(v => v.Info.Status == VersionStatus.Published).ToList();
        Assert.Equal(Day, versions.Single(v => v.Info.Id == draft).Info.EffectiveFrom);
        Assert.Null(versions.Single(v => v.Info.Id == draft).Info.EffectiveTo);
        AssertContiguous(versions);
        Assert.Equal(before + 1, _store.PublishedRevision);
        Assert.Contains(_store.LoadPublished().Books, b => b.Version.Id == draft);
    }

    [Fact]
    public void Publishing_inside_an_older_window_takes_over_the_rest_of_it()
    {
        var draft = _store.CreateDraft("mtus-2015", "alice");
        _store.Publish(draft, new DateOnly(2016, 1, 1), "alice");

        var versions = _store.ListVersions().Where(v => v.Info.Status == VersionStatus.Published).ToList();
        Assert.Equal(new DateOnly(2015, 12, 31), versions.Single(v => v.Info.Id == "mtus-2015").Info.EffectiveTo);
        Assert.Equal(new DateOnly(2016, 7, 27), versions.Single(v => v.Info.Id == draft).Info.EffectiveTo);
        AssertContiguous(versions);
    }

    [Fact]
    public void Publishing_on_the_first_day_of_a_window_retires_the_version_it_replaces()
    {
        var draft = _store.CreateDraft("mtus-2016", "alice");
        var result = _store.Publish(draft, new DateOnly(2016, 7, 28), "alice");

        Assert.True(result.PredecessorRetired);
        Assert.Equal(VersionStatus.Retired, _store.GetVersion("mtus-2016").Info.Status);
        AssertContiguous(_store.ListVersions().Where(v => v.Info.Status == VersionStatus.Published).ToList());
    }

    [Fact]
    public void A_draft_with_errors_is_not_published_and_the_store_is_unchanged()
    {
        var draft = _store.CreateDraft("mtus-2017", "alice");
        _store.SetLimits(draft, "cpmtg-pm-myalgia", new LimitChange(MinVisits: 14), "alice");
        _store.SetLimits(draft, "cpmtg-manip-low-back", new LimitChange(TrialVisits: 30), "alice");
        var revision = _store.Revision;

        var error = Assert.Throws<StoreException>(() => _store.Publish(draft, Day, "alice"));

        Assert.Equal(StoreErrorKind.Invalid, error.Kind);
        Assert.Contains(error.Details, d => d.Contains("cpmtg-pm-myalgia") && d.Contains("above the maximum"));
        Assert.Contains(error.Details, d => d.Contains("cpmtg-manip-low-back") && d.Contains("trial 30"));
        Assert.Equal(VersionStatus.Draft, _store.GetVersion(draft).Info.Status);
        Assert.Null(_store.GetVersion("mtus-2017").Info.EffectiveTo);
        Assert.Equal(revision, _store.Revision);
    }

    [Fact]
    public void Export_then_import_gives_a_draft_with_the_same_content_hash()
    {
        var file = _dir.File("mtus-2017.bundle.json");
        File.WriteAllText(file, _store.Export("mtus-2017").ToJson());

        var imported = _store.Import(Bundle.Parse(File.ReadAllText(file)), "alice");

        Assert.Equal(_store.GetVersion("mtus-2017").Info.ContentHash, _store.GetVersion(imported).Info.ContentHash);
        Assert.Equal(VersionStatus.Draft, _store.GetVersion(imported).Info.Status);
        Assert.True(VersionDiff.Compare(_store.LoadBook("mtus-2017"), _store.LoadBook(imported)).IsEmpty);
    }

    [Fact]
    public void Every_change_is_appended_to_the_audit_log_with_before_and_after()
    {
        var start = _store.AuditLog().Count;
        var draft = _store.CreateDraft("mtus-2017", "alice");
        _store.SetLimits(draft, "cpmtg-pm-myalgia", new LimitChange(MaxVisits: 12), "bob");
        _store.MarkVerified(draft, "cpmtg-pm-myalgia", "carol");
        var row = _store.GetRule(draft, "cpmtg-massage");
        _store.DeleteRule(draft, "cpmtg-massage", row.RowVersion, "bob");
        _store.AddRule(draft, row.Row, "bob");
        _store.Publish(draft, Day, "alice");

        var log = _store.AuditLog();
        var entries = log.Skip(start).ToList();
        Assert.Equal(["create_draft", "edit_row", "verify_row", "delete_row", "add_row", "publish"], entries.Select(e => e.Action));
        Assert.Equal(["alice", "bob", "carol", "bob", "bob", "alice"], entries.Select(e => e.User));
        var edit = entries[1];
        Assert.Contains("\"max_visits\":10", edit.Before);
        Assert.Contains("\"max_visits\":12", edit.After);
        Assert.All(entries, e => Assert.Equal(DateTimeKind.Utc, e.At.Kind));
        Assert.Equal(log.Select(e => e.Id).Order(), log.Select(e => e.Id));
        Assert.Equal(entries.Count, _store.AuditLog(versionId: draft).Count);
        Assert.Equal(2, _store.AuditLog(user: "alice").Count(e => e.VersionId == draft));
    }

    [Fact]
    public void Verifying_a_row_records_who_and_when_without_changing_content()
    {
        var draft = _store.CreateDraft("mtus-2017", "alice");
        var hash = _store.GetVersion(draft).Info.ContentHash;
        var unverified = _store.GetVersion(draft).UnverifiedCount;

        var row = _store.MarkVerified(draft, "cpmtg-pm-crps", "carol");

        Assert.Equal("carol", row.VerifiedBy);
        Assert.NotNull(row.VerifiedAt);
        Assert.Equal(hash, _store.GetVersion(draft).Info.ContentHash);
        Assert.Equal(unverified - 1, _store.GetVersion(draft).UnverifiedCount);
    }

    [Fact]
    public void A_read_only_connection_refuses_writes()
    {
        using var readOnly = GuidelineStore.Open(_dir.File("imr.db"), readOnly: true);
        var error = Assert.Throws<StoreException>(() => readOnly.CreateDraft("mtus-2017", "alice"));
        Assert.Contains("read-only", error.Message);
    }

    internal static void AssertContiguous(IReadOnlyList<StoredVersion> published)
    {
        var ordered = published.OrderBy(v => v.Info.EffectiveFrom).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.Equal(ordered[i - 1].Info.EffectiveTo!.Value.AddDays(1), ordered[i].Info.EffectiveFrom);
        }
        Assert.Null(ordered[^1].Info.EffectiveTo);
    }
}
