namespace ImrGrpc.Engine.Model;

/// <summary>
/// What change between two function snapshots counts as clinically significant under 8 CCR 9792.20(f) / (e). The
/// regulation names the measures (activities of daily living, work restrictions, dependency on continued medical
/// treatment) but no sizes, so the sizes are a reading: an editor sets them on the functional_improvement_definition
/// principle row, and these defaults apply where the row leaves them empty. A work-status step and one opioid agent
/// fewer are whole units and always count.
/// </summary>
public sealed record FunctionThresholds
{
    public static readonly FunctionThresholds Default = new();

    /// <summary>More working hours a day that count as fewer restrictions (default 1).</summary>
    public int MinWorkHoursGain { get; init; } = 1;

    /// <summary>A higher lifting limit, in pounds, that counts as fewer restrictions (default 5).</summary>
    public int MinLiftingGainLb { get; init; } = 5;

    /// <summary>A lower morphine-equivalent dose, in percent, that counts as less dependence (default 10).</summary>
    public int MinMedReductionPercent { get; init; } = 10;

    public static FunctionThresholds From(RuleRow? definition) => definition is null ? Default : new()
    {
        MinWorkHoursGain = definition.FiMinWorkHoursGain ?? Default.MinWorkHoursGain,
        MinLiftingGainLb = definition.FiMinLiftingGainLb ?? Default.MinLiftingGainLb,
        MinMedReductionPercent = definition.FiMinMedReductionPercent ?? Default.MinMedReductionPercent,
    };
}
