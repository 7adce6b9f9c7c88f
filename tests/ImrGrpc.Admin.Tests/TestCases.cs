using ImrGrpc.Admin.Application;

namespace ImrGrpc.Admin.Tests;

/// <summary>
/// The example and reviewer cases in tests/data, which tests pin outcomes to. The tool ships its own default corpus
/// (tui/ImrGrpc.Admin/Corpus); tests that need particular cases read these instead, so either can change alone.
/// </summary>
internal static class TestCases
{
    public static string File(string name) => Path.Combine(CliTests.FindRoot(), "tests", "data", name);

    public static CaseCorpus Corpus() =>
        CaseFiles.Load([File("example-cases.json"), File("reviewer-cases.json")], "the example and reviewer cases in tests/data");
}
