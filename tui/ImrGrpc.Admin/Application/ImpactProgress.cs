namespace ImrGrpc.Admin.Application;

/// <summary>How far a replay has come: cases done, and how far through the source (bytes of a streamed file, cases of a corpus).</summary>
public readonly record struct ImpactProgress(long Cases, long Done, long Length, TimeSpan Elapsed)
{
    public double Fraction => Length <= 0 ? 0 : Math.Clamp((double)Done / Length, 0, 1);

    public double CasesPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : Cases / Elapsed.TotalSeconds;

    /// <summary>What remains at the pace so far; unknown until some of the source is done.</summary>
    public TimeSpan? Remaining => Done <= 0 || Elapsed <= TimeSpan.Zero ? null : Elapsed * ((double)(Length - Math.Min(Done, Length)) / Done);
}
