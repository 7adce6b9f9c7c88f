using System.Globalization;
using ImrGrpc.Engine.Model;
using ImrGrpc.Engine.Validation;
using ImrGrpc.Storage.Bundles;
using ImrGrpc.Storage.Documents;

namespace ImrGrpc.Storage;

/// <summary>
/// The editing lifecycle: drafts are cloned from a version and edited row by row (each write names the row version
/// it was based on, so a stale write is refused, never lost); publishing validates, closes the predecessor's window
/// and swaps the version into service in one transaction. Every change is appended to the audit log.
/// </summary>
public sealed partial class GuidelineStore
{
    /// <summary>Creates a draft holding a copy of a version's catalog and rows; returns its id.</summary>
    public string CreateDraft(string fromVersionId, string user, string? label = null) => Write(() =>
    {
        var source = Versions.FindById(fromVersionId) ?? throw NotFound(fromVersionId);
        var now = Time.GetUtcNow().UtcDateTime;
        var id = NewVersionId(now);
        var rules = Rules.Find(r => r.VersionId == fromVersionId).ToList();
        var catalog = Catalogs.FindById(fromVersionId) ?? throw new StoreException(StoreErrorKind.Unavailable, $"version {fromVersionId} has no catalog");
        Catalogs.Insert(new CatalogDocument { Id = id, Catalog = catalog.Catalog });
        // A copy keeps who verified each row: the content is the same, so the check still holds.
        Rules.InsertBulk(rules.Select(r =>
        {
            var copy = NewRuleDocument(id, r.RuleId, r.Rule, user, now);
            copy.VerifiedBy = r.VerifiedBy;
            copy.VerifiedAt = r.VerifiedAt;
            return copy;
        }));
        Versions.Insert(new VersionDocument
        {
            Id = id,
            Label = label ?? $"Draft of {source.Label}",
            Status = "draft",
            ParentId = fromVersionId,
            ContentHash = source.ContentHash,
            CreatedBy = user,
            CreatedAt = now,
            Revision = 1,
        });
        AppendAudit(user, "create_draft", id, null, null, null, $"draft {id} created from {fromVersionId} ({rules.Count} rows)");
        Bump(published: false);
        return id;
    });

    public IReadOnlyList<StoredRule> ListRules(string versionId) => Guard(() =>
    {
        _ = Versions.FindById(versionId) ?? throw NotFound(versionId);
        return Rules.Find(r => r.VersionId == versionId).Select(ToRecord).OrderBy(r => r.Row.Id, StringComparer.Ordinal).ToList();
    });

    public StoredRule GetRule(string versionId, string ruleId) => Guard(() => ToRecord(FindRule(versionId, ruleId)));

    /// <summary>Replaces a row of a draft. Refused if the row changed since <paramref name="expectedRowVersion"/>.</summary>
    public StoredRule UpdateRule(string versionId, RuleRow row, int expectedRowVersion, string user) => Write(() =>
    {
        RequireDraft(versionId, "edit");
        var doc = FindRule(versionId, row.Id);
        RequireRowVersion(doc, expectedRowVersion);
        var before = Canonical(doc.Rule);
        doc.Rule = ToBson(RuleJson.ToJson(row));
        Touch(doc, user);
        Rules.Update(doc);
        AppendAudit(user, "edit_row", versionId, row.Id, before, Canonical(doc.Rule), null);
        Rehash(versionId);
        return ToRecord(doc);
    });

    /// <summary>Changes a row's visit limits in one read-modify-write; optionally refused if the row moved on.</summary>
    public StoredRule SetLimits(string versionId, string ruleId, LimitChange change, string user, int? expectedRowVersion = null) => Write(() =>
    {
        RequireDraft(versionId, "edit");
        var doc = FindRule(versionId, ruleId);
        if (expectedRowVersion is { } expected)
        {
            RequireRowVersion(doc, expected);
        }
        var row = RuleJson.FromJson(ToJson(doc.Rule), doc.Id);
        var changed = row with
        {
            MinVisits = change.MinVisits ?? row.MinVisits,
            MaxVisits = change.MaxVisits ?? row.MaxVisits,
            OverWeeks = change.OverWeeks ?? row.OverWeeks,
            TrialVisits = change.TrialVisits ?? row.TrialVisits,
        };
        var before = Canonical(doc.Rule);
        doc.Rule = ToBson(RuleJson.ToJson(changed));
        Touch(doc, user);
        Rules.Update(doc);
        AppendAudit(user, "edit_row", versionId, ruleId, before, Canonical(doc.Rule), "limits changed");
        Rehash(versionId);
        return ToRecord(doc);
    });

