using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Impact;
using ImrGrpc.Engine.Model;
using ImrGrpc.Engine.Validation;
using ImrGrpc.Storage;
using ImrGrpc.Storage.Bundles;
using ImrGrpc.Storage.Editing;
using ImrGrpc.Storage.Files;

namespace ImrGrpc.Admin.Application;

/// <summary>
/// What an editor does, for the CLI and the TUI alike: every operation goes through the store's lifecycle (so the
/// same rules, audit and concurrency checks apply), and what needs the engine (validation, impact, try a case) is
/// computed here from the stored versions.
/// </summary>
public sealed class AdminSession(GuidelineStore store, string user, TimeProvider time) : IDisposable
{
    public GuidelineStore Store { get; } = store;
    public string User { get; } = user;
    public string StorePath => Store.FilePath;

    /// <summary>The clock "today" is read from (the store stamps its writes with the same one).</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Today's date in UTC, the day the store's publishes and the server's "in force" are counted in.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Opens the store for editing (read-only where the file cannot be written: a read-only disk still serves every
    /// read command). A store that cannot be read is refused with the reason; nothing is written. A writable store's
    /// published directory is repaired here if a publish was cut short before it was written.
    /// </summary>
    public static AdminSession Open(string? path, string? user, TimeProvider? time = null, StoreHooks? hooks = null)
    {
        time ??= TimeProvider.System;
        var resolved = StoreDefaults.Resolve(path);
        var name = string.IsNullOrWhiteSpace(user) ? Environment.UserName : user;
        AuditText.RequireClean(name, "user name");
        var writable = !File.Exists(resolved) || CanWrite(resolved);
        if (writable)
        {
            // A store that does not exist yet is created already seeded, as the server would create it.
            GuidelineStore.CreateSeeded(resolved, SeedData.Load(), name, time);
        }
        var store = GuidelineStore.Open(resolved, readOnly: !writable, time: time, hooks: hooks);
        if (writable)
        {
            store.SeedIfEmpty(SeedData.Load(), name);
            store.RepairPublished();
        }
        return new AdminSession(store, name, time);
    }

    private static bool CanWrite(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public IReadOnlyList<StoredVersion> Versions() => Store.ListVersions();

    public StoredVersion Version(string id) => Store.GetVersion(id);

    /// <summary>
    /// The version in force on a date (today by default), if any: the same answer the server and a publish give, read
    /// from the versions' windows alone.
    /// </summary>
    public VersionInfo? InForceOn(DateOnly? date = null) => VersionWindows.InForceOn(Store.ListVersionInfos(), static v => v, date ?? Today);

    public IReadOnlyList<StoredRule> Rules(string versionId) => Store.ListRules(versionId);

    public string CreateDraft(string fromVersionId, string? label = null) => Store.CreateDraft(fromVersionId, User, label);

    public StoredRule SetLimits(string draftId, string ruleId, LimitChange change, int? expectedRowVersion = null) =>
        Store.SetLimits(draftId, ruleId, change, User, expectedRowVersion);

    public StoredRule UpdateRule(string draftId, RuleRow row, int expectedRowVersion) => Store.UpdateRule(draftId, row, expectedRowVersion, User);

    public StoredRule AddRule(string draftId, RuleRow row) => Store.AddRule(draftId, row, User);

    public void DeleteRule(string draftId, string ruleId, int expectedRowVersion) => Store.DeleteRule(draftId, ruleId, expectedRowVersion, User);

    public StoredRule MarkVerified(string draftId, string ruleId, int? expectedRowVersion = null) => Store.MarkVerified(draftId, ruleId, User, expectedRowVersion);

    public IReadOnlyList<ValidationProblem> Validate(string versionId) => Store.Validate(versionId);

    public PublishResult Publish(string draftId, DateOnly effectiveFrom, bool replace = false) => Store.Publish(draftId, effectiveFrom, User, replace);

    public void Retire(string versionId) => Store.Retire(versionId, User);

    public string Import(string file) => Store.Import(Bundle.Parse(File.ReadAllText(file)), User);

    public void Export(string versionId, string file)
    {
        Store.RefuseStoreFiles(file, "an export");
        DurableFile.Write(file, System.Text.Encoding.UTF8.GetBytes(Store.Export(versionId).ToJson()));
    }

    public IReadOnlyList<AuditEntry> Audit(string? versionId = null, string? user = null, int? last = null) => Store.AuditLog(versionId, user, last);

    public VersionDiff Diff(string beforeId, string afterId) => VersionDiff.Compare(Store.LoadBook(beforeId), Store.LoadBook(afterId));

    /// <summary>
    /// The version a draft would be compared with if published on a date (today by default): the one in force then, as
    /// <see cref="PlanPublish"/> names it, or else the version the draft was made from.
    /// </summary>
    public string? ReplacedId(string draftId, DateOnly? effectiveFrom = null)
    {
        var parent = Store.GetVersionInfo(draftId).ParentId;
        return InForceOn(effectiveFrom)?.Id ?? parent;
    }

    /// <summary>What publishing a draft on a date would do: exactly what <see cref="Publish"/> then does.</summary>
    public PublishPlan PlanPublish(string draftId, DateOnly effectiveFrom) => Store.PlanPublish(draftId, effectiveFrom);

    public CompiledGuideline Compile(string versionId) => GuidelineCompiler.Compile(Store.LoadBook(versionId));

    /// <summary>
    /// Replays a source of cases under the version a draft would replace and under the draft, on every core (or
    /// <paramref name="workers"/>), listing only the first changes and errors (<paramref name="limits"/>).
    /// </summary>
    public Task<ImpactReport> ImpactAsync(string draftId, ICaseSource source, string? againstVersionId = null, DateOnly? effectiveFrom = null,
        ImpactLimits? limits = null, int? workers = null, IProgress<ImpactProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var against = againstVersionId ?? ReplacedId(draftId, effectiveFrom)
            ?? throw new StoreException(StoreErrorKind.NotFound, $"no published version for {draftId} to be compared with; name one with --against");
        return ImpactReplay.RunAsync(Compile(against), Compile(draftId), source, limits, workers, progress, Time, cancellationToken);
    }

    /// <summary>
    /// Decides one case as the server would: under the published version the case pins or that is in force on its
    /// request date; or under a version named here (a draft, say).
    /// </summary>
    public CaseDecision TryCase(ImpactCase @case, string? versionId = null)
    {
        var outcome = versionId is null
            ? CaseDecider.Decide(PublishedLibrary(), @case.Request)
            : CaseDecider.Decide(Compile(versionId), @case.Request);
        return outcome.Kind switch
        {
            CaseOutcomeKind.Decided => outcome.Decision!,
            CaseOutcomeKind.Invalid => throw new StoreException(StoreErrorKind.Invalid, outcome.Explain(@case.Request)),
            _ => throw new StoreException(StoreErrorKind.NotFound, outcome.Explain(@case.Request)),
        };
    }

    /// <summary>The published versions as the server serves them; each is compiled only if a case needs it.</summary>
    private GuidelineLibrary PublishedLibrary() => new(
        Store.ListVersionInfos().Where(v => v.Status == VersionStatus.Published).Select(v => new GuidelineSlot(v, () => Compile(v.Id))), 1);

    public void Dispose() => Store.Dispose();
}
