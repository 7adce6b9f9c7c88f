using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Compilation;

namespace ImrGrpc.Engine.Impact;

/// <summary>
/// Replays cases under the version a draft would replace and under the draft, one at a time, keeping counts for every
/// case and only the first changed items and errors (<see cref="ImpactLimits"/>): memory stays the same whatever the
/// size of the corpus. Every case is decided under both versions as given, whatever its request date: the question is
/// what these rules would do to these cases.
/// <para>
/// One tally per worker (it is not thread-safe); <see cref="Merge"/> then gives the report one tally fed every case
/// would give, in whatever order the cases came, because positions (not arrival) decide what is listed.
/// </para>
/// </summary>
public sealed class ImpactTally(CompiledGuideline before, CompiledGuideline after, ImpactLimits limits)
{
    private readonly CompiledGuideline _before = before ?? throw new ArgumentNullException(nameof(before));
    private readonly CompiledGuideline _after = after ?? throw new ArgumentNullException(nameof(after));
    private readonly FirstByPosition<ItemImpact> _changes = new(limits.MaxChanges);
    private readonly FirstByPosition<ImpactError> _errors = new(limits.MaxErrors);
    private readonly Dictionary<string, long[]> _totals = new(StringComparer.Ordinal);
    private long _cases;
    private long _items;
    private long _errorCount;

    /// <summary>Cases counted so far (decided or not; unreadable ones are errors, not cases).</summary>
    public long Cases => _cases;

    /// <summary>Decides one case under both versions and counts its items; <paramref name="position"/> orders the listings.</summary>
    public void Add(long position, ImpactCase @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        _cases++;
        var outcomeBefore = CaseDecider.Decide(_before, @case.Request);
        var outcomeAfter = CaseDecider.Decide(_after, @case.Request);
        if (outcomeBefore.Decision is not { } a || outcomeAfter.Decision is not { } b)
        {
            _errorCount++;
            if (_errors.Wants(position, 0))
            {
                var problems = outcomeBefore.Problems.Concat(outcomeAfter.Problems).Distinct();
                _errors.Offer(position, 0, new ImpactError(@case.Name, string.Join("; ", problems.Select(p => p.ToText(@case.Request)))));
            }
            return;
        }
        for (var k = 0; k < a.Items.Count; k++)
        {
            _items++;
            var x = a.Items[k];
            var y = b.Items[k];
            var counts = Totals(x.Item.Treatment);
            counts[0]++;
            if (ImpactAnalyzer.Classify(x, y) is not { } direction)
            {
                continue;
            }
            counts[direction switch
            {
                ImpactDirection.NewlyCertified => 1,
                ImpactDirection.NewlyDenied => 2,
                _ => 3,
            }]++;
            if (_changes.Wants(position, k))
            {
                _changes.Offer(position, k, new ItemImpact(@case.Name, @case.Request.CaseId, x.Item.ItemId, x.Item.Treatment, direction,
                    x.Determination, y.Determination, x.ApprovableQuantity, y.ApprovableQuantity,
                    ImpactAnalyzer.Pages(x), ImpactAnalyzer.Pages(y), a, b));
            }
        }
    }

    /// <summary>Counts a case that could not be read (not a request, or not a valid one).</summary>
    public void AddUnreadable(long position, ImpactError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _errorCount++;
        _errors.Offer(position, 0, error);
    }

    /// <summary>Adds another worker's tally (over other cases of the same corpus) to this one.</summary>
    public void Merge(ImpactTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _cases += other._cases;
        _items += other._items;
        _errorCount += other._errorCount;
        foreach (var (treatment, counts) in other._totals)
        {
            var mine = Totals(treatment);
            for (var i = 0; i < mine.Length; i++)
            {
                mine[i] += counts[i];
            }
        }
        _changes.Merge(other._changes);
        _errors.Merge(other._errors);
    }

    public ImpactReport ToReport()
    {
        var byTreatment = _totals.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new TreatmentImpact(t.Key, t.Value[0], t.Value[1], t.Value[2], t.Value[3])).ToList();
        return new ImpactReport(_before.Version.Id, _after.Version.Id, _cases, _items, _changes.InOrder(), byTreatment, _errors.InOrder(), _errorCount);
    }

    private long[] Totals(string treatment)
    {
        if (!_totals.TryGetValue(treatment, out var counts))
        {
            _totals[treatment] = counts = new long[4];
        }
        return counts;
    }
}
