using System.Text.Json;
using Google.Protobuf;
using Imr.V1;

namespace ImrGrpc.Server.Tests;

/// <summary>The shared example cases (../shared/examples/cases.json, copied to tests/data) with their expectations.</summary>
public static class ExampleCases
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static string DataPath(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    public static IReadOnlyList<ExampleCase> Load(string file = "example-cases.json")
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(DataPath(file)));
        return doc.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => new ExampleCase(
                c.GetProperty("name").GetString()!,
                Parser.Parse<EvaluateRequestRequest>(c.GetProperty("request").GetRawText()),
                c.GetProperty("expect").Clone()))
            .ToList();
    }

    public static TheoryData<string> Names(string file = "example-cases.json")
    {
        var data = new TheoryData<string>();
        foreach (var c in Load(file))
        {
            data.Add(c.Name);
        }
        return data;
    }

    public static ExampleCase Named(string name, string file = "example-cases.json") => Load(file).Single(c => c.Name == name);

    /// <summary>Every example and reviewer case that is decided (not refused with an error), with its file.</summary>
    public static IEnumerable<(string File, ExampleCase Case)> Decided() =>
        new[] { "example-cases.json", "reviewer-cases.json" }
            .SelectMany(file => Load(file).Where(c => !c.Expect.TryGetProperty("error", out _)).Select(c => (file, c)));

    /// <summary>The decided cases as (file, name) rows for a theory.</summary>
    public static TheoryData<string, string> DecidedRows()
    {
        var data = new TheoryData<string, string>();
        foreach (var (file, c) in Decided())
        {
            data.Add(file, c.Name);
        }
        return data;
    }
}

public sealed record ExampleCase(string Name, EvaluateRequestRequest Request, JsonElement Expect)
{
    public override string ToString() => Name;
}
