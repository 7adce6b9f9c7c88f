using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Compilation;

/// <summary>Why a guideline version could not be chosen for a request.</summary>
public sealed class GuidelineResolutionException(GuidelineResolutionError error, string message) : Exception(message)
{
    public GuidelineResolutionError Error { get; } = error;
}

public enum GuidelineResolutionError
{
    /// <summary>No published version's window contains the request date.</summary>
    NoneInForce,
    /// <summary>The pinned version id is not published.</summary>
    NotFound,
}

/// <summary>
/// Every published version, compiled, with the revision of the store it came from. Immutable: the server
/// swaps in a whole new library when an editor publishes.
/// </summary>
public sealed class GuidelineLibrary
{
    private readonly CompiledGuideline[] _byStart;

    public GuidelineLibrary(IEnumerable<CompiledGuideline> versions, long revision)
    {
        _byStart = versions
            .OrderBy(v => v.Version.EffectiveFrom ?? DateOnly.MaxValue)
            .ThenBy(v => v.Version.Id, StringComparer.Ordinal)
            .ToArray();
        Revision = revision;
    }

    public static GuidelineLibrary Empty { get; } = new([], 0);

    public IReadOnlyList<CompiledGuideline> Versions => _byStart;

    /// <summary>The store revision this library was compiled from.</summary>
    public long Revision { get; }

    public CompiledGuideline? InForceOn(DateOnly date)
    {
        // Windows never overlap, so at most one version matches; the last started one wins if they ever did.
        for (var i = _byStart.Length - 1; i >= 0; i--)
        {
            if (_byStart[i].Version.IsInForceOn(date))
            {
                return _byStart[i];
            }
        }
        return null;
    }

    public CompiledGuideline? Find(string id)
    {
        foreach (var version in _byStart)
        {
            if (string.Equals(version.Version.Id, id, StringComparison.Ordinal))
            {
                return version;
            }
        }
        return null;
    }

    /// <summary>The pinned version if one is named, else the one in force on the request date.</summary>
    public CompiledGuideline Resolve(DateOnly requestDate, string? pinnedId)
    {
        if (!string.IsNullOrEmpty(pinnedId))
        {
            return Find(pinnedId) ?? throw new GuidelineResolutionException(
                GuidelineResolutionError.NotFound,
                $"Guideline version '{pinnedId}' is not published on this server; ListGuidelineVersions lists the ones that are.");
        }
        return InForceOn(requestDate) ?? throw new GuidelineResolutionException(
            GuidelineResolutionError.NoneInForce,
            $"No published guideline version is in force on request date {requestDate:yyyy-MM-dd}; ListGuidelineVersions lists the effective windows.");
    }
}
