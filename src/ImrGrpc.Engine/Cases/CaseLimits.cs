namespace ImrGrpc.Engine.Cases;

/// <summary>
/// How large a case the engine decides. The engine relies on these (arithmetic on quantities, the size of an item's
/// trace) and checks them itself (<see cref="CaseChecker"/>); the contract layer refuses larger requests with the same
/// numbers before mapping them.
/// </summary>
public static class CaseLimits
{
    public const int MaxItems = 100;
    public const int MaxPriorTreatments = 200;
    public const int MaxDiagnoses = 50;
    public const int MaxRegions = 20;
    public const int MaxCitedGuidelines = 20;
    public const int MaxIdLength = 128;
    public const int MaxCodeLength = 64;
    public const int MaxTextLength = 1000;
    public const int MaxQuantity = 365;
}
