using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ImrGrpc.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace ImrGrpc.Server.Tests;

/// <summary>The real server binary refusing to start: one line on stderr, the documented exit code, no stack trace.</summary>
[Trait("Category", "Process")]
public sealed class StartupFailureTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "imrgrpc-startup", Guid.NewGuid().ToString("N"));

    public StartupFailureTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Code, string[] Stderr, string Stdout)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ImrGrpc.Server.dll"));
        info.ArgumentList.Add($"--Storage:Path={Path.Combine(_dir, "imr.db")}");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries), await stdout);
    }

    private static void AssertOneLine(int expectedCode, string expectedText, (int Code, string[] Stderr, string Stdout) run)
    {
        Assert.Equal(expectedCode, run.Code);
        var line = Assert.Single(run.Stderr);
        Assert.StartsWith("imrgrpc-server: ", line);
        Assert.Contains(expectedText, line);
        Assert.DoesNotContain("   at ", run.Stdout);
        Assert.DoesNotContain("Exception:", run.Stdout);
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_and_exit_code_3()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        AssertOneLine(ExitCodes.CannotListen, $"cannot listen: Failed to bind to address http://127.0.0.1:{port}", await RunAsync("--urls", $"http://127.0.0.1:{port}"));
    }

    [Fact]
    public async Task A_missing_certificate_is_one_line_and_exit_code_2()
    {
        var missing = Path.Combine(_dir, "missing.pem");
        AssertOneLine(ExitCodes.Configuration, $"cannot read the TLS certificate file Kestrel:Certificates:Default:Path = {missing}",
            await RunAsync("--urls", "https://127.0.0.1:0", $"--Kestrel:Certificates:Default:Path={missing}"));
    }

    [Fact]
    public async Task A_certificate_that_is_not_one_is_one_line_and_exit_code_2()
    {
        var garbage = Path.Combine(_dir, "garbage.pfx");
        await File.WriteAllTextAsync(garbage, "not a certificate");
        AssertOneLine(ExitCodes.Configuration, "cannot load the TLS certificate",
            await RunAsync("--urls", "https://127.0.0.1:0", $"--Kestrel:Certificates:Default:Path={garbage}"));
    }

    [Theory]
    [InlineData("--Storage:ReloadIntervalMs=often", "'Storage:ReloadIntervalMs'")]
    [InlineData("--Security:Reflection=maybe", "'Security:Reflection'")]
    [InlineData("--Server:ShutdownTimeoutSeconds=-1", "Server:ShutdownTimeoutSeconds must be between 0 and 300")]
    [InlineData("--Logging:CaseIdKey=short", "Logging:CaseIdKey must be at least 16 characters")]
    [InlineData("--Bundles:Source=ftp://example.org/imr/", "Bundles:Source 'ftp://example.org/imr/': only http:// and https:// URLs are read")]
    [InlineData("--Bundles:Source=http://example.org/imr/?sig=1", "must be the URL of the published directory itself")]
    [InlineData("--Bundles:TimeoutMs=5", "Bundles:TimeoutMs must be between 100 and 600000, not 5")]
    [InlineData("--Metrics:Urls=metrics-please", "Metrics:Urls 'metrics-please' is not an http:// or https:// listen address")]
    [InlineData("--Tracing:OtlpEndpoint=collector", "Tracing:OtlpEndpoint 'collector' is not an http:// or https:// URL")]
    public async Task A_bad_setting_value_is_one_line_and_exit_code_2(string setting, string named)
    {
        AssertOneLine(ExitCodes.Configuration, named, await RunAsync("--urls", "http://127.0.0.1:0", setting));
    }

    [Fact]
    public async Task Metrics_on_the_grpc_address_are_refused_before_anything_listens()
    {
        AssertOneLine(ExitCodes.Configuration, "Metrics:Urls 'http://127.0.0.1:5000' is also a gRPC listen address",
            await RunAsync("--urls", "http://127.0.0.1:5000", "--Metrics:Urls=http://127.0.0.1:5000"));
    }

    [Fact]
    public async Task Metrics_beyond_loopback_in_plaintext_are_refused_like_the_grpc_port()
    {
        AssertOneLine(ExitCodes.Configuration, "refusing to start: Metrics:Urls: http://0.0.0.0:9464 would accept plaintext connections beyond loopback",
            await RunAsync("--urls", "http://127.0.0.1:0", "--Metrics:Urls=http://0.0.0.0:9464"));
    }

    [Fact]
    public async Task A_metrics_port_in_use_is_one_line_and_exit_code_3()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        AssertOneLine(ExitCodes.CannotListen, "cannot listen: Failed to bind the metrics listener",
            await RunAsync("--urls", "http://127.0.0.1:0", $"--Metrics:Urls=http://127.0.0.1:{port}"));
    }

    [Fact]
    public async Task A_bundle_url_with_nothing_to_serve_at_start_up_is_one_line_and_exit_code_2()
    {
        // Nothing listens there: the replica has nothing good to serve yet, so it does not start.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        AssertOneLine(ExitCodes.Configuration, $"cannot serve the published versions in http://127.0.0.1:{port}/imr/: cannot fetch http://127.0.0.1:{port}/imr/manifest.json",
            await RunAsync("--urls", "http://127.0.0.1:0", $"--Bundles:Source=http://127.0.0.1:{port}/imr"));
    }
}

/// <summary>The addresses the official container images and unix-socket deployments configure, under the same rules.</summary>
public sealed class ListenAddressTests
{
    private static (NetworkMode? Mode, string? Refusal) Check(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        var security = configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();
        return NetworkMode.Check(configuration, security, ServerSetup.DefaultUrl);
    }

    [Theory]
    [InlineData("HTTP_PORTS")]
    [InlineData("http_ports")]
    public void Http_ports_mean_every_interface_and_are_refused_in_plaintext(string key)
    {
        var (mode, refusal) = Check((key, "8080"));
        Assert.Null(mode);
        Assert.Contains("http://*:8080 would accept plaintext connections beyond loopback", refusal);
    }

    [Fact]
    public void Http_ports_are_served_when_insecure_is_allowed()
    {
        var (mode, refusal) = Check(("HTTP_PORTS", "8080;8081"), ("Security:AllowInsecure", "true"));
        Assert.Null(refusal);
        Assert.Equal(["http://*:8080", "http://*:8081"], mode!.Addresses);
    }

    [Fact]
    public void Urls_win_over_http_ports_as_in_aspnet()
    {
        var (mode, refusal) = Check(("urls", "http://127.0.0.1:7000"), ("HTTP_PORTS", "8080"));
        Assert.Null(refusal);
        Assert.Equal(["http://127.0.0.1:7000"], mode!.Addresses);
    }

    [Fact]
    public void A_unix_socket_counts_as_local()
    {
        var (mode, refusal) = Check(("urls", "http://unix:/run/imr/imr.sock"));
        Assert.Null(refusal);
        Assert.True(mode!.LoopbackOnly);
    }
}