    public StoredRule AddRule(string versionId, RuleRow row, string user) => Write(() =>
    {
        RequireDraft(versionId, "add rows to");
        if (Rules.FindById(RuleDocument.KeyOf(versionId, row.Id)) is not null)
        {
            throw new StoreException(StoreErrorKind.Invalid, $"version {versionId} already has a row '{row.Id}'");
        }
        var doc = NewRuleDocument(versionId, row, user, Time.GetUtcNow().UtcDateTime);
        Rules.Insert(doc);
        AppendAudit(user, "add_row", versionId, row.Id, null, Canonical(doc.Rule), null);
        Rehash(versionId);
        return ToRecord(doc);
    });

    public void DeleteRule(string versionId, string ruleId, int expectedRowVersion, string user) => Write(() =>
    {
        RequireDraft(versionId, "delete rows from");
        var doc = FindRule(versionId, ruleId);
        RequireRowVersion(doc, expectedRowVersion);
        Rules.Delete(doc.Id);
        AppendAudit(user, "delete_row", versionId, ruleId, Canonical(doc.Rule), null, null);
        Rehash(versionId);
        return true;
    });

    /// <summary>Records that an editor checked a row against the guideline text (who and when); the content is unchanged.</summary>
    public StoredRule MarkVerified(string versionId, string ruleId, string user, int? expectedRowVersion = null) => Write(() =>
    {
        RequireDraft(versionId, "verify rows of");
        var doc = FindRule(versionId, ruleId);
        if (expectedRowVersion is { } expected)
        {
            RequireRowVersion(doc, expected);
        }
        doc.VerifiedBy = user;
        doc.VerifiedAt = Time.GetUtcNow().UtcDateTime;
        Touch(doc, user);
        Rules.Update(doc);
        AppendAudit(user, "verify_row", versionId, ruleId, null, null, $"verified against the guideline text by {user}");
        Bump(published: false);
        return ToRecord(doc);
    });

    /// <summary>The validation problems of a version as it stands.</summary>
    public IReadOnlyList<ValidationProblem> Validate(string versionId) => Guard(() => GuidelineValidator.Validate(LoadBook(versionId)));

    /// <summary>
    /// Publishes a draft from a date: validates it (refusing with every error), closes the window of the version in force
    /// on that date the day before (or retires it when the draft starts on its first day), and takes over the rest of
    /// its window. One transaction: a crash leaves the old state or the new.
    /// </summary>
    public PublishResult Publish(string draftId, DateOnly effectiveFrom, string user, bool replace = false) => InScope(write: true, () =>
    {
        // Committed first, then made servable under the same exclusive lock, so no other publish can interleave its
        // manifest with this one. A failure to write the directory leaves the publish committed; the next admin run
        // (or `admin repair`) writes what is missing.
        var result = PublishInStore(draftId, effectiveFrom, user, replace);
        SyncPublishedOrExplain(draftId);
        return result;
    });

