using System.Net;
using System.Net.Http.Headers;
using ImrGrpc.Storage.Publishing;

namespace ImrGrpc.Server.Snapshots;

/// <summary>
/// A published directory served over http(s) as static files (any web server, an object store, a Kubernetes volume
/// behind nginx). The manifest is asked for with If-None-Match, so an unchanged one costs a 304 and no body; content
/// files are immutable and named by their hash, so the loader asks only for the ones it has not verified yet. Every
/// answer is bounded in size and time; anything off (down, slow, an error status, a body cut short or too large)
/// is a <see cref="BundleSourceException"/>, and the bytes are verified by the loader like a directory's.
/// </summary>
public sealed class HttpBundleSource : IBundleSource
{
    /// <summary>
    /// How long a 304 is trusted before the manifest is fetched whole again. Some servers derive the ETag from the
    /// modification time in seconds and the size (nginx does), so two manifests of one size written within one second
    /// share it; the periodic full fetch bounds how long such a change could go unseen.
    /// </summary>
    public static readonly TimeSpan FullFetchInterval = TimeSpan.FromSeconds(60);

    private readonly Uri _directory;
    private readonly Uri _manifest;
    private readonly Func<HttpClient> _client;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private CachedManifest? _cached;

    /// <summary>The last manifest received whole, with the validator the server sent for it.</summary>
    private sealed record CachedManifest(EntityTagHeaderValue ETag, byte[] Bytes, DateTimeOffset FetchedAt);

    /// <param name="directory">The URL of the published directory (the manifest and content files are beside each other in it).</param>
    /// <param name="client">The client to send with (from IHttpClientFactory, which pools and renews its handlers).</param>
    public HttpBundleSource(Uri directory, Func<HttpClient> client, TimeSpan timeout, TimeProvider time)
    {
        // "http://host/imr" and "http://host/imr/" mean the same directory; without the slash the files would resolve beside it.
        _directory = directory.AbsolutePath.EndsWith('/') ? directory : new Uri(directory.AbsoluteUri + "/");
        _manifest = new Uri(_directory, PublishedLayout.ManifestName);
        _client = client;
        _timeout = timeout;
        _time = time;
    }

    public string Description => _directory.AbsoluteUri;

    public async Task<byte[]> ReadManifestAsync(CancellationToken cancellationToken)
    {
        var cached = Volatile.Read(ref _cached);
        using var request = new HttpRequestMessage(HttpMethod.Get, _manifest);
        if (cached is not null && _time.GetUtcNow() - cached.FetchedAt < FullFetchInterval)
        {
            request.Headers.IfNoneMatch.Add(cached.ETag);
        }
        var (bytes, etag) = await FetchAsync(request, PublishedManifest.MaxBytes, cached is not null, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            // 304: the server says the bytes are the ones received last time.
            return cached!.Bytes;
        }
        Volatile.Write(ref _cached, etag is null ? null : new CachedManifest(etag, bytes, _time.GetUtcNow()));
        return bytes;
    }

    public async Task<byte[]> ReadContentAsync(string contentHash, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_directory, PublishedLayout.ContentFileName(contentHash)));
        var (bytes, _) = await FetchAsync(request, BundleLimits.MaxContentBytes, notModifiedAllowed: false, cancellationToken).ConfigureAwait(false);
        return bytes!;
    }

    /// <summary>Sends the request and reads at most <paramref name="limit"/> bytes of the answer; null bytes for a 304.</summary>
    private async Task<(byte[]? Bytes, EntityTagHeaderValue? ETag)> FetchAsync(
        HttpRequestMessage request, int limit, bool notModifiedAllowed, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.AbsoluteUri;
        using var deadline = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await _client().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified && notModifiedAllowed)
            {
                return (null, null);
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new BundleSourceException($"{url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            var bytes = await ReadBodyAsync(response.Content, limit, url, linked.Token).ConfigureAwait(false);
            return (bytes, response.Headers.ETag);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new BundleSourceException($"{url} did not answer in full within {_timeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException e)
        {
            throw new BundleSourceException($"cannot fetch {url}: {Causes(e)}", e);
        }
        catch (IOException e)
        {
            // The connection closed before the body was whole (Content-Length or chunked framing says so).
            throw new BundleSourceException($"{url}: the answer was cut short: {Causes(e)}", e);
        }
    }

    /// <summary>HttpClient's own message is generic ("An error occurred while sending the request"); the cause is inside.</summary>
    private static string Causes(Exception e)
    {
        var text = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!text.Contains(inner.Message, StringComparison.Ordinal))
            {
                text += ": " + inner.Message;
            }
        }
        return text;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContent content, int limit, string url, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > limit)
        {
            throw new BundleSourceException($"{url} is {declared} bytes, more than the {limit} a published file may be");
        }
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (declared is { } length)
            {
                var exact = new byte[length];
                await stream.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
                return exact;
            }
            // No length given (chunked): read in pieces and stop as soon as the limit is passed.
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new BundleSourceException($"{url} is more than the {limit} bytes a published file may be");
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
    }
}
