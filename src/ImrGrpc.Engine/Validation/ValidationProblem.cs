namespace ImrGrpc.Engine.Validation;

/// <summary>One problem with a rule book: where (row and column, or catalog entry) and what is wrong, in words.</summary>
public sealed record ValidationProblem(Severity Severity, string? RuleId, string? Field, string Message)
{
    public override string ToString() =>
        $"{(Severity == Severity.Error ? "error" : "warning")}: {(RuleId is null ? "" : $"{RuleId}")}{(Field is null ? "" : $".{Field}")}{(RuleId is null && Field is null ? "" : ": ")}{Message}";
}
