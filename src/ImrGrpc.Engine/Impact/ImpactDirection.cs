namespace ImrGrpc.Engine.Impact;

public enum ImpactDirection
{
    /// <summary>Not certified before, certified now.</summary>
    NewlyCertified,
    /// <summary>Certified before, not now.</summary>
    NewlyDenied,
    /// <summary>Same certification, a different approvable quantity.</summary>
    QuantityChanged,
    /// <summary>Another determination (e.g. pended instead of denied) without a change in certification.</summary>
    DeterminationChanged,
    /// <summary>Same outcome, cited on different pages.</summary>
    CitationsChanged,
}
