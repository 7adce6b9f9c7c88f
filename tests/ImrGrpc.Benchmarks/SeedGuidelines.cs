using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage;

namespace ImrGrpc.Benchmarks;

/// <summary>The seed bundle's versions as rule books, loaded once per process (parsing and hashing are not what is measured).</summary>
public static class SeedGuidelines
{
    private static readonly Lazy<IReadOnlyList<GuidelineBook>> s_books = new(Load);

    public static IReadOnlyList<GuidelineBook> Books => s_books.Value;

    public static IEnumerable<string> VersionIds => Books.Select(b => b.Version.Id);

    public static GuidelineBook Book(string versionId) =>
        Books.SingleOrDefault(b => b.Version.Id == versionId)
        ?? throw new InvalidOperationException($"the seed bundle has no version '{versionId}'");

    public static GuidelineBook BookInForceOn(DateOnly date) =>
        Books.SingleOrDefault(b => b.Version.IsInForceOn(date))
        ?? throw new InvalidOperationException($"no seed version is in force on {date:yyyy-MM-dd}");

    /// <summary>The version in force on the request date, compiled: what the server would hold in memory for it.</summary>
    public static CompiledGuideline CompileInForceOn(DateOnly date) => GuidelineCompiler.Compile(BookInForceOn(date));

    private static IReadOnlyList<GuidelineBook> Load() =>
        SeedData.Load().Versions
            .Select(v => new GuidelineBook(
                new VersionInfo
                {
                    Id = v.Id,
                    Label = v.Label,
                    EffectiveFrom = v.EffectiveFrom,
                    EffectiveTo = v.EffectiveTo,
                    Status = VersionStatus.Published,
                    ContentHash = v.ContentHash,
                },
                v.Catalog,
                v.Rules))
            .ToArray();
}
