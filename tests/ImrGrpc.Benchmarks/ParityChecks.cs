using ImrGrpc.Benchmarks.Peer;
using ImrGrpc.Benchmarks.TablePeer;
using ImrGrpc.Engine.Compilation;

namespace ImrGrpc.Benchmarks;

/// <summary>The checks every run makes before measuring: both RulesEngine peers decide the benchmark items as the engine does.</summary>
public static class ParityChecks
{
    /// <summary>Row-given peer (pass/fail per rule) and table-driven peer, both layouts (row id and every status), on every case.</summary>
    public static void All(bool print)
    {
        void Line(string text)
        {
            if (print)
            {
                Console.WriteLine("  " + text);
            }
        }

        if (print)
        {
            Console.WriteLine("Parity check 1/2: row-given RulesEngine peer vs engine, per item and rule (pass/fail)");
        }
        foreach (var name in BenchmarkCases.Names)
        {
            var benchmarkCase = BenchmarkCases.Get(name);
            var guideline = SeedGuidelines.CompileInForceOn(benchmarkCase.Request.RequestDate);
            foreach (var line in PeerParity.Verify(benchmarkCase, guideline, new PeerSession(guideline)))
            {
                Line(line);
            }
        }

        if (print)
        {
            Console.WriteLine("Parity check 2/2: table-driven RulesEngine peer vs engine, per item: governing row and every criterion's status");
        }
        foreach (var layout in Enum.GetValues<TableLayout>())
        {
            foreach (var name in BenchmarkCases.Names)
            {
                var request = BenchmarkCases.Get(name).Request;
                var book = SeedGuidelines.BookInForceOn(request.RequestDate);
                var lines = TableParity.Verify(name, request, GuidelineCompiler.Compile(book), new TableDrivenPeer(book, layout));
                if (layout == TableLayout.OneWorkflow)
                {
                    foreach (var line in lines)
                    {
                        Line(line);
                    }
                }
            }
            Line($"({layout}: {BenchmarkCases.Names.Count()} cases agree)");
        }
        if (print)
        {
            Console.WriteLine("Parity check passed.");
        }
    }

    /// <summary>The table-driven peer on the grown tables of the scaling benchmarks: still the engine's decisions.</summary>
    public static void Grown()
    {
        foreach (var factor in new[] { 10, 100 })
        {
            foreach (var name in BenchmarkCases.Names)
            {
                var request = BenchmarkCases.Get(name).Request;
                var book = GrownTables.Grow(SeedGuidelines.BookInForceOn(request.RequestDate), factor);
                var guideline = GuidelineCompiler.Compile(book);
                foreach (var layout in Enum.GetValues<TableLayout>())
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    var peer = new TableDrivenPeer(book, layout);
                    var built = clock.Elapsed;
                    TableParity.Verify(name, request, guideline, peer);
                    Console.WriteLine($"  {book.Version.Id} ({book.Rules.Count} rows) {name,-13} {layout,-12}: agrees " +
                        $"({peer.SelectionRules} selection rules, {peer.CriteriaWorkflows} criteria workflows; built in {built.TotalSeconds:F1} s, first decision {(clock.Elapsed - built).TotalSeconds:F1} s)");
                }
            }
        }
        Console.WriteLine("Parity check on the grown tables passed.");
    }

    /// <summary>Each deliberate mistake in the table-driven peer must make the parity check fail; true when all do.</summary>
    public static bool Mutants()
    {
        var caught = true;
        foreach (var mutation in Enum.GetValues<TableMutation>().Where(m => m != TableMutation.None))
        {
            string? problem = null;
            foreach (var name in BenchmarkCases.Names)
            {
                var request = BenchmarkCases.Get(name).Request;
                var book = SeedGuidelines.BookInForceOn(request.RequestDate);
                try
                {
                    TableParity.Verify(name, request, GuidelineCompiler.Compile(book), new TableDrivenPeer(book, TableLayout.OneWorkflow, mutation));
                }
                catch (InvalidOperationException e)
                {
                    problem = e.Message;
                    break;
                }
            }
            Console.WriteLine(problem is null ? $"NOT CAUGHT: {mutation}" : $"caught {mutation}:\n  {problem.ReplaceLineEndings("\n  ")}");
            caught &= problem is not null;
        }
        return caught;
    }
}
