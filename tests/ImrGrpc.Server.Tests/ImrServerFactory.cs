using Grpc.Net.Client;
using Imr.V1;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ImrGrpc.Server.Tests;

/// <summary>
/// The real server (Program, Kestrel pipeline, interceptors, reflection, health) over an in-memory test server, each
/// factory with its own fresh LiteDB file seeded on first start.
/// </summary>
public class ImrServerFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "imrgrpc-tests", Guid.NewGuid().ToString("N"));

    public string StorePath => Path.Combine(_directory, "imrgrpc.db");

    /// <summary>What the server reads: the published directory beside the store.</summary>
    public string PublishedDirectory => Path.Combine(_directory, "imrgrpc.published");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Path", StorePath);
        builder.UseSetting("Storage:ReloadIntervalMs", "50");
    }

    public GrpcChannel CreateChannel() =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });

    public GuidelineDecisionService.GuidelineDecisionServiceClient CreateClient(GrpcChannel channel) => new(channel);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

/// <summary>One server per test class; tests never depend on each other's order.</summary>
public abstract class ServerTest : IClassFixture<ImrServerFactory>, IDisposable
{
    protected ServerTest(ImrServerFactory factory)
    {
        Factory = factory;
        Channel = factory.CreateChannel();
        Client = factory.CreateClient(Channel);
    }

    protected ImrServerFactory Factory { get; }
    protected GrpcChannel Channel { get; }
    protected GuidelineDecisionService.GuidelineDecisionServiceClient Client { get; }

    public void Dispose()
    {
        Channel.Dispose();
        GC.SuppressFinalize(this);
    }
}