    private PublishResult PublishInStore(string draftId, DateOnly effectiveFrom, string user, bool replace) => Write(() =>
    {
        var draft = RequireDraft(draftId, "publish");
        var book = LoadBook(draft);
        var problems = GuidelineValidator.Validate(book);
        var errors = problems.Where(p => p.Severity == Severity.Error).Select(p => p.ToString()).ToList();
        if (errors.Count > 0)
        {
            throw new StoreException(StoreErrorKind.Invalid,
                $"cannot publish {draftId}: {errors.Count} validation error{(errors.Count == 1 ? "" : "s")}; first: {errors[0]}") { Details = errors };
        }

        var plan = Plan(draft, effectiveFrom, replace);
        if (plan.Refusal is { } refusal)
        {
            throw refusal;
        }
        var end = plan.EffectiveTo;
        var predecessorId = plan.PredecessorId;
        var predecessorEnd = plan.PredecessorEffectiveTo;
        var retired = plan.PredecessorRetired;
        var replacing = plan.Replacing;
        if (predecessorId is not null)
        {
            var predecessor = Versions.FindById(predecessorId)!;
            if (retired)
            {
                predecessor.Status = "retired";
                predecessor.RetiredBy = user;
                predecessor.RetiredAt = Time.GetUtcNow().UtcDateTime;
            }
            else
            {
                predecessor.EffectiveTo = Iso(predecessorEnd);
            }
            predecessor.Revision++;
            Versions.Update(predecessor);
            Hooks.InsidePublish?.Invoke();
        }

        var now = Time.GetUtcNow().UtcDateTime;
        draft.Status = "published";
        draft.EffectiveFrom = Iso(effectiveFrom);
        draft.EffectiveTo = Iso(end);
        draft.ContentHash = GuidelineContent.Hash(book.Catalog, book.Rules);
        draft.PublishedBy = user;
        draft.PublishedAt = now;
        draft.Revision++;
        Versions.Update(draft);

        var closed = predecessorId is null ? "no predecessor"
            : retired ? $"{predecessorId} retired (replaced from its first day)"
            : $"{predecessorId} now ends {Iso(predecessorEnd)}";
        AppendAudit(user, "publish", draftId, null, null, null,
            $"published {draftId} effective {Iso(effectiveFrom)} to {Iso(end) ?? "open"} (content {draft.ContentHash[..12]}); {closed}" +
            (replacing is null ? "" : $"; --replace given over {replacing}"));
        Bump(published: true);
        var rules = book.Rules.Count;
        var unverified = Rules.Find(r => r.VersionId == draftId).Count(IsUnverified);
        return new PublishResult(ToRecord(draft, (rules, unverified)), predecessorId, predecessorEnd, retired);
    });

    /// <summary>
    /// What publishing a draft on a date would do, computed the way <see cref="Publish"/> computes it (the same method
    /// runs inside the publish transaction): the window it takes, what happens to the version in force then, and
    /// whether it would be refused and why. The TUI's publish preview shows exactly this.
    /// </summary>
    public PublishPlan PlanPublish(string draftId, DateOnly effectiveFrom, bool replace = false) =>
        Guard(() => Plan(RequireDraft(draftId, "publish"), effectiveFrom, replace));

    private PublishPlan Plan(VersionDocument draft, DateOnly effectiveFrom, bool replace)
    {
        var published = Versions.Find(v => v.Status == "published").ToList()
            .Select(v => new Window(v, ToInfo(v)))
            .OrderBy(v => v.From)
            .ToList();
        var predecessor = VersionWindows.InForceOn(published, static v => v.Info, effectiveFrom);
        StoreException? refusal = null;
        string? replacing = null;
        try
        {
            RequireSaneDate(draft, effectiveFrom);
            replacing = RequireUnchangedSince(draft, predecessor?.Doc, effectiveFrom, replace);
        }
        catch (StoreException e)
        {
            refusal = e;
        }
        if (predecessor is null)
        {
            // Before the first version: the new one runs up to the day before it.
            return new PublishPlan(draft.Id, effectiveFrom, published.Count > 0 ? published[0].From.AddDays(-1) : null, null, null, false, refusal, replacing);
        }
        var retires = predecessor.From == effectiveFrom;
        return new PublishPlan(draft.Id, effectiveFrom, predecessor.To, predecessor.Doc.Id, retires ? null : effectiveFrom.AddDays(-1), retires, refusal, replacing);
    }

    /// <summary>A published version's document with its window, as the plan reads it.</summary>
    private sealed record Window(VersionDocument Doc, VersionInfo Info)
    {
        public DateOnly From => Info.EffectiveFrom!.Value;

        public DateOnly? To => Info.EffectiveTo;
    }

    /// <summary>The first and last dates a version may be published from.</summary>
    public static readonly DateOnly LatestEffectiveDate = new(2100, 12, 31);

