using System.Net;
using Grpc.Core;
using Grpc.Net.Client;

namespace ImrGrpc.LoadTest.Calls;

/// <summary>
/// N separate HTTP/2 connections to the target: one channel per connection, each over its own SocketsHttpHandler, so
/// calls really are spread over N sockets rather than multiplexed onto one.
/// </summary>
internal sealed class ConnectionSet : IDisposable
{
    private readonly GrpcChannel[] _channels;

    public ConnectionSet(Uri target, int count)
    {
        _channels = new GrpcChannel[count];
        for (var i = 0; i < count; i++)
        {
            _channels[i] = GrpcChannel.ForAddress(target, new GrpcChannelOptions
            {
                HttpHandler = CreateHandler(),
                DisposeHttpClient = true,
                // Measure the server, not a client-side limit: a large response is the server's cost to show.
                MaxReceiveMessageSize = null,
            });
        }

        Invokers = Array.ConvertAll(_channels, channel => channel.CreateCallInvoker());
    }

    public CallInvoker[] Invokers { get; }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }

    private static SocketsHttpHandler CreateHandler() => new()
    {
        // Exactly one connection per channel: when the server's stream limit is reached, calls wait for a stream
        // (and that wait shows as latency) instead of the handler silently opening more connections.
        EnableMultipleHttp2Connections = false,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        // A load test goes straight to the target; an http_proxy in the environment must not sit in between.
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    };
}
