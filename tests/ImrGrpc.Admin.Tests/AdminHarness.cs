using System.Diagnostics;
using ImrGrpc.Admin.Cli;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.Tests;

/// <summary>A fresh seeded store per test, and two ways to run the admin tool: in this process, or as a real child process.</summary>
public sealed class AdminHarness : IDisposable
{
    public AdminHarness()
    {
        Directory.CreateDirectory(Dir);
        using var store = GuidelineStore.Open(StorePath);
        store.SeedIfEmpty(SeedData.Load(), "seed");
    }

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "imrgrpc-admin-tests", Guid.NewGuid().ToString("N"));

    public string StorePath => Path.Combine(Dir, "imr.db");

    public (int Exit, string Out, string Err) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = AdminCli.Run([.. args, "--db", StorePath], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The last line a command printed (draft and import print the new id there).</summary>
    public static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].Trim();

    /// <summary>Starts the built admin executable as a separate process on this store.</summary>
    public Process Start(params string[] args) => StartDll(AdminDll, args);

    /// <summary>Starts the admin CLI in a process that pauses inside a publish's transaction for that long.</summary>
    public Process StartPausingInPublish(TimeSpan pause, params string[] args) =>
        StartDll(BuiltDll("ImrGrpc.Admin.PauseHost"), [((int)pause.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture), .. args]);

    private Process StartDll(string dll, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.ArgumentList.Add("--db");
        info.ArgumentList.Add(StorePath);
        return Process.Start(info)!;
    }

    public async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The admin tool's own build output (a referenced executable is copied next to the tests with its runtime config).</summary>
    public static string AdminDll => BuiltDll("ImrGrpc.Admin");

    private static string BuiltDll(string name)
    {
        var local = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, name + ".runtimeconfig.json")))
        {
            return local;
        }
        throw new FileNotFoundException($"{name}.dll with its runtimeconfig not found in {AppContext.BaseDirectory}");
    }

    public void Dispose()
    {
        if (Directory.Exists(Dir))
        {
            Directory.Delete(Dir, recursive: true);
        }
    }
}
