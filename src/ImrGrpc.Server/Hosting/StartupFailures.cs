using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Connections;
using ImrGrpc.Server.Errors;
using ImrGrpc.Server.Observability;
using ImrGrpc.Server.Snapshots;

namespace ImrGrpc.Server.Hosting;

/// <summary>The process exit codes, as documented in README.md's Operating section.</summary>
public static class ExitCodes
{
    public const int Stopped = 0;

    /// <summary>A start-up failure nothing more specific describes (the line names the exception type).</summary>
    public const int Failed = 1;

    /// <summary>
    /// The configuration cannot be used: an unreadable or malformed settings file, a setting with a bad value, an
    /// address that would expose the service without TLS and API keys, a TLS certificate missing or unreadable, a
    /// guideline store that cannot be read.
    /// </summary>
    public const int Configuration = 2;

    /// <summary>The configured address cannot be listened on: already in use, not permitted, not on this machine.</summary>
    public const int CannotListen = 3;
}

/// <summary>Server-wide settings ("Server" section).</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>
    /// How long calls in flight get to finish after SIGTERM before the ones still running are cut (CANCELLED); the
    /// process is gone shortly after.
    /// </summary>
    public double ShutdownTimeoutSeconds { get; set; } = 5;
}

/// <summary>
/// Holds back the generic host's own log lines until the server has started: a failed start is logged there with the
/// exception's stack trace, which <see cref="StartupFailures"/> replaces by one line on stderr.
/// </summary>
public sealed class StartupGate
{
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public volatile bool Started;

    public static void Install(WebApplicationBuilder builder)
    {
        var gate = new StartupGate();
        builder.Services.AddSingleton(gate);
        builder.Logging.AddFilter(HostCategory, level => gate.Started && level >= LogLevel.Information);
    }
}

/// <summary>
/// Start-up problems become one line on stderr and an exit code from <see cref="ExitCodes"/>, never a stack trace:
/// the operator reading a container log needs the reason, not the frames.
/// </summary>
public static class StartupFailures
{
    private const string Prefix = "imrgrpc-server: ";

    /// <summary>The host builder, or null (after saying why) when the configuration files cannot be read.</summary>
    public static WebApplicationBuilder? CreateBuilderOrExplain(string[] args)
    {
        try
        {
            return WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = args,
                // Settings come from the server's own folder, whatever the working directory.
                ContentRootPath = AppContext.BaseDirectory,
            });
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{Prefix}cannot read configuration: {OneLine(e)}");
            return null;
        }
    }

    /// <summary>Every setting this server reads, bound once so a bad value is refused before anything starts.</summary>
    public static string? CheckSettings(IConfiguration configuration)
    {
        try
        {
            Bind<StorageOptions>(configuration, StorageOptions.Section);
            Bind<SecurityOptions>(configuration, SecurityOptions.Section);
            var bundles = Bind<BundleOptions>(configuration, BundleOptions.Section) ?? new BundleOptions();
            var metrics = Bind<MetricsOptions>(configuration, MetricsOptions.Section) ?? new MetricsOptions();
            var tracing = Bind<TracingOptions>(configuration, TracingOptions.Section) ?? new TracingOptions();
            if ((bundles.Problem() ?? metrics.Problem(NetworkMode.ConfiguredUrls(configuration)) ?? tracing.Problem()) is { } problem)
            {
                return problem;
            }
            var log = Bind<CallLogOptions>(configuration, CallLogOptions.Section) ?? new CallLogOptions();
            var server = Bind<ServerOptions>(configuration, ServerOptions.Section) ?? new ServerOptions();
            if (log.CaseIdKey is { Length: > 0 and < CallLogOptions.MinKeyLength })
            {
                return $"Logging:CaseIdKey must be at least {CallLogOptions.MinKeyLength} characters";
            }
            if (!double.IsFinite(server.ShutdownTimeoutSeconds) || server.ShutdownTimeoutSeconds is < 0 or > 300)
            {
                return $"Server:ShutdownTimeoutSeconds must be between 0 and 300, not {server.ShutdownTimeoutSeconds}";
            }
            return UnreadableCertificate(configuration);
        }
        catch (SettingException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Binds a section. The configuration binder reports a value it cannot convert as an InvalidOperationException
    /// naming the setting; only that one is turned into a setting problem, so a bug elsewhere is never reported as one.
    /// </summary>
    private static T? Bind<T>(IConfiguration configuration, string section)
    {
        try
        {
            return configuration.GetSection(section).Get<T>();
        }
        catch (InvalidOperationException e)
        {
            // The binder's own message names the setting and the value; its inner ones only restate them.
            throw new SettingException(e.Message, e);
        }
    }

    private sealed class SettingException(string message, Exception inner) : Exception(message, inner);

    /// <summary>Thrown by the framework's configuration, options or Kestrel code: a bad setting, not a bug of ours.</summary>
    private static bool FromFramework(Exception e) =>
        e.TargetSite?.DeclaringType?.Namespace is { } ns &&
        (ns.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || ns.StartsWith("Microsoft.Extensions", StringComparison.Ordinal)
         || ns.StartsWith("System.Security.Cryptography", StringComparison.Ordinal));

    /// <summary>A configured certificate or key file that is missing or unreadable, named before Kestrel trips over it.</summary>
    private static string? UnreadableCertificate(IConfiguration configuration)
    {
        var sections = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e.GetSection("Certificate"))
            .Prepend(configuration.GetSection("Kestrel:Certificates:Default"));
        foreach (var section in sections)
        {
            foreach (var key in new[] { "Path", "KeyPath" })
            {
                if (section[key] is not { Length: > 0 } path)
                {
                    continue;
                }
                try
                {
                    using var file = File.OpenRead(Path.GetFullPath(path, AppContext.BaseDirectory));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return $"cannot read the TLS certificate file {section.Path}:{key} = {path}: {OneLine(e)}";
                }
            }
        }
        return null;
    }

    /// <summary>Starts listening and serves until stopped; a failure to start is one line and its exit code.</summary>
    public static int RunOrExplain(this WebApplication app)
    {
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
            app.Services.GetRequiredService<StartupGate>().Started = true;
        }
        catch (Exception e)
        {
            var (code, line) = Explain(e);
            Console.Error.WriteLine(Prefix + line);
            try
            {
                app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // Already failing with the reason above; a second error while tearing down adds nothing for the operator.
            }
            return code;
        }
        app.WaitForShutdown();
        return ExitCodes.Stopped;
    }

    private static (int Code, string Line) Explain(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException or AddressInUseException || (inner is IOException && inner.Message.StartsWith("Failed to bind", StringComparison.Ordinal)))
            {
                return (ExitCodes.CannotListen, $"cannot listen: {OneLine(e)}");
            }
        }
        return e switch
        {
            CryptographicException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException =>
                (ExitCodes.Configuration, $"cannot load the TLS certificate: {OneLine(e)}"),
            InvalidOperationException or FormatException when FromFramework(e) => (ExitCodes.Configuration, $"bad configuration: {OneLine(e)}"),
            _ => (ExitCodes.Failed, $"failed to start: {e.GetType().Name}: {OneLine(e)}"),
        };
    }

    /// <summary>The message and its causes on one line.</summary>
    public static string OneLine(Exception e)
    {
        var text = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!text.Contains(inner.Message, StringComparison.Ordinal))
            {
                text += ": " + inner.Message;
            }
        }
        return text.ReplaceLineEndings(" ");
    }
}
