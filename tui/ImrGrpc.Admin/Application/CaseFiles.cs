using System.Text.Json;
using Google.Protobuf;
using ImrGrpc.Contract.Mapping;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Impact;
using Proto = Imr.V1;

namespace ImrGrpc.Admin.Application;

/// <summary>
/// Reads cases the way the server reads requests: the imr.v1 JSON mapping, checked and mapped by the contract's own
/// mapper. Accepts JSON lines (one EvaluateRequestRequest per line), a cases file ({"cases": [{"name", "request"}]}),
/// a single request, or an array of requests.
/// </summary>
public static class CaseFiles
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    /// <summary>
    /// The default impact corpus shipped inside the tool (Corpus/default-impact-cases.json): product data of its own, so
    /// editing a test case does not change what editors replay.
    /// </summary>
    public static CaseCorpus Default()
    {
        const string name = "corpus/default-impact-cases.json";
        var cases = new List<ImpactCase>();
        var errors = new List<ImpactError>();
        using (var stream = typeof(CaseFiles).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded corpus {name} is missing"))
        using (var reader = new StreamReader(stream))
        {
            Read(reader.ReadToEnd(), name, cases, errors);
        }
        return new CaseCorpus(cases, errors, "the built-in example and reviewer cases");
    }

    /// <summary>Several case files as one corpus, in order.</summary>
    public static CaseCorpus Load(IReadOnlyList<string> paths, string source)
    {
        var corpora = paths.Select(Load).ToList();
        return new CaseCorpus([.. corpora.SelectMany(c => c.Cases)], [.. corpora.SelectMany(c => c.Unreadable)], source);
    }

    public static CaseCorpus Load(string path)
    {
        var cases = new List<ImpactCase>();
        var errors = new List<ImpactError>();
        Read(File.ReadAllText(path), Path.GetFileName(path), cases, errors);
        return new CaseCorpus(cases, errors, path);
    }

    /// <summary>One request file (as the TUI's "try a case" loads it): the first case in it.</summary>
    public static (ImpactCase? Case, IReadOnlyList<string> Problems) LoadOne(string path)
    {
        var corpus = Load(path);
        return corpus.Cases.Count > 0
            ? (corpus.Cases[0], [])
            : (null, corpus.Unreadable.Count > 0 ? corpus.Unreadable.Select(e => e.Message).ToList() : [$"{path} holds no case"]);
    }

    private static void Read(string text, string source, List<ImpactCase> cases, List<ImpactError> errors)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') && IsSingleDocument(trimmed))
        {
            using var doc = JsonDocument.Parse(trimmed);
            if (doc.RootElement.TryGetProperty("cases", out var list))
            {
                var i = 0;
                foreach (var c in list.EnumerateArray())
                {
                    var name = c.TryGetProperty("name", out var n) ? n.GetString() ?? $"{source}[{i}]" : $"{source}[{i}]";
                    if (c.TryGetProperty("request", out var request))
                    {
                        Add(request.GetRawText(), name, cases, errors);
                    }
                    i++;
                }
                return;
            }
            Add(trimmed, source, cases, errors);
            return;
        }
        if (trimmed.StartsWith('['))
        {
            using var doc = JsonDocument.Parse(trimmed);
            var i = 0;
            foreach (var request in doc.RootElement.EnumerateArray())
            {
                Add(request.GetRawText(), $"{source}[{i++}]", cases, errors);
            }
            return;
        }
        var line = 0;
        foreach (var raw in text.Split('\n'))
        {
            line++;
            if (!string.IsNullOrWhiteSpace(raw))
            {
                Add(raw, $"{source}:{line}", cases, errors);
            }
        }
    }

    private static bool IsSingleDocument(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void Add(string json, string name, List<ImpactCase> cases, List<ImpactError> errors)
    {
        Proto.EvaluateRequestRequest request;
        try
        {
            request = Parser.Parse<Proto.EvaluateRequestRequest>(json);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or JsonException or FormatException)
        {
            errors.Add(new ImpactError(name, $"not an imr.v1 EvaluateRequestRequest: {e.Message}"));
            return;
        }
        var problems = new List<FieldProblem>();
        var mapped = RequestMapper.Map(request, problems);
        if (mapped is null || problems.Count > 0)
        {
            errors.Add(new ImpactError(name, string.Join("; ", problems.Select(p => $"{p.Field}: {p.Description}"))));
            return;
        }
        var label = string.IsNullOrEmpty(mapped.CaseId) || name.Contains(mapped.CaseId, StringComparison.OrdinalIgnoreCase) ? name : $"{name} ({mapped.CaseId})";
        cases.Add(new ImpactCase(label, mapped));
    }
}
