using System.Diagnostics;
using Grpc.Core;
using HdrHistogram;
using ImrGrpc.LoadTest.Calls;

namespace ImrGrpc.LoadTest.Running;

/// <summary>
/// One call slot: keeps one call in flight at a time and records into its own histogram and counters, so the hot path
/// shares nothing with other workers but the phase's ticket counter. Results are merged once the run is over.
/// </summary>
internal sealed class Worker(RpcTarget target, CallInvoker[] connections)
{
    /// <summary>How long after falling due an open-loop call may start before it counts as late.</summary>
    public static readonly long LateThreshold = Ticks.PerMillisecond;

    // Indexed by status code; a server that invents codes past the standard ones is counted under Unknown.
    private readonly long[] _statusCounts = new long[(int)StatusCode.Unauthenticated + 1];
    private readonly string?[] _firstDetail = new string?[(int)StatusCode.Unauthenticated + 1];
    private long _completed;
    private long _errors;
    private long _lateStarts;
    private long _abandoned;

    public LongHistogram Latency { get; } = LatencyHistogram.Create();

    /// <summary>Calls completed in every phase so far, for the progress display.</summary>
    public long Completed => Volatile.Read(ref _completed);

    /// <summary>Failed calls in every phase so far, for the progress display.</summary>
    public long Errors => Volatile.Read(ref _errors);

    public long LateStarts => _lateStarts;

    /// <summary>Calls cut off by the tool itself (Ctrl+C, or still in flight long after the run ended): not outcomes.</summary>
    public long Abandoned => _abandoned;

    public IReadOnlyList<long> StatusCounts => _statusCounts;

    public IReadOnlyList<string?> FirstDetails => _firstDetail;

    public async Task RunAsync(Phase phase, CancellationToken abort)
    {
        var payloads = target.Payloads;
        var connectionCount = connections.Length;
        while (!abort.IsCancellationRequested)
        {
            if (phase.Pacer is { } pacer)
            {
                await pacer.WaitForPermitAsync(abort).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (abort.IsCancellationRequested)
                {
                    break;
                }
            }

            if (!phase.TryTake(out var ticket, out var dueAt))
            {
                break;
            }

            var startedAt = Stopwatch.GetTimestamp();
            var scheduledAt = dueAt;
            if (phase.Pacer is { } schedule)
            {
                scheduledAt = schedule.ReleasedAt(ticket, dueAt);
                // Late: due, but no call slot was free to start it (every slot held by a slow call) or the client was busy.
                if (phase.Recorded && startedAt - scheduledAt > LateThreshold)
                {
                    _lateStarts++;
                }
            }

            // Spread calls over the connections first, then rotate the requests, so every connection sees every request.
            var invoker = connections[ticket % connectionCount];
            var payload = payloads[ticket / connectionCount % payloads.Length];
            using var call = invoker.AsyncUnaryCall(target.Method, null, new CallOptions(cancellationToken: abort), payload);
            Task response = call.ResponseAsync;
            // Awaited without throwing: a run full of errors must cost no more per call than a run full of successes.
            await response.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var endedAt = Stopwatch.GetTimestamp();

            var (status, detail) = Outcome(response);
            if (status == StatusCode.Cancelled && abort.IsCancellationRequested)
            {
                _abandoned++;
                break;
            }

            // The progress counters move in every phase; only the measured one goes into the results.
            Volatile.Write(ref _completed, _completed + 1);
            if (status != StatusCode.OK)
            {
                Volatile.Write(ref _errors, _errors + 1);
            }

            if (phase.Recorded)
            {
                // Open loop: from when the call was scheduled, so time spent waiting for a free slot counts as latency.
                Record(endedAt - scheduledAt, status, detail);
            }
        }
    }

    private static (StatusCode Status, string? Detail) Outcome(Task response)
    {
        if (response.IsCompletedSuccessfully)
        {
            return (StatusCode.OK, null);
        }

        if (response.IsCanceled)
        {
            return (StatusCode.Cancelled, null);
        }

        // Grpc.Net.Client reports transport failures as RpcException(Unavailable); anything else is treated the same.
        return response.Exception?.InnerException is RpcException rpc
            ? (rpc.StatusCode, rpc.Status.Detail)
            : (StatusCode.Unavailable, response.Exception?.InnerException?.Message);
    }

    private void Record(long ticks, StatusCode status, string? detail)
    {
        LatencyHistogram.Record(Latency, Ticks.ToMicroseconds(ticks));
        var code = (uint)status < (uint)_statusCounts.Length ? (int)status : (int)StatusCode.Unknown;
        _statusCounts[code]++;
        if (status != StatusCode.OK)
        {
            _firstDetail[code] ??= detail;
        }
    }
}
