using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage;

namespace ImrGrpc.Engine.Tests;

/// <summary>The shipped seed tables, compiled, for tests that pin the rule families to the real rows.</summary>
internal static class SeedBook
{
    private static readonly Lazy<IReadOnlyDictionary<string, CompiledGuideline>> Versions = new(() =>
        SeedData.Load().Versions.ToDictionary(
            v => v.Id,
            v => GuidelineCompiler.Compile(new GuidelineBook(
                new VersionInfo
                {
                    Id = v.Id, Label = v.Label, EffectiveFrom = v.EffectiveFrom, EffectiveTo = v.EffectiveTo,
                    Status = VersionStatus.Published, ContentHash = v.ContentHash,
                },
                v.Catalog,
                v.Rules))));

    public static CompiledGuideline Mtus2009 => Versions.Value["mtus-2009"];


    public static CompiledGuideline Version(string id) => Versions.Value[id];
}
