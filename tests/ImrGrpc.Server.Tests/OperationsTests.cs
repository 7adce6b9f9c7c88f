using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Imr.V1;
using ImrGrpc.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ImrGrpc.Server.Tests;

/// <summary>A server whose log lines are captured, with everything turned up to Trace.</summary>
public sealed class CapturingServerFactory : ImrServerFactory
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft", "Trace");
        builder.UseSetting("Logging:LogLevel:Grpc", "Trace");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lock (owner._lines)
            {
                owner._lines.Add($"scope {category}: {state}");
            }
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lock (owner._lines)
            {
                owner._lines.Add($"{logLevel} {category}: {formatter(state, exception)} {properties} {exception}");
            }
        }
    }
}

/// <summary>What an operator relies on: logs free of patient text, one line per call, store faults reported in health.</summary>
public sealed class LogPrivacyTests(CapturingServerFactory factory) : IClassFixture<CapturingServerFactory>
{
    [Fact]
    public async Task A_request_full_of_marker_strings_leaves_none_of_them_in_the_logs()
    {
        using var channel = factory.CreateChannel();
        var client = factory.CreateClient(channel);
        var request = ExampleCases.Named("seed-physical-therapy").Request.Clone();
        request.CaseId = "JaneDoe-DOB-1961-02-03";
        request.Clinical.Diagnoses[0].Description = "MARKER-DIAGNOSIS-DESCRIPTION Jane Doe DOB 1970-01-01";
        request.Items[0].Description = "MARKER-ITEM-DESCRIPTION";
        request.Items[0].ClaimsAdministratorGuidelines.Add("MARKER-CITED-GUIDELINE");
        await client.EvaluateRequestAsync(request);
        await client.ExplainRationaleAsync(new ExplainRationaleRequest { Request = request, Format = RationaleFormat.Markdown });

        var bad = request.Clone();
        bad.Items[0].Treatment = "MARKER-TREATMENT-CODE";
        bad.Clinical.BodyRegions.Add("MARKER-REGION");
        bad.Clinical.Diagnoses.Add(new Diagnosis { Code = "MARKER-ICD", Description = "MARKER-SECOND-DIAGNOSIS" });
        bad.InjuryDate = "MARKER-DATE";
        await Assert.ThrowsAsync<RpcException>(() => client.EvaluateRequestAsync(bad).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() => client.ExplainRationaleAsync(new ExplainRationaleRequest { Request = bad }).ResponseAsync);

        var lines = factory.Logs.Lines;
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, l => l.Contains("MARKER", StringComparison.OrdinalIgnoreCase) || l.Contains("Jane", StringComparison.OrdinalIgnoreCase) || l.Contains("DOB-1961", StringComparison.Ordinal));
        var calls = lines.Where(l => l.Contains("CallLogMiddleware") && l.Contains("call /imr.v1.GuidelineDecisionService/", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, calls.Count);
        // Both answered calls, EvaluateRequest and ExplainRationale, name the decision and the version it was made under.
        Assert.Equal(2, calls.Count(l => l.Contains("case_id=h:") && l.Contains("status=OK") && l.Contains("version=mtus-2009") && l.Contains("decision_id=") && l.Contains("duration_ms=")));
        Assert.Equal(2, calls.Count(l => l.Contains("status=INVALID_ARGUMENT")));
    }
}

/// <summary>The store disappears under a running server: answers keep flowing from the last good library.</summary>
public sealed class StoreFaultTests(ImrServerFactory factory) : ServerTest(factory)
{
    [Fact]
    public async Task A_missing_manifest_turns_store_health_not_serving_while_answers_still_flow()
    {
        var health = new Health.HealthClient(Channel);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "store" })).Status);
        var manifest = Path.Combine(Factory.PublishedDirectory, "manifest.json");
        var moved = manifest + ".away";
        File.Move(manifest, moved);
        try
        {
            Assert.True(await WaitForAsync(health, "store", HealthCheckResponse.Types.ServingStatus.NotServing), "store health never went NOT_SERVING");
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
            var response = await Client.EvaluateRequestAsync(ExampleCases.Named("seed-massage").Request);
            Assert.Equal(Determination.NotMedicallyNecessary, response.Decisions[0].Determination);
        }
        finally
        {
            File.Move(moved, manifest);
        }
        Assert.True(await WaitForAsync(health, "store", HealthCheckResponse.Types.ServingStatus.Serving), "store health never recovered");
    }

    [Fact]
    public async Task The_server_does_not_depend_on_the_editors_store_once_it_serves()
    {
        var health = new Health.HealthClient(Channel);
        var moved = Factory.StorePath + ".away";
        File.Move(Factory.StorePath, moved);
        try
        {
            var response = await Client.EvaluateRequestAsync(ExampleCases.Named("seed-massage").Request);
            Assert.Equal(Determination.NotMedicallyNecessary, response.Decisions[0].Determination);
            var manifest = Path.Combine(Factory.PublishedDirectory, "manifest.json");
            File.SetLastWriteTimeUtc(manifest, DateTime.UtcNow); // a poke: the server re-reads the directory, never the store
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "store" })).Status);
            Assert.False(File.Exists(Factory.StorePath), "the server recreated the store it must not read");
        }
        finally
        {
            File.Move(moved, Factory.StorePath);
        }
    }

    private static async Task<bool> WaitForAsync(Health.HealthClient health, string service, HealthCheckResponse.Types.ServingStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if ((await health.CheckAsync(new HealthCheckRequest { Service = service })).Status == status)
            {
                return true;
            }
            await Task.Yield();
        }
        return false;
    }
}

