namespace ImrGrpc.Engine.Compilation;

/// <summary>Why no version could be chosen for a request.</summary>
public enum GuidelineResolutionError
{
    /// <summary>No published version's window contains the request date.</summary>
    NoneInForce,
    /// <summary>The pinned version id is not published.</summary>
    NotFound,
}
