using BenchmarkDotNet.Running;
using ImrGrpc.Benchmarks.Peer;

namespace ImrGrpc.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
#if DEBUG
        Console.Error.WriteLine("Benchmarks measure a Release build only: dotnet run -c Release --project tests/ImrGrpc.Benchmarks -- --filter '*'");
        _ = args;
        return 2;
#else
        if (args is ["--print-workflows", ..])
        {
            var version = args.Length > 1 ? SeedGuidelines.Book(args[1]) : SeedGuidelines.BookInForceOn(BenchmarkCases.SeedCase().Request.RequestDate);
            Console.WriteLine($"[\n{string.Join(",\n", new PeerSession(Engine.Compilation.GuidelineCompiler.Compile(version)).WorkflowsJson)}\n]");
            return 0;
        }

        if (args is ["--alloc-profile", var caseName, var subject, ..])
        {
            var seconds = args.Length > 3 ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5;
            Profiling.AllocationProfile.Run(caseName, subject, seconds);
            return 0;
        }

        // Before measuring anything: the RulesEngine peer must decide every compared criterion as the engine does.
        Console.WriteLine("Parity check: RulesEngine peer vs engine, per item and criterion");
        foreach (var name in BenchmarkCases.Names)
        {
            var benchmarkCase = BenchmarkCases.Get(name);
            var guideline = SeedGuidelines.CompileInForceOn(benchmarkCase.Request.RequestDate);
            foreach (var line in PeerParity.Verify(benchmarkCase, guideline, new PeerSession(guideline)))
            {
                Console.WriteLine("  " + line);
            }
        }
        Console.WriteLine("Parity check passed.");
        if (args is ["--check"])
        {
            return 0;
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();
        var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
#endif
    }
}
