using System.Text.Json;
using ImrGrpc.Admin.Application;
using ImrGrpc.Admin.Cli;
using ImrGrpc.Engine.Impact;

namespace ImrGrpc.Admin.Tests;

/// <summary>
/// Impact over corpora too big to hold: a JSON-lines file is streamed on several workers, every case is counted, only
/// the first changes and errors are listed, the report does not depend on the number of workers, bad lines are named
/// and skipped, progress stays on standard error, and Ctrl+C stops it cleanly.
/// </summary>
public sealed class ImpactStreamingTests : IDisposable
{
    private readonly AdminHarness _h = new();
    private readonly AdminSession _session;
    private readonly string _draft;

    public ImpactStreamingTests()
    {
        _session = AdminSession.Open(_h.StorePath, "alice");
        _draft = _session.CreateDraft("mtus-2017");
        _session.SetLimits(_draft, "cpmtg-pm-myalgia", new Storage.LimitChange(MaxVisits: 12));
    }

    public void Dispose()
    {
        _session.Dispose();
        _h.Dispose();
    }

    [Fact]
    public async Task A_50000_case_stream_is_counted_exactly_with_only_the_first_changes_listed()
    {
        var cycle = JsonLinesCorpus.Requests.Count;
        var repeats = 50_000 / cycle;
        var file = JsonLinesCorpus.Write(Path.Combine(_h.Dir, "big.jsonl"), cycle * repeats);
        var once = await _session.ImpactAsync(_draft, OneCycle(), workers: 1);
        Assert.True(once.ChangedItems > 0, "the draft must change something for the test to mean anything");

        var report = await _session.ImpactAsync(_draft, CaseFiles.Open(file), limits: new ImpactLimits(MaxChanges: 100, MaxErrors: 10), workers: 4);

        Assert.Equal(once.Cases * repeats, report.Cases);
        Assert.Equal(once.Items * repeats, report.Items);
        Assert.Equal(once.ByTreatment.Select(t => t with
        {
            Items = t.Items * repeats, NewlyCertified = t.NewlyCertified * repeats, NewlyDenied = t.NewlyDenied * repeats, OtherChanges = t.OtherChanges * repeats,
        }), report.ByTreatment);
        Assert.Equal(once.ErrorCount * repeats, report.ErrorCount);
        Assert.Equal(100, report.Changes.Count);
        Assert.Equal(once.ChangedItems * repeats - 100, report.ChangesNotListed);
        // The first hundred changes of the file, in file order, whatever order the four workers finished in.
        var firstHundred = Enumerable.Range(0, repeats).SelectMany(r => once.Changes.Select(c => r * cycle + Line(c.CaseName))).Take(100);
        Assert.Equal(firstHundred, report.Changes.Select(c => Line(c.CaseName)));
    }

    [Fact]
    public async Task Reading_stays_a_bounded_number_of_cases_ahead_of_deciding()
    {
        var source = new CountingSource(new JsonLinesFile(JsonLinesCorpus.Write(Path.Combine(_h.Dir, "corpus.jsonl"), 5_000)));
        var aheadAtWorst = 0L;
        // One worker: while it reports, nothing takes from the queue, so what the reader holds is exactly measured.
        var progress = new Inline(p => aheadAtWorst = Math.Max(aheadAtWorst, source.Yielded - p.Cases));

        var report = await _session.ImpactAsync(_draft, source, workers: 1, progress: progress);

        Assert.Equal(5_000, report.Cases + report.ErrorCount);
        // Two batches of 64 queued, one waiting to be queued, one being filled: never the file.
        Assert.InRange(aheadAtWorst, 1, 4 * 64);
    }

