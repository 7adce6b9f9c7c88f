using System.Text;
using ImrGrpc.Engine.Impact;

namespace ImrGrpc.Admin.Application;

/// <summary>
/// A JSON-lines file of requests (one imr.v1 EvaluateRequestRequest per line) read as it goes: only the lines being
/// replayed are in memory, whatever the size of the file. Blank lines are skipped; a line is named by its number
/// (<c>big.jsonl:42</c>); a line longer than <see cref="MaxLineBytes"/> is reported unreadable and skipped without
/// being held.
/// </summary>
public sealed class JsonLinesFile(string path) : ICaseSource
{
    /// <summary>Twice the server's default 4 MB message limit: no real request comes near it.</summary>
    public const int MaxLineBytes = 8 * 1024 * 1024;

    private const int InitialBuffer = 1024 * 1024;

    public string Path { get; } = path;

    public string Source => Path;

    public long Length { get; } = new FileInfo(path).Length;

    public bool Streamed => true;

    public IEnumerable<CaseRecord> Read(CancellationToken cancellationToken)
    {
        var name = System.IO.Path.GetFileName(Path);
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        var buffer = new byte[InitialBuffer];
        int start = 0, end = 0;
        long bufferOffset = 0, line = 0;
        var overlong = false;
        var eof = false;
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline < 0 && !eof)
            {
                if (end - start > MaxLineBytes)
                {
                    // Past the limit: drop what is held and keep dropping up to the end of the line.
                    overlong = true;
                    start = end;
                }
                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    bufferOffset += start;
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length)
                {
                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxLineBytes + InitialBuffer));
                }
                cancellationToken.ThrowIfCancellationRequested();
                var read = stream.Read(buffer, end, buffer.Length - end);
                eof = read == 0;
                end += read;
                continue;
            }
            if (newline < 0 && start == end && !overlong)
            {
                yield break;
            }
            var length = newline < 0 ? end - start : newline;
            var next = newline < 0 ? end : start + newline + 1;
            line++;
            var position = bufferOffset + next;
            if (overlong || length > MaxLineBytes)
            {
                overlong = false;
                yield return CaseRecord.Unreadable(line, position, new ImpactError($"{name}:{line}", $"line longer than {MaxLineBytes / (1024 * 1024)} MiB; not read"));
            }
            else if (Text(buffer.AsSpan(start, length), bufferOffset + start == 0) is { } json)
            {
                yield return CaseRecord.Text(line, position, $"{name}:{line}", json);
            }
            start = next;
        }
    }

    /// <summary>The line as text, without a byte order mark or carriage return; null when blank.</summary>
    private static string? Text(ReadOnlySpan<byte> line, bool firstInFile)
    {
        if (firstInFile && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }
        line = line.TrimEnd((byte)'\r');
        return line.Trim(" \t\r"u8).IsEmpty ? null : Encoding.UTF8.GetString(line);
    }
}
