namespace ImrGrpc.LoadTest.Calls;

/// <summary>Turns --requests values (files, directories, wildcards in the file name) into an ordered list of files.</summary>
internal static class RequestFiles
{
    public static IReadOnlyList<string> Resolve(IEnumerable<string> specs)
    {
        var files = new List<string>();
        foreach (var spec in specs)
        {
            files.AddRange(ResolveOne(spec));
        }

        return files;
    }

    private static IEnumerable<string> ResolveOne(string spec)
    {
        if (Directory.Exists(spec))
        {
            return Matching(spec, "*.json", $"directory {spec} holds no *.json files");
        }

        if (spec.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            var directory = Path.GetDirectoryName(spec);
            directory = string.IsNullOrEmpty(directory) ? "." : directory;
            if (directory.AsSpan().IndexOfAny('*', '?') >= 0)
            {
                throw new RequestFileException($"{spec}: wildcards are allowed in the file name only");
            }

            if (!Directory.Exists(directory))
            {
                throw new RequestFileException($"{spec}: no such directory {directory}");
            }

            return Matching(directory, Path.GetFileName(spec), $"{spec} matches no files");
        }

        return File.Exists(spec) ? [spec] : throw new RequestFileException($"{spec}: no such file");
    }

    private static string[] Matching(string directory, string pattern, string whenNone)
    {
        // Sorted so that the round-robin order, and so a run, is the same on every machine.
        var files = Directory.GetFiles(directory, pattern, SearchOption.TopDirectoryOnly);
        Array.Sort(files, StringComparer.Ordinal);
        return files.Length > 0 ? files : throw new RequestFileException(whenNone);
    }
}
