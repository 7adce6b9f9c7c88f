namespace ImrGrpc.Contract.Mapping;

/// <summary>A problem with one field of a request, named by its path in the contract (e.g. "items[0].treatment").</summary>
public readonly record struct FieldProblem(string Field, string Description);
