namespace ImrGrpc.Admin.Application;

/// <summary>Where an impact replay takes its cases from: a file streamed line by line, or a corpus held in memory.</summary>
public interface ICaseSource
{
    /// <summary>Where the cases come from, as a report names it (a path, or "the built-in ... cases").</summary>
    string Source { get; }

    /// <summary>The size progress is counted against: bytes for a streamed file, cases for a corpus in memory.</summary>
    long Length { get; }

    /// <summary>Whether <see cref="Length"/> counts bytes of a file read as it goes (else cases already in memory).</summary>
    bool Streamed { get; }

    /// <summary>The cases in order, read as they are asked for.</summary>
    IEnumerable<CaseRecord> Read(CancellationToken cancellationToken);
}
