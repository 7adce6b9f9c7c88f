using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Compilation;

/// <summary>
/// Every published version with the revision of the manifest it came from. Immutable: the server swaps in a whole new
/// library when an editor publishes. Versions are compiled on first use, so a library of years of history is ready at
/// once; the host warms the rest in the background.
/// </summary>
public sealed class GuidelineLibrary
{
    private readonly GuidelineSlot[] _byStart;

    public GuidelineLibrary(IEnumerable<GuidelineSlot> versions, long revision)
    {
        _byStart = versions
            .OrderBy(v => v.Version.EffectiveFrom ?? DateOnly.MaxValue)
            .ThenBy(v => v.Version.Id, StringComparer.Ordinal)
            .ToArray();
        Revision = revision;
    }

    public GuidelineLibrary(IEnumerable<CompiledGuideline> versions, long revision)
        : this(versions.Select(v => new GuidelineSlot(v)), revision)
    {
    }

    public static GuidelineLibrary Empty { get; } = new(Array.Empty<GuidelineSlot>(), 0);

    /// <summary>The versions, oldest window first, without compiling any.</summary>
    public IReadOnlyList<GuidelineSlot> Slots => _byStart;

    public int Count => _byStart.Length;

    /// <summary>Every version compiled (compiling those not yet compiled).</summary>
    public IReadOnlyList<CompiledGuideline> Versions => _byStart.Select(s => s.Compiled).ToArray();

    /// <summary>The manifest revision this library was built from.</summary>
    public long Revision { get; }

    public CompiledGuideline? InForceOn(DateOnly date) => SlotInForceOn(date)?.Compiled;

    public GuidelineSlot? SlotInForceOn(DateOnly date) => VersionWindows.InForceOn(_byStart, static s => s.Version, date);

    public CompiledGuideline? Find(string id)
    {
        foreach (var version in _byStart)
        {
            if (string.Equals(version.Version.Id, id, StringComparison.Ordinal))
            {
                return version.Compiled;
            }
        }
        return null;
    }
    /// <summary>The pinned version if one is named, else the one in force on the request date.</summary>
    public CompiledGuideline Resolve(DateOnly requestDate, string? pinnedId) =>
        TryResolve(requestDate, pinnedId, out var guideline, out var error)
            ? guideline!
            : throw new GuidelineResolutionException(error, error == GuidelineResolutionError.NotFound
                ? $"Guideline version '{pinnedId}' is not published."
                : $"No published guideline version is in force on request date {requestDate:yyyy-MM-dd}.", requestDate, pinnedId);

    /// <summary>The pinned version if one is named, else the one in force on the request date; false and why when neither.</summary>
    public bool TryResolve(DateOnly requestDate, string? pinnedId, out CompiledGuideline? guideline, out GuidelineResolutionError error)
    {
        if (!string.IsNullOrEmpty(pinnedId))
        {
            guideline = Find(pinnedId);
            error = GuidelineResolutionError.NotFound;
        }
        else
        {
            guideline = InForceOn(requestDate);
            error = GuidelineResolutionError.NoneInForce;
        }
        return guideline is not null;
    }
}
