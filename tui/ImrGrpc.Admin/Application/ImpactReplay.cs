using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Impact;

namespace ImrGrpc.Admin.Application;

/// <summary>
/// Replays a source of cases on every core with memory bounded whatever its size: one reader hands batches of records
/// through a bounded channel (so reading never runs far ahead of deciding), and each worker parses, decides under both
/// versions and counts in its own <see cref="ImpactTally"/>; the tallies are merged at the end, and since listings are
/// ordered by position in the source, the report is the same for any number of workers.
/// </summary>
public static class ImpactReplay
{
    /// <summary>Records per batch: enough that handing a batch over costs little next to deciding it.</summary>
    private const int BatchSize = 64;

    public static async Task<ImpactReport> RunAsync(
        CompiledGuideline before,
        CompiledGuideline after,
        ICaseSource source,
        ImpactLimits? limits = null,
        int? workers = null,
        IProgress<ImpactProgress>? progress = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        limits ??= ImpactLimits.Default;
        time ??= TimeProvider.System;
        var count = workers ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(workers));
        var started = time.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<CaseRecord[]>(new BoundedChannelOptions(count * 2)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var cases = 0L;
        var done = 0L;

        async Task Produce()
        {
            try
            {
                var batch = new List<CaseRecord>(BatchSize);
                foreach (var record in source.Read(stop.Token))
                {
                    batch.Add(record);
                    if (batch.Count == BatchSize)
                    {
                        await channel.Writer.WriteAsync([.. batch], stop.Token).ConfigureAwait(false);
                        batch.Clear();
                    }
                }
                if (batch.Count > 0)
                {
                    await channel.Writer.WriteAsync([.. batch], stop.Token).ConfigureAwait(false);
                }
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
                throw;
            }
        }

        async Task<ImpactTally> Work()
        {
            var tally = new ImpactTally(before, after, limits);
            await foreach (var batch in channel.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                var end = 0L;
                foreach (var raw in batch)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    var record = CaseFiles.Parse(raw);
                    if (record.Case is { } @case)
                    {
                        tally.Add(record.Position, @case);
                    }
                    else
                    {
                        tally.AddUnreadable(record.Position, record.Error!);
                    }
                    end = record.End;
                }
                var n = Interlocked.Add(ref cases, batch.Length);
                var through = Max(ref done, end);
                progress?.Report(new ImpactProgress(n, through, source.Length, time.GetElapsedTime(started)));
            }
            return tally;
        }

        // A failure anywhere stops the rest: the reader must not wait on a full channel nobody reads.
        async Task<T> StopOthersOnFailure<T>(Func<Task<T>> run)
        {
            try
            {
                return await run().ConfigureAwait(false);
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        var reading = Task.Run(() => StopOthersOnFailure(async () => { await Produce().ConfigureAwait(false); return 0; }), CancellationToken.None);
        var working = Enumerable.Range(0, count).Select(_ => Task.Run(() => StopOthersOnFailure(Work), CancellationToken.None)).ToArray();
        try
        {
            await Task.WhenAll([reading, .. working]).ConfigureAwait(false);
        }
        catch
        {
            // The first real failure wins over the cancellations it caused; a cancellation alone is the caller's.
            Task[] all = [reading, .. working];
            if (all.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).FirstOrDefault(e => e is not OperationCanceledException) is { } failure)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
        var total = working[0].Result;
        foreach (var other in working.Skip(1))
        {
            total.Merge(other.Result);
        }
        progress?.Report(new ImpactProgress(cases, source.Length, source.Length, time.GetElapsedTime(started)));
        return total.ToReport();
    }

    private static long Max(ref long location, long value)
    {
        var current = Volatile.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return value;
            }
            current = seen;
        }
        return current;
    }
}
