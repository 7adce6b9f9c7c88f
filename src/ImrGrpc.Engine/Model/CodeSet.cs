namespace ImrGrpc.Engine.Model;

/// <summary>Which list of known codes a rule column draws from, so a code nobody knows is caught wherever it is typed.</summary>
public enum CodeSet
{
    None,
    Treatment,
    BodyRegion,
    ConditionGroup,
    Procedure,
    Principle,
}
