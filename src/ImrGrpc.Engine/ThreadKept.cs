namespace ImrGrpc.Engine;

/// <summary>
/// One reusable object of a kind kept per thread between calls on the request path (the engine's trace buffers, the
/// letter's builder): taking it is one thread-local read instead of an allocation or a shared pool's rent and return.
/// It is taken out while in use, so a nested or concurrent user on the same thread finds none and makes its own; what
/// is given back is kept only if the owner says it is worth keeping (not grown far beyond a typical call).
/// </summary>
internal static class ThreadKept<T> where T : class
{
    [ThreadStatic]
    private static T? _kept;

    /// <summary>The thread's kept object, now the caller's, or null when there is none.</summary>
    public static T? Take()
    {
        var kept = _kept;
        _kept = null;
        return kept;
    }

    /// <summary>Keeps the object for the thread's next caller; the caller must not use it again.</summary>
    public static void Keep(T value) => _kept = value;
}
