using System.Text.Json;
using Google.Protobuf;
using ImrGrpc.Contract.Mapping;
using ImrGrpc.Engine.Cases;
using ImrGrpc.Engine.Impact;
using Proto = Imr.V1;

namespace ImrGrpc.Admin.Application;

/// <summary>
/// Reads cases the way the server reads requests: the imr.v1 JSON mapping, checked and mapped by the contract's own
/// mapper. Accepts JSON lines (one EvaluateRequestRequest per line: streamed, see <see cref="Open"/>), a cases file
/// ({"cases": [{"name", "request"}]}), a single request, or an array of requests (these three are read into memory).
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

    /// <summary>
    /// A case file to replay: JSON lines are streamed (<see cref="JsonLinesFile"/>: constant memory whatever the size);
    /// a file that is one JSON document (a cases file, a single request, an array) is read into memory.
    /// </summary>
    public static ICaseSource Open(string path) => IsOneDocument(path) ? Load(path) : new JsonLinesFile(path);

    /// <summary>Reads one request (JSON text) as the server would; the case, or why it cannot be decided.</summary>
    public static CaseRecord Parse(in CaseRecord record)
    {
        if (record.Json is not { } json)
        {
            return record;
        }
        Proto.EvaluateRequestRequest request;
        try
        {
            request = Parser.Parse<Proto.EvaluateRequestRequest>(json);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or JsonException or FormatException)
        {
            return CaseRecord.Unreadable(record.Position, record.End, new ImpactError(record.Name, $"not an imr.v1 EvaluateRequestRequest: {e.Message}"));
        }
        var problems = new List<FieldProblem>();
        var mapped = RequestMapper.Map(request, problems);
        if (mapped is null || problems.Count > 0)
        {
            return CaseRecord.Unreadable(record.Position, record.End, new ImpactError(record.Name, string.Join("; ", problems.Select(p => $"{p.Field}: {p.Description}"))));
        }
        var name = record.Name;
        var label = string.IsNullOrEmpty(mapped.CaseId) || name.Contains(mapped.CaseId, StringComparison.OrdinalIgnoreCase) ? name : $"{name} ({mapped.CaseId})";
        return CaseRecord.Read(record.Position, record.End, new ImpactCase(label, mapped));
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
        var record = Parse(CaseRecord.Text(0, 0, name, json));
        if (record.Case is { } @case)
        {
            cases.Add(@case);
        }
        else
        {
            errors.Add(record.Error!);
        }
    }

    /// <summary>
    /// Whether the whole file is one JSON document (else it is read as JSON lines). Scanned with a reader that holds
    /// a buffer, not the file, and stops at the second value: a JSON-lines file is told apart at its second line.
    /// </summary>
    private static bool IsOneDocument(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        var buffer = new byte[64 * 1024];
        var state = new JsonReaderState();
        var held = 0;
        var any = false;
        while (true)
        {
            var read = stream.Read(buffer, held, buffer.Length - held);
            var final = read == 0;
            if (stream.Position == read && buffer.AsSpan(0, read).StartsWith("\uFEFF"u8))
            {
                // A byte order mark, as editors on Windows write it: not JSON, but no reason to refuse the file.
                read -= 3;
                buffer.AsSpan(3, read).CopyTo(buffer);
            }
            var reader = new Utf8JsonReader(buffer.AsSpan(0, held + read), final, state);
            try
            {
                while (reader.Read())
                {
                    any = true;
                }
            }
            catch (JsonException)
            {
                return false;
            }
            if (final)
            {
                return any;
            }
            var consumed = (int)reader.BytesConsumed;
            held = held + read - consumed;
            buffer.AsSpan(consumed, held).CopyTo(buffer);
            if (held == buffer.Length)
            {
                // One token longer than the buffer (a long string): make room for it.
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            state = reader.CurrentState;
        }
    }
}