/// <summary>A server with API keys configured and reflection turned off.</summary>
public sealed class LockedDownServerFactory : ImrServerFactory
{
    public const string Key = "k3y-for-tests-2f9c";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:ApiKeys:0", Key);
        builder.UseSetting("Security:Reflection", "false");
    }
}

public sealed class AccessTests(LockedDownServerFactory factory) : IClassFixture<LockedDownServerFactory>
{
    [Theory]
    [InlineData(null, StatusCode.Unauthenticated)]
    [InlineData("x-api-key: wrong", StatusCode.Unauthenticated)]
    [InlineData("authorization: Bearer " + LockedDownServerFactory.Key + "x", StatusCode.Unauthenticated)]
    [InlineData("authorization: Bearer " + LockedDownServerFactory.Key, StatusCode.OK)]
    [InlineData("x-api-key: " + LockedDownServerFactory.Key, StatusCode.OK)]
    public async Task Calls_need_a_valid_api_key(string? header, StatusCode expected)
    {
        using var channel = factory.CreateChannel();
        var client = factory.CreateClient(channel);
        var headers = new Metadata();
        if (header is not null)
        {
            var (key, value) = (header[..header.IndexOf(':')], header[(header.IndexOf(':') + 2)..]);
            headers.Add(key, value);
        }
        var call = client.ListGuidelineVersionsAsync(new ListGuidelineVersionsRequest(), headers);
        if (expected == StatusCode.OK)
        {
            Assert.NotEmpty((await call).Versions);
        }
        else
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
            Assert.Equal(expected, error.StatusCode);
        }
    }

    [Fact]
    public async Task Health_probes_need_no_key_and_reflection_is_off()
    {
        using var channel = factory.CreateChannel();
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo(new Metadata { { "x-api-key", LockedDownServerFactory.Key } });
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }
}

/// <summary>Where the server may listen and what it requires there.</summary>
public sealed class NetworkModeTests
{
    private static (NetworkMode? Mode, string? Refusal) Check(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        var security = configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();
        return NetworkMode.Check(configuration, security, ServerSetup.DefaultUrl);
    }

    [Fact]
    public void Loopback_plaintext_is_the_default()
    {
        var (mode, refusal) = Check();
        Assert.Null(refusal);
        Assert.True(mode!.LoopbackOnly);
        Assert.Contains("loopback only", mode.Describe());
    }

    [Theory]
    [InlineData("http://0.0.0.0:5000", "plaintext connections beyond loopback")]
    [InlineData("http://10.1.2.3:5000", "plaintext connections beyond loopback")]
    [InlineData("https://0.0.0.0:5001", "no certificate is configured")]
    public void Beyond_loopback_without_tls_or_keys_is_refused(string url, string reason)
    {
        var (mode, refusal) = Check(("urls", url));
        Assert.Null(mode);
        Assert.Contains(reason, refusal);
    }

    [Fact]
    public void Tls_without_keys_beyond_loopback_is_refused_and_with_keys_accepted()
    {
        var (_, refusal) = Check(("urls", "https://0.0.0.0:5001"), ("Kestrel:Certificates:Default:Path", "/etc/imr/cert.pem"));
        Assert.Contains("no API keys", refusal);
        var (mode, ok) = Check(("urls", "https://0.0.0.0:5001"), ("Kestrel:Certificates:Default:Path", "/etc/imr/cert.pem"), ("Security:ApiKeys:0", "k"));
        Assert.Null(ok);
        Assert.True(mode!.Tls && mode.Authenticated && !mode.Insecure);
    }

    [Fact]
    public void The_insecure_flag_allows_it_and_says_so()
    {
        var (mode, refusal) = Check(("urls", "http://0.0.0.0:5000"), ("Security:AllowInsecure", "true"));
        Assert.Null(refusal);
        Assert.StartsWith("INSECURE", mode!.Describe());
    }
}
