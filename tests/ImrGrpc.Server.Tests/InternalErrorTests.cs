using Google.Rpc;
using Grpc.Core;
using Imr.V1;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ImrGrpc.Server.Tests;

/// <summary>A clock that works until told to fail the way a bug would (a NullReferenceException).</summary>
public sealed class BreakableClock : TimeProvider
{
    public volatile bool Broken;

    public override DateTimeOffset GetUtcNow() => Broken ? throw new NullReferenceException("a bug") : System.GetUtcNow();
}

/// <summary>The server with a clock a test can break.</summary>
public sealed class BreakableClockFactory : ImrServerFactory
{
    public BreakableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>A programming error keeps its meaning: INTERNAL with a trace id to quote, never UNKNOWN or "unavailable".</summary>
public sealed class InternalErrorTests(BreakableClockFactory factory) : IClassFixture<BreakableClockFactory>
{
    [Fact]
    public async Task A_bug_on_the_request_path_is_internal_with_a_trace_id()
    {
        using var channel = factory.CreateChannel();
        var client = factory.CreateClient(channel);
        Assert.NotEmpty((await client.ListGuidelineVersionsAsync(new ListGuidelineVersionsRequest())).Versions);

        factory.Clock.Broken = true;
        try
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => client.ListGuidelineVersionsAsync(new ListGuidelineVersionsRequest()).ResponseAsync);
            Assert.Equal(StatusCode.Internal, error.StatusCode);
            var info = error.GetRpcStatus()?.GetDetail<ErrorInfo>();
            Assert.NotNull(info);
            Assert.Equal("INTERNAL", info.Reason);
            Assert.Matches("^[0-9a-f]{32}$", info.Metadata["trace_id"]);
            Assert.Contains(info.Metadata["trace_id"], error.Status.Detail);
        }
        finally
        {
            factory.Clock.Broken = false;
        }
    }
}
