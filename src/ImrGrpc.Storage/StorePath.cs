namespace ImrGrpc.Storage;

/// <summary>
/// The canonical path of a store file: absolute, with every symbolic link resolved. LiteDB's shared mode names its
/// cross-process lock after the path, so two processes must open the file by the same name to share the lock.
/// </summary>
public static class StorePath
{
    public static string Canonicalize(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(ExpandHome(path));
        var directory = Path.GetDirectoryName(full) ?? full;
        var resolvedDirectory = ResolveDirectory(directory);
        var candidate = Path.Combine(resolvedDirectory, Path.GetFileName(full));
        var info = new FileInfo(candidate);
        if (info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
        {
            return Canonicalize(target.FullName);
        }
        return candidate;
    }

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : "")
            : path;

    /// <summary>Resolves links in every component of an absolute directory path, as far as it exists.</summary>
    private static string ResolveDirectory(string directory)
    {
        var root = Path.GetPathRoot(directory) ?? "/";
        var current = root;
        foreach (var part in directory[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new DirectoryInfo(current);
            if (info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                current = ResolveDirectory(target.FullName);
            }
        }
        return current;
    }
}
