using System.Diagnostics;
using Google.Protobuf;
using ImrGrpc.Contract.Mapping;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Rationale;
using RationaleFormat = ImrGrpc.Engine.Rationale.RationaleFormat;
using Imr.V1;

namespace ImrGrpc.Benchmarks.Profiling;

/// <summary>
/// EvaluateRequest's and ExplainRationale's stages for the seed case or the seed case grown to N items (its items
/// repeated under new ids), each stage run in a loop and reported as CPU time and bytes allocated per call and per
/// item. A quick in-process view for large requests, which <see cref="RequestPathBenchmarks"/> (the seed case, under
/// BenchmarkDotNet) does not cover; process CPU time, so run it on a quiet machine and compare within one run.
/// </summary>
public static class StageProfile
{
    public static void Run(int itemCount, int calls)
    {
        var json = File.ReadAllText(Path.Combine(RequestPathBenchmarks.RepositoryRoot(), "examples", "seed-case.json"));
        var message = JsonParser.Default.Parse<EvaluateRequestRequest>(json);
        if (itemCount > 0)
        {
            var seedItems = message.Items.ToList();
            message.Items.Clear();
            for (var i = 0; i < itemCount; i++)
            {
                var item = seedItems[i % seedItems.Count].Clone();
                item.ItemId = $"item-{i}";
                message.Items.Add(item);
            }
        }
        var items = message.Items.Count;
        var body = message.ToByteArray();
        var problems = new List<FieldProblem>();
        var request = RequestMapper.Map(message, problems) ?? throw new InvalidOperationException("the case does not map");
        var guideline = SeedGuidelines.CompileInForceOn(request.RequestDate);
        var parts = new ResponseParts(guideline);
        var decision = DecisionEngine.Evaluate(guideline, request);
        var rationale = RationaleRenderer.Render(decision, RationaleFormat.Text);
        var size = EvaluateResponseWriter.Prepare(decision, parts).Size;
        Console.WriteLine($"{items} items: request {body.Length} B, EvaluateRequest response {size} B; {calls} calls per stage");
        Console.WriteLine($"{"stage",-28} {"us/call",10} {"B/call",10} {"us/item",9} {"B/item",8}");

        void Stage(string name, Action action)
        {
            for (var i = 0; i < Math.Max(calls / 2, 10); i++)
            {
                action();
            }
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var bytes0 = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < calls; i++)
            {
                action();
            }
            process.Refresh();
            var us = (process.TotalProcessorTime - cpu0).TotalMicroseconds / calls;
            var allocated = (GC.GetAllocatedBytesForCurrentThread() - bytes0) / (double)calls;
            Console.WriteLine($"{name,-28} {us,10:F2} {allocated,10:F0} {us / items,9:F2} {allocated / items,8:F0}");
        }

        Stage("parse", () => EvaluateRequestRequest.Parser.ParseFrom(body));
        Stage("map request", () =>
        {
            problems.Clear();
            RequestMapper.Map(message, problems);
        });
        // As the server reads a request now: into reused messages (RequestReader), then mapped.
        var reader = new RequestReader();
        var payload = new System.Buffers.ReadOnlySequence<byte>(body);
        Stage("read (RequestReader)", () => reader.TryReadEvaluate(payload, out _));
        Stage("read + map (served)", () =>
        {
            reader.TryReadEvaluate(payload, out var read);
            MappedEvaluateRequest.Map(read);
        });
        Stage("decide (no id)", () => DecisionEngine.Evaluate(guideline, request));
        Stage("decision id", () => DecisionIds.Compute(request, guideline.Version.ContentHash));
        Stage("write response (pooled)", () => RequestPathBenchmarks.WriteIntoPooledBuffer(decision, parts));
        Stage("message tree + serialize", () => ResponseMapper.ToResponse(decision, parts).ToByteArray());
        Stage("render rationale (text)", () => RationaleRenderer.Render(decision, RationaleFormat.Text));
        Stage("explain response + serialize", () => ResponseMapper.ToResponse(decision, rationale, parts).ToByteArray());
        // The letter encoded from its string here (the served path encodes it from the builder, in the render).
        Stage("explain response (pooled)", () => RequestPathBenchmarks.WriteIntoPooledBuffer(
            ExplainResponseWriter.Prepare(decision, new EncodedRationale(rationale.Items, Utf8Document.From(rationale.Document)), parts)));
        // Whole calls from the mapped request: a decision's per-case texts (the id, the function facts) are worked out
        // once per decision and kept on it, so the stages above, which reuse one decision, do not count them.
        Stage("evaluate: decide .. write", () =>
            RequestPathBenchmarks.WriteIntoPooledBuffer(DecisionEngine.Evaluate(guideline, request), parts));
        Stage("explain: decide .. write", () =>
        {
            var fresh = DecisionEngine.Evaluate(guideline, request);
            RequestPathBenchmarks.WriteIntoPooledBuffer(ExplainResponseWriter.Prepare(fresh, RationaleRenderer.RenderEncoded(fresh, RationaleFormat.Text), parts));
        });
        // The whole served call from the body, transport aside (codes checked, as CaseDecider does).
        Stage("evaluate: read .. write", () => RequestPathBenchmarks.ServedCall(reader, payload, guideline, parts));
    }
}
