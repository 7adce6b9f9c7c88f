using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ImrGrpc.Engine.Compilation;

namespace ImrGrpc.Engine.Rationale;

/// <summary>
/// The guideline-basis lines already written for a version, by the rows cited: an item's basis depends on its
/// citations alone (<see cref="RationaleRenderer.GuidelineBasis"/>), and requests cite the same few combinations of a
/// version's rows again and again, while writing one (grouping by guideline, merging and sorting pages) was about an
/// eighth of rendering a letter. Kept beside each compiled version, and dropped with it; at most
/// <see cref="MaxKept"/> lines per version, so a caller cannot grow it without bound.
/// </summary>
internal static class GuidelineBases
{
    private const int MaxKept = 4096;

    /// <summary>Up to this many citations, identified by their rows' positions in the version (16 bits each).</summary>
    private const int MaxKeyed = 8;

    private static readonly ConditionalWeakTable<CompiledGuideline, ConcurrentDictionary<Key, string>> Kept = new();

    public static string For(CompiledGuideline guideline, IReadOnlyList<CompiledRule> citations)
    {
        if (!TryKey(guideline, citations, out var key))
        {
            return RationaleRenderer.GuidelineBasis(citations);
        }
        var kept = Kept.GetValue(guideline, static _ => new ConcurrentDictionary<Key, string>());
        if (kept.TryGetValue(key, out var basis))
        {
            return basis;
        }
        basis = RationaleRenderer.GuidelineBasis(citations);
        if (kept.Count < MaxKept)
        {
            kept.TryAdd(key, basis);
        }
        return basis;
    }

    /// <summary>The citations in order, as their rows' positions in the version packed four to a word.</summary>
    private static bool TryKey(CompiledGuideline guideline, IReadOnlyList<CompiledRule> citations, out Key key)
    {
        key = default;
        if (citations.Count > MaxKeyed)
        {
            return false;
        }
        ulong low = 0, high = 0;
        for (var i = 0; i < citations.Count; i++)
        {
            var order = citations[i].Order;
            // A position names the row only among this version's rules (the only ones a decision under it cites).
            if (order is < 0 or > ushort.MaxValue || order >= guideline.Rules.Count || !ReferenceEquals(guideline.Rules[order], citations[i]))
            {
                return false;
            }
            if (i < 4)
            {
                low |= (ulong)order << (16 * i);
            }
            else
            {
                high |= (ulong)order << (16 * (i - 4));
            }
        }
        key = new Key(low, high, citations.Count);
        return true;
    }

    private readonly record struct Key(ulong Low, ulong High, int Count);
}
