using System.Collections.Frozen;

namespace ImrGrpc.Engine.Compilation;

/// <summary>
/// The course rows of one (treatment, phase, care type), split for selection: rows that name no condition group (and
/// default rows) in table order, and the rows of each condition group in table order. Selecting a row then reads only
/// the groups the case's diagnoses map to, however many groups the table holds.
/// </summary>
public sealed class RowBucket
{
    public static readonly RowBucket Empty = new([]);

    internal RowBucket(CompiledRule[] all)
    {
        All = all;
        var general = new List<CompiledRule>();
        var byGroup = new Dictionary<string, List<CompiledRule>>(StringComparer.Ordinal);
        foreach (var rule in all)
        {
            var row = rule.Row;
            if (row.ConditionGroup is null || row.IsDefault)
            {
                general.Add(rule);
            }
            if (row.ConditionGroup is { } group)
            {
                if (!byGroup.TryGetValue(group, out var list))
                {
                    byGroup[group] = list = [];
                }
                list.Add(rule);
            }
        }
        General = general.ToArray();
        ByGroup = byGroup.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Every row, in table order.</summary>
    public CompiledRule[] All { get; }

    /// <summary>Rows naming no condition group, and default rows (whatever group they name), in table order.</summary>
    internal CompiledRule[] General { get; }

    /// <summary>Rows naming each condition group, in table order.</summary>
    internal FrozenDictionary<string, CompiledRule[]> ByGroup { get; }
}
