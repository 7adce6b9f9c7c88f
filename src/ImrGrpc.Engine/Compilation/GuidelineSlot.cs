using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Compilation;

/// <summary>
/// One published version in a library: its identity and window at once, its compiled form on first use (or when the
/// host warms it). Compiling is a pure function of the version's content, so doing it lazily changes no answer.
/// </summary>
public sealed class GuidelineSlot
{
    private readonly Lazy<CompiledGuideline> _compiled;

    public GuidelineSlot(VersionInfo version, Func<CompiledGuideline> compile)
    {
        Version = version;
        _compiled = new Lazy<CompiledGuideline>(compile, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public GuidelineSlot(CompiledGuideline compiled)
        : this(compiled.Version, () => compiled) => _ = _compiled.Value;

    public VersionInfo Version { get; }

    public CompiledGuideline Compiled => _compiled.Value;

    public bool IsCompiled => _compiled.IsValueCreated;
}
