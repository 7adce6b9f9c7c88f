using BenchmarkDotNet.Running;
using ImrGrpc.Benchmarks.Peer;
using ImrGrpc.Benchmarks.TablePeer;

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

        if (args is ["--stage-profile", ..])
        {
            // --stage-profile [ITEMS [CALLS]]: 0 items means the seed case as it is.
            var itemCount = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
            var calls = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : (itemCount > 10 ? 5_000 : 100_000);
            Profiling.StageProfile.Run(itemCount, calls);
            return 0;
        }

        if (args is ["--print-table-workflows", ..])
        {
            var version = args.Length > 1 ? SeedGuidelines.Book(args[1]) : SeedGuidelines.BookInForceOn(BenchmarkCases.SeedCase().Request.RequestDate);
            var layout = args.Length > 2 && args[2] == "per-treatment" ? TableLayout.PerTreatment : TableLayout.OneWorkflow;
            Console.WriteLine($"[\n{string.Join(",\n", new TableDrivenPeer(version, layout).WorkflowsJson)}\n]");
            return 0;
        }

        if (args is ["--check-mutants"])
        {
            return ParityChecks.Mutants() ? 0 : 1;
        }

        // Before measuring anything: both RulesEngine peers must decide as the engine does.
        ParityChecks.All(print: true);
        if (args is ["--check"])
        {
            ParityChecks.Grown();
            return 0;
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();
        var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
#endif
    }
}
