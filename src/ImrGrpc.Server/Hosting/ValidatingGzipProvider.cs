using System.IO.Compression;
using Grpc.Net.Compression;
using ImrGrpc.Server.Errors;

namespace ImrGrpc.Server.Hosting;

/// <summary>
/// gzip message compression whose decompression answers a corrupt body with INVALID_ARGUMENT; the framework's own
/// provider lets the decoder's exception reach the client as UNKNOWN.
/// </summary>
internal sealed class ValidatingGzipProvider : ICompressionProvider
{
    public string EncodingName => "gzip";

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        new GZipStream(stream, compressionLevel ?? CompressionLevel.Fastest, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream stream) => new Checked(new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true));

    private sealed class Checked(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Guard(() => inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return inner.Read(buffer);
            }
            catch (InvalidDataException)
            {
                throw Corrupt();
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                throw Corrupt();
            }
        }

        private static int Guard(Func<int> read)
        {
            try
            {
                return read();
            }
            catch (InvalidDataException)
            {
                throw Corrupt();
            }
        }

        private static Grpc.Core.RpcException Corrupt() => RpcErrors.InvalidArgument("request", "the gzip-compressed message body is corrupt");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
