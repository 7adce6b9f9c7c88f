namespace ImrGrpc.Engine.Model;

/// <summary>
/// Which version is in force on a date: the one answer the server's library, the store's publish plan and the admin
/// tools all use. Only a published version is in force, on the days of its window; windows of published versions never
/// overlap, so at most one matches, and were two ever to, the one that started last wins.
/// </summary>
public static class VersionWindows
{
    /// <summary>
    /// The version in force on <paramref name="date"/> among <paramref name="oldestFirst"/> (ordered by the first day of
    /// their window; drafts, which have none, anywhere), or null. Reads only each version's <see cref="VersionInfo"/>, and
    /// walks back from the newest window, so the usual question (a recent date) is answered at once.
    /// </summary>
    public static T? InForceOn<T>(IReadOnlyList<T> oldestFirst, Func<T, VersionInfo> info, DateOnly date)
        where T : class
    {
        for (var i = oldestFirst.Count - 1; i >= 0; i--)
        {
            var version = info(oldestFirst[i]);
            if (version.Status == VersionStatus.Published && version.IsInForceOn(date))
            {
                return oldestFirst[i];
            }
        }
        return null;
    }
}