    /// <summary>
    /// Refuses a date before the edition the draft was made from came into force (or before the Labor Code 4604.5 caps,
    /// for a draft with no published parent), or after 2100: such a date is a typo, not a decision.
    /// </summary>
    private void RequireSaneDate(VersionDocument draft, DateOnly effectiveFrom)
    {
        var earliest = new DateOnly(2004, 1, 1);
        if (draft.ParentId is { } parentId && Versions.FindById(parentId) is { EffectiveFrom: { } parentFrom })
        {
            earliest = ParseIso(parentFrom)!.Value;
        }
        if (effectiveFrom < earliest || effectiveFrom > LatestEffectiveDate)
        {
            throw new StoreException(StoreErrorKind.Invalid,
                $"cannot publish {draft.Id} from {Iso(effectiveFrom)}: the date must lie between {Iso(earliest)} " +
                $"({(draft.ParentId is null ? "the Labor Code 4604.5 caps" : $"when {draft.ParentId}, the edition it was made from, came into force")}) and {Iso(LatestEffectiveDate)}");
        }
    }

    /// <summary>
    /// Refuses to publish over a version that was published after this draft was made: the draft was made without its
    /// rows, and publishing would silently replace or cut short someone else's decision. Returns what --replace overrode.
    /// </summary>
    private static string? RequireUnchangedSince(VersionDocument draft, VersionDocument? predecessor, DateOnly effectiveFrom, bool replace)
    {
        if (predecessor is null || predecessor.PublishedAt is not { } publishedAt || publishedAt <= draft.CreatedAt)
        {
            return null;
        }
        var what = $"{predecessor.Id} (published by {predecessor.PublishedBy} at {publishedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z, in force from {predecessor.EffectiveFrom})";
        if (replace)
        {
            return what;
        }
        throw new StoreException(StoreErrorKind.Conflict,
            $"cannot publish {draft.Id} from {Iso(effectiveFrom)}: since this draft was made, {what} took over that date, and its rows are not in this draft; " +
            $"make a new draft from {predecessor.Id}, or pass --replace to publish over it (audited)");
    }

    /// <summary>Abandons a draft. Published versions leave service only when a successor takes over their window.</summary>
    public void Retire(string versionId, string user) => Write(() =>
    {
        var doc = Versions.FindById(versionId) ?? throw NotFound(versionId);
        if (doc.Status != "draft")
        {
            throw new StoreException(StoreErrorKind.Immutable,
                $"version {versionId} is {doc.Status}; a published version leaves service only when a draft published on its first day replaces it");
        }
        doc.Status = "retired";
        doc.RetiredBy = user;
        doc.RetiredAt = Time.GetUtcNow().UtcDateTime;
        doc.Revision++;
        Versions.Update(doc);
        AppendAudit(user, "retire", versionId, null, null, null, $"draft {versionId} abandoned");
        Bump(published: false);
        return true;
    });

    /// <summary>Imports a one-version bundle as a new draft; returns its id. The content hash survives the round trip.</summary>
    public string Import(Bundle bundle, string user) => Write(() =>
    {
        if (bundle.Versions.Count != 1)
        {
            throw new StoreException(StoreErrorKind.Invalid, $"a bundle to import holds exactly one version; this one holds {bundle.Versions.Count}");
        }
        var v = bundle.Versions[0];
        var ids = v.Rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (ids.Count > 0)
        {
            throw new StoreException(StoreErrorKind.Invalid, $"the bundle has two rows with id '{ids[0]}'");
        }
        var now = Time.GetUtcNow().UtcDateTime;
        var id = NewVersionId(now);
        Catalogs.Insert(new CatalogDocument { Id = id, Catalog = ToBson(CatalogJson.ToJson(v.Catalog)) });
        Rules.InsertBulk(v.Rules.Select(r => NewRuleDocument(id, r, user, now)));
        var hash = v.ContentHash;
        Versions.Insert(new VersionDocument
        {
            Id = id,
            Label = string.IsNullOrEmpty(v.Label) ? $"Imported {v.Id}" : v.Label,
            Status = "draft",
            ParentId = Versions.FindById(v.Id) is not null ? v.Id : v.ParentId is { } p && Versions.FindById(p) is not null ? p : null,
            ContentHash = hash,
            CreatedBy = user,
            CreatedAt = now,
            Revision = 1,
        });
        AppendAudit(user, "import", id, null, null, null, $"imported bundle version {v.Id} as draft {id} ({v.Rules.Count} rows, content {hash[..12]})");
        Bump(published: false);
        return id;
    });

