using System.Diagnostics;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage;
using Xunit.Abstractions;

namespace ImrGrpc.Server.Tests;

/// <summary>
/// kill -9 of the server binary at random moments of its first start, the only time it writes (seeding): the store
/// must then be absent or fully seeded and verified (it is built under a temporary name and moved into place, so
/// never empty or half there); the next start must serve. IMR_KILL_ITERATIONS sets the count (CI: 12; the
/// reliability run: 50).
/// </summary>
[Trait("Category", "Process")]
public sealed class ServerCrashTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "imrgrpc-crash", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private Process StartServer(string store, int port)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ImrGrpc.Server.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.ArgumentList.Add($"--Storage:Path={store}");
        return Process.Start(info)!;
    }

    [Fact]
    public async Task Killing_the_server_while_it_seeds_never_leaves_half_a_store()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("IMR_KILL_ITERATIONS"), out var n) ? n : 12;
        Directory.CreateDirectory(_dir);
        var port = 5800 + Random.Shared.Next(500);

        // How long a first start takes here, to spread the kills over it.
        var clock = Stopwatch.StartNew();
        var full = Path.Combine(_dir, "full.db");
        using (var server = StartServer(full, port))
        {
            while (!(await server.StandardOutput.ReadLineAsync() ?? "Now listening").Contains("Now listening", StringComparison.Ordinal))
            {
            }
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        var span = (int)clock.ElapsedMilliseconds;

        var random = new Random(7);
        var outcomes = new Dictionary<string, int>();
        string? interrupted = null;
        for (var i = 0; i < iterations; i++)
        {
            var store = Path.Combine(_dir, $"run{i}.db");
            using (var server = StartServer(store, port))
            {
                server.WaitForExit(random.Next(0, span));
                if (!server.HasExited)
                {
                    server.Kill(entireProcessTree: true);
                }
                await server.WaitForExitAsync();
            }
            var state = Inspect(store);
            outcomes[state] = outcomes.GetValueOrDefault(state) + 1;
            if (state == "absent")
            {
                interrupted = store;
            }
        }
        log.WriteLine($"{iterations} kills over a {span} ms first start: {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))}");
        Assert.All(outcomes.Keys, state => Assert.Contains(state, new[] { "absent", "seeded" }));

        // Where a kill left no store (perhaps a temporary file beside it), the next start creates it and serves.
        if (interrupted is not null)
        {
            using var server = StartServer(interrupted, port);
            string? line;
            var serving = false;
            while ((line = await server.StandardOutput.ReadLineAsync()) is not null)
            {
                if (line.Contains("Serving 4 published guideline versions", StringComparison.Ordinal))
                {
                    serving = true;
                    break;
                }
            }
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Assert.True(serving, "the server did not serve after a start that was killed");
            Assert.Equal("seeded", Inspect(interrupted));
        }
    }

    /// <summary>Absent, empty (nothing committed) or fully seeded with every hash verified; anything else fails.</summary>
    private static string Inspect(string path)
    {
        if (!File.Exists(path))
        {
            return "absent";
        }
        using var store = GuidelineStore.Open(path);
        if (store.IsEmpty)
        {
            Assert.Empty(store.ListVersions());
            return "empty";
        }
        var (books, _) = store.LoadPublished();
        Assert.Equal(4, books.Count);
        Assert.Equal(4, store.ListVersions().Count(v => v.Info.Status == VersionStatus.Published));
        Assert.Equal(4, store.AuditLog().Count(e => e.Action == "seed"));
        return "seeded";
    }
}
