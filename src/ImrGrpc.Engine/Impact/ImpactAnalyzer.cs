using ImrGrpc.Engine.Evaluation;

namespace ImrGrpc.Engine.Impact;

/// <summary>How an item's decision changes between two versions: the one reading of "changed" every report uses.</summary>
public static class ImpactAnalyzer
{
    /// <summary>The change, or null when the item is decided the same way on the same pages.</summary>
    public static ImpactDirection? Classify(ItemDecision before, ItemDecision after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (!before.Certified && after.Certified)
        {
            return ImpactDirection.NewlyCertified;
        }
        if (before.Certified && !after.Certified)
        {
            return ImpactDirection.NewlyDenied;
        }
        if (before.ApprovableQuantity != after.ApprovableQuantity)
        {
            return ImpactDirection.QuantityChanged;
        }
        if (before.Determination != after.Determination)
        {
            return ImpactDirection.DeterminationChanged;
        }
        return Pages(before).SequenceEqual(Pages(after)) ? null : ImpactDirection.CitationsChanged;
    }

    /// <summary>The pages an item's decision cites, each once, in order.</summary>
    public static IReadOnlyList<string> Pages(ItemDecision item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Citations.SelectMany(c => c.Row.Pages).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}
