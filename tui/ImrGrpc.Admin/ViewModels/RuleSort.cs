namespace ImrGrpc.Admin.ViewModels;

public enum RuleSort
{
    Id,
    Source,
    Treatment,
    Group,
    Phase,
    Max,
    Confidence,
}
