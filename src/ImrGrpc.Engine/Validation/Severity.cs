namespace ImrGrpc.Engine.Validation;

public enum Severity
{
    /// <summary>Blocks publishing (and saving the row in the editor).</summary>
    Error = 0,
    /// <summary>Shown to the editor; does not block.</summary>
    Warning = 1,
}
