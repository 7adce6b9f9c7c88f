using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ImrGrpc.Server.Tests;

/// <summary>
/// The real server binary started the way an operator starts it, on ports the OS picks; the addresses are read from its
/// own log lines. Used where the thing under test is the process itself (its listeners, its exporters).
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "imrgrpc-process", Guid.NewGuid().ToString("N"));

    private ServerProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        Directory.CreateDirectory(_dir);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ImrGrpc.Server.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.ArgumentList.Add($"--Storage:Path={Path.Combine(_dir, "imr.db")}");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri GrpcAddress { get; private set; } = null!;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Starts the server and waits for it to listen (and for the metrics listener, when one is asked for).</summary>
    public static async Task<ServerProcess> StartAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var server = new ServerProcess(args, environment ?? new Dictionary<string, string>());
        try
        {
            server.GrpcAddress = new Uri(await server.WaitForAsync(ListeningLine()));
            return server;
        }
        catch
        {
            await server.DisposeAsync(); // a server that did not come up is not left running
            throw;
        }
    }

    /// <summary>The first capture of the pattern in the log, once it appears (60 s at most, or the process exits).</summary>
    public async Task<string> WaitForAsync(Regex pattern)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            foreach (var line in Lines)
            {
                if (pattern.Match(line) is { Success: true } match)
                {
                    return match.Groups[1].Value;
                }
            }
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains what it wrote before it exited
                Assert.Fail($"the server exited ({_process.ExitCode}):\n{string.Join('\n', Lines)}");
            }
            Assert.True(DateTime.UtcNow < deadline, $"never logged {pattern}:\n{string.Join('\n', Lines)}");
            await Task.Delay(20);
        }
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
