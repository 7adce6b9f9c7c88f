using System.Text.Json;

namespace ImrGrpc.Admin.Tests;

/// <summary>
/// JSON-lines corpora written for a test: the example and reviewer requests of tests/data, one per line, cycled to any
/// length, with chosen lines broken (cut short) to be unreadable.
/// </summary>
internal static class JsonLinesCorpus
{
    /// <summary>The requests of tests/data, each as one compact line, in the order the in-memory test corpus holds them.</summary>
    public static IReadOnlyList<string> Requests { get; } = Load();

    /// <summary>Writes <paramref name="lines"/> lines cycling through <see cref="Requests"/>; a line number in <paramref name="broken"/> (1-based) is cut in half.</summary>
    public static string Write(string path, int lines, params int[] broken)
    {
        using var writer = new StreamWriter(path);
        for (var i = 1; i <= lines; i++)
        {
            var line = Requests[(i - 1) % Requests.Count];
            writer.Write(broken.Contains(i) ? line[..(line.Length / 2)] : line);
            writer.Write('\n');
        }
        return path;
    }

    private static List<string> Load()
    {
        var requests = new List<string>();
        foreach (var name in new[] { "example-cases.json", "reviewer-cases.json" })
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(TestCases.File(name)));
            requests.AddRange(doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => JsonSerializer.Serialize(c.GetProperty("request"))));
        }
        return requests;
    }
}
