using ImrGrpc.Engine.Impact;

namespace ImrGrpc.Admin.Application;

/// <summary>
/// One case as a source hands it to the replay: still JSON text (a line of a streamed file, parsed by whichever worker
/// takes it), or already read (a corpus in memory), or known to be unreadable.
/// </summary>
/// <param name="Position">Orders the report's listings: the line number of a streamed file, the index in a corpus.</param>
/// <param name="End">How far through the source this record ends, in the source's <see cref="ICaseSource.Length"/> units.</param>
public readonly record struct CaseRecord(long Position, long End, string Name, string? Json, ImpactCase? Case, ImpactError? Error)
{
    public static CaseRecord Text(long position, long end, string name, string json) => new(position, end, name, json, null, null);

    public static CaseRecord Read(long position, long end, ImpactCase @case) => new(position, end, @case.Name, null, @case, null);

    public static CaseRecord Unreadable(long position, long end, ImpactError error) => new(position, end, error.CaseName, null, null, error);
}
