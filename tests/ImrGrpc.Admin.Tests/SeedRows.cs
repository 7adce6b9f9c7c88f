using ImrGrpc.Storage;

namespace ImrGrpc.Admin.Tests;

/// <summary>How many rows a seeded version holds, read from the shipped seed: tests must not break when a row is added.</summary>
internal static class SeedRows
{
    private static readonly Lazy<IReadOnlyDictionary<string, int>> Counts =
        new(() => SeedData.Load().Versions.ToDictionary(v => v.Id, v => v.Rules.Count));

    public static int Of(string versionId) => Counts.Value[versionId];
}
