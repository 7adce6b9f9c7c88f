using System.Collections.Frozen;
using ImrGrpc.Contract.Mapping;
using ImrGrpc.Engine.Compilation;

namespace ImrGrpc.Server.Snapshots;

/// <summary>
/// What the request path reads: the guideline library and, per version, the response parts built from it once (on the
/// version's first use). Immutable and replaced whole with the library, so nothing on the request path is shared
/// mutable state and a reload never mixes one library's versions with another's messages.
/// </summary>
public sealed class ServedLibrary
{
    private readonly FrozenDictionary<string, Lazy<ResponseParts>> _parts;

    public ServedLibrary(GuidelineLibrary library)
    {
        Library = library;
        _parts = library.Slots.ToFrozenDictionary(
            slot => slot.Version.Id,
            slot => new Lazy<ResponseParts>(() => new ResponseParts(slot.Compiled), LazyThreadSafetyMode.ExecutionAndPublication),
            StringComparer.Ordinal);
    }

    public static ServedLibrary Empty { get; } = new(GuidelineLibrary.Empty);

    public GuidelineLibrary Library { get; }

    /// <summary>The response parts of a version of this library (the one a decision was made under).</summary>
    public ResponseParts PartsFor(CompiledGuideline guideline) =>
        _parts.TryGetValue(guideline.Version.Id, out var parts) && ReferenceEquals(parts.Value.Guideline, guideline)
            ? parts.Value
            : throw new InvalidOperationException($"version {guideline.Version.Id} is not one of this library's");
}
