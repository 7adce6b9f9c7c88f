using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using ImrGrpc.Benchmarks.Peer;
using ImrGrpc.Benchmarks.TablePeer;
using ImrGrpc.Engine.Evaluation;

namespace ImrGrpc.Benchmarks.Profiling;

/// <summary>
/// Where a per-item benchmark's time and allocations go, without external tools: decides a case in a loop for a few
/// seconds, times it and counts exact bytes with <see cref="GC.GetAllocatedBytesForCurrentThread"/>, and attributes them to types
/// from the runtime's sampled allocation events (one every ~100 KB, so the shares are estimates over many samples).
/// The loop also gives an external profiler (dotnet-trace) a steady process to sample.
/// </summary>
public static class AllocationProfile
{
    public static void Run(string caseName, string subject, double seconds)
    {
        var benchmarkCase = BenchmarkCases.Get(caseName);
        var request = benchmarkCase.Request;
        var guideline = SeedGuidelines.CompileInForceOn(request.RequestDate);
        var peer = new PeerSession(guideline);
        PeerParity.Verify(benchmarkCase, guideline, peer);
        var items = request.Items.ToArray();
        var inputs = items.Select(i => PeerSession.Parameters(PeerFlattener.Flatten(guideline, request, i, benchmarkCase.CourseRowByItem[i.ItemId]))).ToArray();
        var book = SeedGuidelines.BookInForceOn(request.RequestDate);
        var table = new TableDrivenPeer(book, subject == "table-per-treatment" ? TableLayout.PerTreatment : TableLayout.OneWorkflow);
        TableParity.Verify(caseName, request, guideline, table);
        var prepared = table.Prepare(request);
        var decision = DecisionEngine.Evaluate(guideline, request);

        Action once = subject switch
        {
            "engine" => () => DecisionEngine.Evaluate(guideline, request),
            "decision-id" => () => DecisionIds.Compute(request, guideline.Version.ContentHash),
            // ExplainRationale's own stage: the letter for one decision (text format), decided once beforehand.
            "render" => () => Engine.Rationale.RationaleRenderer.Render(decision, Engine.Rationale.RationaleFormat.Text),
            "rulesengine" => () =>
            {
                for (var i = 0; i < items.Length; i++)
                {
                    peer.Execute(items[i].Treatment, inputs[i]);
                }
            },
            "table" or "table-per-treatment" => () => table.Decide(request),
            "table-execute" => () =>
            {
                foreach (var item in prepared)
                {
                    table.Execute(item);
                }
            },
            _ => throw new ArgumentOutOfRangeException(nameof(subject), subject,
                "engine, decision-id, render, rulesengine (row-given), table, table-per-treatment or table-execute"),
        };
        for (var i = 0; i < 10_000; i++)
        {
            once();
        }

        // Timing first, with no listener attached (the allocation events slow every allocation down).
        var clock = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        long runs = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 1000; i++)
            {
                once();
            }
            runs += 1000;
        }
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        var elapsed = clock.Elapsed;

        var listener = new AllocationListener();
        clock.Restart();
        while (clock.Elapsed.TotalSeconds < seconds / 2)
        {
            for (var i = 0; i < 1000; i++)
            {
                once();
            }
        }
        Thread.Sleep(500); // let the last sampled events arrive
        listener.Dispose();

        var perItem = subject == "decision-id" ? 1 : items.Length;
        Console.WriteLine($"{subject} on case '{caseName}' ({items.Length} items): {runs:N0} runs in {elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  {elapsed.TotalNanoseconds / runs / perItem:F0} ns and {(double)bytes / runs / perItem:F0} B per {(perItem == 1 ? "call" : "item")} (exact bytes)");
        var sampled = listener.BytesByType.Values.Sum();
        Console.WriteLine($"  sampled allocations by type ({listener.Samples} samples; share of the sampled bytes, scaled to B per {(perItem == 1 ? "call" : "item")}):");
        foreach (var (type, amount) in listener.BytesByType.OrderByDescending(kv => kv.Value).Take(20))
        {
            var share = (double)amount / sampled;
            Console.WriteLine($"    {share,6:P1}  {share * bytes / runs / perItem,7:F0} B  {type}");
        }
    }

    private sealed class AllocationListener : EventListener
    {
        private const int AllocationTickEventId = 10;
        private const EventKeywords GcKeyword = (EventKeywords)0x1;
        private int _samples;

        public ConcurrentDictionary<string, long> BytesByType { get; } = new(StringComparer.Ordinal);

        public int Samples => _samples;

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventId != AllocationTickEventId || e.PayloadNames is null || e.Payload is null)
            {
                return;
            }
            var type = e.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
            var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 0;
            BytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
            Interlocked.Increment(ref _samples);
        }
    }
}
