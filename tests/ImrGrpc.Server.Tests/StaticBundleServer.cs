using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImrGrpc.Server.Tests;

/// <summary>
/// A tiny web server publishing a directory the way nginx does for a published directory: GET /imr/&lt;file&gt; with an
/// ETag, 304 for a matching If-None-Match. It records every request and can be stopped, restarted on the same port
/// and told to misbehave.
/// </summary>
public sealed class StaticBundleServer(string directory) : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string File, int Status)> _requests = new();
    private WebApplication? _app;
    private int _port;

    public Uri Url => new($"http://127.0.0.1:{_port}/imr/");

    public volatile BundleServerFault Fault;

    /// <summary>Which files the fault applies to (by file name); every file when null.</summary>
    public Func<string, bool>? FaultOn { get; set; }

    public IReadOnlyList<(string File, int Status)> Requests => [.. _requests];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/imr/{file}", ServeAsync);
        await app.StartAsync();
        _port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task ServeAsync(HttpContext context, string file)
    {
        var path = Path.Combine(directory, file);
        if (file.Contains('/') || file.StartsWith('.') || !File.Exists(path))
        {
            Record(file, StatusCodes.Status404NotFound, context);
            return;
        }
        var bytes = await File.ReadAllBytesAsync(path);
        var fault = FaultOn is null || FaultOn(file) ? Fault : BundleServerFault.None;
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"";
        switch (fault)
        {
            case BundleServerFault.ServerError:
                Record(file, StatusCodes.Status503ServiceUnavailable, context);
                return;
            case BundleServerFault.Slow:
                _requests.Enqueue((file, 0));
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up, as it should.
                }
                return;
            case BundleServerFault.Oversized:
                _requests.Enqueue((file, 200));
                context.Response.ContentLength = 200L * 1024 * 1024;
                await context.Response.Body.FlushAsync();
                return; // Kestrel closes the connection: fewer bytes than declared.
            case BundleServerFault.Truncated:
                _requests.Enqueue((file, 200));
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await context.Response.Body.FlushAsync();
                return; // Kestrel closes the connection: fewer bytes than declared.
            case BundleServerFault.Garbage:
                bytes = [.. bytes];
                bytes[bytes.Length / 2] ^= 0x20;
                etag = "\"garbage\"";
                break;
        }
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            Record(file, StatusCodes.Status304NotModified, context);
            return;
        }
        Record(file, StatusCodes.Status200OK, context);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    private void Record(string file, int status, HttpContext context)
    {
        _requests.Enqueue((file, status));
        context.Response.StatusCode = status;
    }
}
