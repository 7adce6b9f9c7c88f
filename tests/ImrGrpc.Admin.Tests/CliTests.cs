using System.Text.Json;

namespace ImrGrpc.Admin.Tests;

/// <summary>The scriptable commands as a script would use them: output, --json, exit codes, one-line reasons.</summary>
public sealed class CliTests : IDisposable
{
    private readonly AdminHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Versions_lists_the_seeded_editions_and_marks_the_one_in_force()
    {
        var (exit, output, _) = _h.Cli("versions", "--json");
        Assert.Equal(0, exit);
        var versions = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["mtus-2009", "mtus-2015", "mtus-2016", "mtus-2017"], versions.Select(v => v.GetProperty("id").GetString()));
        Assert.True(versions[^1].GetProperty("in_force_today").GetBoolean());
        Assert.All(versions, v => Assert.Equal("published", v.GetProperty("status").GetString()));
    }

    [Fact]
    public void The_editor_path_draft_set_limit_validate_diff_impact_publish()
    {
        var (exit, output, _) = _h.Cli("draft", "mtus-2017", "--user", "alice");
        Assert.Equal(0, exit);
        var draft = AdminHarness.LastLine(output);
        Assert.Matches("^v[0-9]{8}-[0-9]+$", draft);

        (exit, output, _) = _h.Cli("set-limit", draft, "cpmtg-pm-myalgia", "--max-visits", "12", "--user", "alice");
        Assert.Equal(0, exit);
        Assert.Contains("max 10 -> 12", output);

        (exit, output, _) = _h.Cli("validate", draft);
        Assert.Equal(0, exit);
        Assert.Contains("0 errors", output);

        (exit, output, _) = _h.Cli("diff", "mtus-2017", draft, "--json");
        var diff = JsonDocument.Parse(output).RootElement;
        var row = Assert.Single(diff.GetProperty("rows").EnumerateArray());
        Assert.Equal("cpmtg-pm-myalgia", row.GetProperty("rule_id").GetString());
        Assert.Equal("12", row.GetProperty("fields")[0].GetProperty("after").GetString());

        (exit, output, _) = _h.Cli("impact", draft, "--cases", TestCases.File("reviewer-cases.json"), "--json");
        Assert.Equal(0, exit);
        var impact = JsonDocument.Parse(output).RootElement;
        Assert.Equal("mtus-2017", impact.GetProperty("before").GetString());
        Assert.True(impact.GetProperty("newly_certified").GetInt32() >= 1);
        Assert.Equal(0, impact.GetProperty("newly_denied").GetInt32());
        Assert.Contains(impact.GetProperty("changes").EnumerateArray(), c => c.GetProperty("case").GetString() == "current-myalgia-pt-at-ceiling");

        (exit, output, _) = _h.Cli("publish", draft, "--effective-from", "2030-01-01", "--user", "alice");
        Assert.Equal(0, exit);
        Assert.Contains("mtus-2017 now ends 2029-12-31", output);

        (exit, output, _) = _h.Cli("audit", "--version", draft, "--json");
        var actions = JsonDocument.Parse(output).RootElement.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["create_draft", "edit_row", "publish"], actions);
    }

    [Fact]
    public void Refusals_exit_non_zero_with_one_line_on_standard_error()
    {
        var (exit, _, error) = _h.Cli("set-limit", "mtus-2009", "cpmtg-pm-myalgia", "--max-visits", "12");
        Assert.Equal(4, exit);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("published versions never change", error);

        (exit, _, error) = _h.Cli("show", "no-such-version");
        Assert.Equal(5, exit);
        Assert.Contains("no guideline version 'no-such-version'", error);

        var draft = AdminHarness.LastLine(_h.Cli("draft", "mtus-2017").Out);
        _h.Cli("set-limit", draft, "cpmtg-pm-myalgia", "--min-visits", "15");
        string output;
        (exit, output, error) = _h.Cli("publish", draft, "--effective-from", "2030-01-01");
        Assert.Equal(1, exit);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("validation error", error);

        (exit, output, _) = _h.Cli("validate", draft);
        Assert.Equal(1, exit);
        Assert.Contains("cpmtg-pm-myalgia.min_visits: minimum 15 is above the maximum 10", output);

        (exit, _, error) = _h.Cli("publish", draft, "--effective-from", "2030-02-30");
        Assert.Equal(2, exit);
        Assert.Contains("not a date", error);
    }

    [Fact]
    public void Export_and_import_round_trip_keeps_the_hash_and_prints_the_new_id_last()
    {
        var file = Path.Combine(_h.Dir, "bundle.json");
        Assert.Equal(0, _h.Cli("export", "mtus-2016", file).Exit);
        var (exit, output, _) = _h.Cli("import", file);
        Assert.Equal(0, exit);
        var imported = AdminHarness.LastLine(output);

        var versions = JsonDocument.Parse(_h.Cli("versions", "--json").Out).RootElement.EnumerateArray().ToList();
        var hash = (string id) => versions.Single(v => v.GetProperty("id").GetString() == id).GetProperty("content_hash").GetString();
        Assert.Equal(hash("mtus-2016"), hash(imported));
        Assert.Contains("no rows differ", _h.Cli("diff", "mtus-2016", imported).Out.Replace("0 rows differ", "no rows differ"));
    }

    [Fact]
    public void Impact_reads_json_lines_of_requests()
    {
        var draft = AdminHarness.LastLine(_h.Cli("draft", "mtus-2009").Out);
        _h.Cli("set-limit", draft, "cpmtg-massage", "--max-visits", "14");
        var seed = File.ReadAllText(Path.Combine(FindRoot(), "examples", "seed-case.json")).ReplaceLineEndings(" ");
        var file = Path.Combine(_h.Dir, "corpus.jsonl");
        File.WriteAllText(file, seed + "\n\n{\"not\": \"a request\"}\n");

        var (exit, output, _) = _h.Cli("impact", draft, "--cases", file, "--against", "mtus-2009", "--json");

        Assert.Equal(0, exit);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(1, report.GetProperty("cases").GetInt32());
        Assert.Single(report.GetProperty("errors").EnumerateArray());
        // 8 prior + 6 requested = 14 is now within the course, but massage still fails on functional improvement and passive care.
        Assert.Equal(0, report.GetProperty("newly_certified").GetInt32());
    }

    [Fact]
    public void Impact_without_cases_replays_the_corpus_shipped_inside_the_tool()
    {
        var draft = AdminHarness.LastLine(_h.Cli("draft", "mtus-2017").Out);
        var (exit, output, _) = _h.Cli("impact", draft);
        Assert.Equal(0, exit);
        Assert.Contains("from the built-in example and reviewer cases", output);
        Assert.Contains("unreadable 0", output);

        var shipped = Application.CaseFiles.Default();
        Assert.NotEmpty(shipped.Cases);
        Assert.Empty(shipped.Unreadable);
    }

    [Fact]
    public void Help_is_available_on_every_command()
    {
        foreach (var command in new[] { "versions", "show", "export", "import", "draft", "set-limit", "validate", "diff", "impact", "publish", "audit" })
        {
            var (exit, output, _) = _h.Cli(command, "--help");
            Assert.Equal(0, exit);
            Assert.Contains("--db", output);
        }
    }

    [Fact]
    public void Backup_and_restore_through_the_cli()
    {
        var backup = Path.Combine(_h.Dir, "backup.db");
        var (exit, output, _) = _h.Cli("backup", backup);
        Assert.Equal(0, exit);
        Assert.Contains("verified", output);

        var draft = AdminHarness.LastLine(_h.Cli("draft", "mtus-2017").Out);
        (exit, output, _) = _h.Cli("restore", backup);
        Assert.Equal(0, exit);
        Assert.Contains("the replaced store was kept as", output);
        Assert.DoesNotContain(draft, _h.Cli("versions").Out);
    }

    [Fact]
    public void A_store_that_cannot_be_read_is_never_written_to()
    {
        using (var stream = new FileStream(_h.StorePath, FileMode.Open, FileAccess.Write))
        {
            stream.Position = 8192;
            stream.Write(new byte[64 * 1024]);
        }
        var before = File.ReadAllBytes(_h.StorePath);

        var (exit, _, error) = _h.Cli("draft", "mtus-2017");

        Assert.Equal(6, exit);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("cannot be read", error);
        Assert.Equal(before, File.ReadAllBytes(_h.StorePath));
    }

    internal static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImrGrpc.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root not found");
    }
}
