using System.Text.RegularExpressions;
using Imr.V1;

namespace ImrGrpc.Server.Tests;

/// <summary>
/// The rendered rationale of every example and reviewer case, in both formats, byte for byte against the files in
/// tests/data/golden. Run with UPDATE_GOLDEN=1 to rewrite them after an intended wording change, then read the diff.
/// </summary>
public sealed partial class GoldenRationaleTests(ImrServerFactory factory) : ServerTest(factory)
{
    public static TheoryData<string, string> Cases() => ExampleCases.DecidedRows();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Rationale_matches_its_golden_file_in_both_formats(string file, string name)
    {
        var example = ExampleCases.Named(name, file);
        foreach (var (format, extension) in new[] { (RationaleFormat.Text, "txt"), (RationaleFormat.Markdown, "md") })
        {
            var response = await Client.ExplainRationaleAsync(new ExplainRationaleRequest { Request = example.Request, Format = format });
            var golden = Path.Combine(RepositoryRoot(), "tests", "data", "golden", $"{name}.{extension}");
            if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            {
                await File.WriteAllTextAsync(golden, response.Document);
                continue;
            }
            Assert.True(File.Exists(golden), $"no golden file {golden}; run the tests with UPDATE_GOLDEN=1 and review it");
            Assert.Equal(await File.ReadAllTextAsync(golden), response.Document);
            Assert.Contains(response.GuidelineVersion.Id, response.Document);
            Assert.Contains(response.GuidelineVersion.ContentHash, response.Document.Replace("\n", " "));
        }
    }

    [Fact]
    public async Task No_sentence_of_the_seed_letter_appears_in_any_output()
    {
        var letter = await File.ReadAllTextAsync(ExampleCases.DataPath("seed-determination.txt"));
        var sentences = SentenceEnd().Split(Regex.Replace(letter, @"\s+", " "))
            .Select(s => s.Trim())
            .Where(s => s.Split(' ').Length >= 6)
            .ToList();
        Assert.True(sentences.Count > 20);

        foreach (var (file, name) in Cases().Select(row => ((string)row[0], (string)row[1])))
        {
            var example = ExampleCases.Named(name, file);
            var response = await Client.ExplainRationaleAsync(new ExplainRationaleRequest { Request = example.Request });
            var output = Regex.Replace(response.Document, @"\s+", " ");
            foreach (var sentence in sentences)
            {
                Assert.DoesNotContain(sentence, output, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImrGrpc.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root (ImrGrpc.sln) not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();
}