    [Fact]
    public void One_worker_and_four_give_the_same_report_byte_for_byte()
    {
        var file = JsonLinesCorpus.Write(Path.Combine(_h.Dir, "corpus.jsonl"), 3_000, 7, 1_500, 2_999);
        string[] common = ["impact", _draft, "--cases", file, "--max-changes", "40", "--max-errors", "2", "--json", "--no-progress"];

        var (exit1, one, _) = _h.Cli([.. common, "--workers", "1"]);
        var (exit4, four, _) = _h.Cli([.. common, "--workers", "4"]);

        Assert.Equal((0, 0), (exit1, exit4));
        Assert.Equal(one, four);
        var report = JsonDocument.Parse(four).RootElement;
        Assert.Equal(40, report.GetProperty("changes").GetArrayLength());
        Assert.Equal(3, report.GetProperty("error_count").GetInt64());
        Assert.Equal(1, report.GetProperty("errors_not_listed").GetInt64());
        Assert.Equal(["corpus.jsonl:7", "corpus.jsonl:1500"], report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("case_name").GetString()));
    }

    [Fact]
    public void An_unreadable_line_is_reported_with_its_number_and_the_run_goes_on()
    {
        var file = JsonLinesCorpus.Write(Path.Combine(_h.Dir, "corpus.jsonl"), 5, 1, 3);

        var (exit, output, _) = _h.Cli("impact", _draft, "--cases", file, "--no-progress");

        Assert.Equal(0, exit);
        Assert.Contains("on 3 cases", output);
        Assert.Contains("unreadable 2", output);
        Assert.Matches(@"unreadable\s+corpus\.jsonl:1: not an imr\.v1 EvaluateRequestRequest", output);
        Assert.Matches(@"unreadable\s+corpus\.jsonl:3: not an imr\.v1 EvaluateRequestRequest", output);
    }

    [Fact]
    public void Changes_past_the_listed_ones_are_counted_and_the_text_report_says_how_to_list_more()
    {
        var file = JsonLinesCorpus.Write(Path.Combine(_h.Dir, "corpus.jsonl"), JsonLinesCorpus.Requests.Count * 5);

        var (exit, output, _) = _h.Cli("impact", _draft, "--cases", file, "--max-changes", "3", "--no-progress");

        Assert.Equal(0, exit);
        Assert.Matches(@"Changed items \(the first 3 of \d+\):", output);
        Assert.Matches(@"\.\.\. and \d+ more changed items, counted above \(--max-changes lists more\)", output);
        Assert.Equal(3, output.Split('\n').Count(l => l.Contains(" item ", StringComparison.Ordinal) && l.Contains(" -> ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Progress_goes_to_standard_error_in_plain_lines_and_standard_output_is_only_the_json()
    {
        var file = JsonLinesCorpus.Write(Path.Combine(_h.Dir, "corpus.jsonl"), 2_000);
        var output = new StringWriter();
        var error = new StringWriter();

        // Each reading of the clock is a second later: a progress line is due at every report.
        var exit = AdminCli.Run(["impact", _draft, "--cases", file, "--json", "--db", _h.StorePath], output, error, time: new SteppingTime(TimeSpan.FromSeconds(1)));

        Assert.Equal(0, exit);
        var report = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(2_000, report.GetProperty("cases").GetInt64() + report.GetProperty("error_count").GetInt64());
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches(@"^impact: \d+%, [\d,]+ cases, [\d,]+ cases/s, [\d:?]+ left$", l));
        Assert.DoesNotContain('\r', error.ToString());
    }

    [Fact]
    public void On_a_terminal_progress_is_one_bar_redrawn_in_place_with_the_rate_and_the_time_left()
    {
        var error = new StringWriter();
        var bar = new ProgressLine(error, terminal: true, new SteppingTime(TimeSpan.FromSeconds(1)), "impact");

        bar.Report(new ImpactProgress(5_000, 50, 100, TimeSpan.FromSeconds(10)));
        bar.Report(new ImpactProgress(10_000, 100, 100, TimeSpan.FromSeconds(20)));
        bar.Clear();

        var text = error.ToString();
        Assert.StartsWith("\rimpact [############............]  50%  5,000 cases  500/s  ETA 0:10\u001b[K", text);
        Assert.Contains("\rimpact [########################] 100%  10,000 cases  500/s  ETA 0:00\u001b[K", text);
        Assert.EndsWith("\r\u001b[K", text);
        Assert.DoesNotContain('\n', text);
    }

    [Fact]
    public void Ctrl_C_stops_the_run_with_exit_code_130_and_says_nothing_was_changed()
    {
        var file = JsonLinesCorpus.Write(Path.Combine(_h.Dir, "corpus.jsonl"), 20_000);
        using var ctrlC = new CancellationTokenSource();
        var output = new StringWriter();
        // The first progress line is the moment to press Ctrl+C: the run is under way.
        var error = new CancelOnWrite(ctrlC);

        var exit = AdminCli.Run(["impact", _draft, "--cases", file, "--db", _h.StorePath], output, error, time: new SteppingTime(TimeSpan.FromSeconds(1)), cancellationToken: ctrlC.Token);

        Assert.Equal(ExitCodes.Cancelled, exit);
        Assert.Equal("", output.ToString());
        Assert.Contains("impact cancelled; nothing was changed", error.ToString());
    }

    [Fact]
    public void A_bad_number_is_a_usage_error_with_a_one_line_reason()
    {
        var (exit, _, error) = _h.Cli("impact", _draft, "--workers", "0");
        Assert.Equal((ExitCodes.Usage, "imrgrpc-admin: --workers must be at least 1"), (exit, error.Trim()));

        (exit, _, error) = _h.Cli("impact", _draft, "--max-changes", "-1");
        Assert.Equal((ExitCodes.Usage, "imrgrpc-admin: --max-changes and --max-errors cannot be negative"), (exit, error.Trim()));
    }

    [Fact]
    public void A_file_that_is_one_document_is_still_read_whole_and_a_json_lines_file_is_streamed()
    {
        Assert.IsType<CaseCorpus>(CaseFiles.Open(TestCases.File("reviewer-cases.json")));
        Assert.IsType<CaseCorpus>(CaseFiles.Open(Path.Combine(CliTests.FindRoot(), "examples", "seed-case.json")));
        var broken = JsonLinesCorpus.Write(Path.Combine(_h.Dir, "first-broken.jsonl"), 3, 1);
        Assert.IsType<JsonLinesFile>(CaseFiles.Open(broken));
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_reported_without_being_held()
    {
        var file = Path.Combine(_h.Dir, "long.jsonl");
        using (var writer = new StreamWriter(file))
        {
            writer.Write(JsonLinesCorpus.Requests[0] + "\n");
            writer.Write(new string(' ', JsonLinesFile.MaxLineBytes + 10) + "x\n");
            writer.Write(JsonLinesCorpus.Requests[1] + "\n");
        }

        var records = new JsonLinesFile(file).Read(CancellationToken.None).ToList();

        Assert.Equal([1, 2, 3], records.Select(r => r.Position));
        Assert.Contains("line longer than 8 MiB", records[1].Error!.Message);
        Assert.Equal(JsonLinesCorpus.Requests[1], records[2].Json);
        Assert.Equal(new FileInfo(file).Length, records[2].End);
    }

    /// <summary>Every test request once, as JSON lines.</summary>
    private ICaseSource OneCycle() => CaseFiles.Open(JsonLinesCorpus.Write(Path.Combine(_h.Dir, "once.jsonl"), JsonLinesCorpus.Requests.Count));

    /// <summary>The line number in a case name such as "big.jsonl:42 (CASE-ID)".</summary>
    private static int Line(string caseName) => int.Parse(caseName.Split(':', ' ')[1], System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Inline(Action<ImpactProgress> report) : IProgress<ImpactProgress>
    {
        public void Report(ImpactProgress value) => report(value);
    }

    /// <summary>A source that counts how many records the replay has taken from it so far.</summary>
    private sealed class CountingSource(ICaseSource inner) : ICaseSource
    {
        private long _yielded;

        public long Yielded => Interlocked.Read(ref _yielded);

        public string Source => inner.Source;

        public long Length => inner.Length;

        public bool Streamed => inner.Streamed;

        public IEnumerable<CaseRecord> Read(CancellationToken cancellationToken)
        {
            foreach (var record in inner.Read(cancellationToken))
            {
                Interlocked.Increment(ref _yielded);
                yield return record;
            }
        }
    }

    /// <summary>Standard error that presses Ctrl+C the first time anything is written to it.</summary>
    private sealed class CancelOnWrite(CancellationTokenSource cancel) : StringWriter
    {
        public override void Write(char value)
        {
            base.Write(value);
            cancel.Cancel();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            cancel.Cancel();
        }

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            cancel.Cancel();
        }
    }
}
