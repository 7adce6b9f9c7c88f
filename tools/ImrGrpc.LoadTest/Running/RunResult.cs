using Grpc.Core;
using HdrHistogram;

namespace ImrGrpc.LoadTest.Running;

/// <summary>What a measured phase produced, merged over every worker.</summary>
internal sealed class RunResult
{
    private RunResult(LongHistogram latency, IReadOnlyDictionary<StatusCode, long> errors, IReadOnlyDictionary<StatusCode, string> firstDetails,
        long ok, long lateStarts, long notStarted, long abandoned, TimeSpan elapsed, bool interrupted)
    {
        Latency = latency;
        Errors = errors;
        FirstDetails = firstDetails;
        Ok = ok;
        LateStarts = lateStarts;
        NotStarted = notStarted;
        Abandoned = abandoned;
        Elapsed = elapsed;
        Interrupted = interrupted;
    }

    /// <summary>Every completed call's latency in microseconds, successes and errors alike.</summary>
    public LongHistogram Latency { get; }

    /// <summary>Failed calls by status code, codes in numeric order; OK is never here.</summary>
    public IReadOnlyDictionary<StatusCode, long> Errors { get; }

    /// <summary>The first status detail seen for each error code, to say what went wrong without a second run.</summary>
    public IReadOnlyDictionary<StatusCode, string> FirstDetails { get; }

    public long Calls => Latency.TotalCount;

    public long Ok { get; }

    public long ErrorCount => Calls - Ok;

    public long LateStarts { get; }

    public long NotStarted { get; }

    public long Abandoned { get; }

    /// <summary>From the measured phase's start until its last call ended.</summary>
    public TimeSpan Elapsed { get; }

    public bool Interrupted { get; }

    public double Throughput => Elapsed > TimeSpan.Zero ? Calls / Elapsed.TotalSeconds : 0;

    public static RunResult Merge(IReadOnlyList<Worker> workers, long notStarted, TimeSpan elapsed, bool interrupted)
    {
        var latency = LatencyHistogram.Create();
        var counts = new long[workers.Count == 0 ? 0 : workers[0].StatusCounts.Count];
        var details = new SortedDictionary<StatusCode, string>();
        long lateStarts = 0, abandoned = 0;
        foreach (var worker in workers)
        {
            latency.Add(worker.Latency);
            lateStarts += worker.LateStarts;
            abandoned += worker.Abandoned;
            for (var code = 0; code < counts.Length; code++)
            {
                counts[code] += worker.StatusCounts[code];
                if (worker.FirstDetails[code] is { } detail)
                {
                    details.TryAdd((StatusCode)code, detail);
                }
            }
        }

        var errors = new SortedDictionary<StatusCode, long>();
        for (var code = 1; code < counts.Length; code++)
        {
            if (counts[code] > 0)
            {
                errors[(StatusCode)code] = counts[code];
            }
        }

        var ok = counts.Length > 0 ? counts[(int)StatusCode.OK] : 0;
        return new RunResult(latency, errors, details, ok, lateStarts, notStarted, abandoned, elapsed, interrupted);
    }
}
