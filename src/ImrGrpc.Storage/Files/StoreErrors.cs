namespace ImrGrpc.Storage.Files;

/// <summary>One-line, user-facing wording of file-system failures.</summary>
public static partial class StoreErrors
{
    private const int NoSpaceHResult = 28;       // ENOSPC as .NET reports it on Unix
    private const int QuotaHResult = 122;        // EDQUOT
    private const int ReadOnlyFsHResult = 30;    // EROFS

    /// <summary>The message of an exception on one line, saying plainly when the disk is full or read-only.</summary>
    public static string OneLine(Exception e)
    {
        var errno = e.HResult & 0xFFFF;
        if (e is IOException && errno is NoSpaceHResult or QuotaHResult)
        {
            return "no space left on device";
        }
        if (e is IOException && errno is ReadOnlyFsHResult)
        {
            return "read-only file system";
        }
        return OneLine(e.Message);
    }

    /// <summary>Whether a write failed because the disk (or quota) is full.</summary>
    public static bool IsDiskFull(Exception e) => e is IOException && (e.HResult & 0xFFFF) is NoSpaceHResult or QuotaHResult;

    public static string OneLine(string message) =>
        // LiteDB leaves some of its messages' format placeholders unfilled ("invalid segment position in index footer: {0}/{1}").
        UnfilledPlaceholders().Replace(message.ReplaceLineEndings(" "), "").Trim();

    [System.Text.RegularExpressions.GeneratedRegex(@"[:\s]*\{\d+\}(?:\s*/\s*\{\d+\})*")]
    private static partial System.Text.RegularExpressions.Regex UnfilledPlaceholders();
}