    /// <summary>A version as a one-version bundle (canonical JSON via <see cref="Bundle.ToJson"/>).</summary>
    public Bundle Export(string versionId) => Guard(() =>
    {
        var doc = Versions.FindById(versionId) ?? throw NotFound(versionId);
        var book = LoadBook(doc);
        return new Bundle([new BundleVersion(doc.Id, doc.Label, ParseIso(doc.EffectiveFrom), ParseIso(doc.EffectiveTo), doc.ParentId, book.Catalog, book.Rules)]);
    });

    /// <summary>The audit log, oldest first, optionally for one version and/or one user.</summary>
    public IReadOnlyList<AuditEntry> AuditLog(string? versionId = null, string? user = null, int? last = null) => Guard(() =>
    {
        var entries = Audit.FindAll()
            .Where(a => (versionId is null || a.VersionId == versionId) && (user is null || a.User == user))
            .OrderBy(a => a.Id)
            .Select(a => new AuditEntry(a.Id, a.At, a.User, a.Action, a.VersionId, a.RuleId, a.Before, a.After, a.Detail))
            .ToList();
        return last is { } n && entries.Count > n ? entries.Skip(entries.Count - n).ToList() : entries;
    });

    // ------------------------------------------------------------------ helpers

    private T Write<T>(Func<T> work) => InTransaction(work);

    private VersionDocument RequireDraft(string versionId, string verb)
    {
        var doc = Versions.FindById(versionId) ?? throw NotFound(versionId);
        if (doc.Status != "draft")
        {
            throw new StoreException(StoreErrorKind.Immutable,
                $"cannot {verb} {versionId}: it is {doc.Status}, and {doc.Status} versions never change; create a draft from it first (draft {versionId})");
        }
        return doc;
    }

    private RuleDocument FindRule(string versionId, string ruleId) =>
        Rules.FindById(RuleDocument.KeyOf(versionId, ruleId))
        ?? throw new StoreException(StoreErrorKind.NotFound, $"version {versionId} has no row '{ruleId}'");

    private static void RequireRowVersion(RuleDocument doc, int expected)
    {
        if (doc.RowVersion != expected)
        {
            throw new StoreException(StoreErrorKind.Conflict,
                $"row {doc.RuleId} of {doc.VersionId} was changed by {doc.UpdatedBy} at {doc.UpdatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC " +
                $"(now row version {doc.RowVersion}; your edit was based on row version {expected}); reload the row and apply your change again");
        }
    }

    private void Touch(RuleDocument doc, string user)
    {
        doc.RowVersion++;
        doc.UpdatedBy = user;
        doc.UpdatedAt = Time.GetUtcNow().UtcDateTime;
    }

    /// <summary>Recomputes a draft's content hash after an edit and marks the version changed.</summary>
    private void Rehash(string versionId)
    {
        var doc = Versions.FindById(versionId)!;
        var book = LoadBook(doc);
        doc.ContentHash = GuidelineContent.Hash(book.Catalog, book.Rules);
        doc.Revision++;
        Versions.Update(doc);
        Bump(published: false);
    }

    private void Bump(bool published)
    {
        var meta = Meta.FindById(MetaDocument.SingletonId) ?? new MetaDocument { SchemaVersion = SchemaVersion, CreatedAt = Time.GetUtcNow().UtcDateTime };
        meta.Revision++;
        if (published)
        {
            meta.PublishedRevision++;
        }
        Meta.Upsert(meta);
    }

    /// <summary>"v20261127-1": the date of creation and a counter, unique within the store.</summary>
    private string NewVersionId(DateTime now)
    {
        var prefix = "v" + now.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-";
        var taken = Versions.Find(v => v.Id.StartsWith(prefix)).Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        for (var n = 1; ; n++)
        {
            var id = prefix + n.ToString(CultureInfo.InvariantCulture);
            if (!taken.Contains(id))
            {
                return id;
            }
        }
    }

    private static string Canonical(LiteDB.BsonDocument bson) => CanonicalJson.Write(ToJson(bson));

    private StoredRule ToRecord(RuleDocument doc) =>
        new(doc.VersionId, RuleJson.FromJson(ToJson(doc.Rule), doc.Id), doc.RowVersion, doc.UpdatedBy, doc.UpdatedAt, doc.VerifiedBy, doc.VerifiedAt);
}
