using ImrGrpc.Engine.Impact;

namespace ImrGrpc.Admin.Application;

/// <summary>
/// A corpus of cases read from files into memory (the built-in corpus, a cases file, an array); requests that cannot
/// be read are listed, not dropped silently. Replayed, the unreadable ones come first, then the cases in order.
/// </summary>
public sealed record CaseCorpus(IReadOnlyList<ImpactCase> Cases, IReadOnlyList<ImpactError> Unreadable, string Source) : ICaseSource
{
    public long Length => Unreadable.Count + Cases.Count;

    public bool Streamed => false;

    public IEnumerable<CaseRecord> Read(CancellationToken cancellationToken)
    {
        var position = 0L;
        foreach (var error in Unreadable)
        {
            yield return CaseRecord.Unreadable(position, position + 1, error);
            position++;
        }
        foreach (var @case in Cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return CaseRecord.Read(position, position + 1, @case);
            position++;
        }
    }
}
