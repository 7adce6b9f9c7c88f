namespace ImrGrpc.Engine.Model;

/// <summary>
/// A rule column holding an engine enum. Its boxed value is the enum's name in the tables ("post_surgical"), so JSON,
/// the editor and the CLI handle every choice column alike; <see cref="Get"/> gives the enum itself.
/// </summary>
public sealed class ChoiceColumn<TEnum> : RuleColumn
    where TEnum : struct, Enum
{
    private readonly IReadOnlyDictionary<string, TEnum> _names;
    private readonly Func<RuleRow, TEnum> _get;
    private readonly Func<RuleRow, TEnum, RuleRow> _with;
    private readonly string _default;

    internal ChoiceColumn(string name, int editOrder, string help, IReadOnlyDictionary<string, TEnum> names,
        Func<RuleRow, TEnum> get, Func<RuleRow, TEnum, RuleRow> with, TEnum @default)
        : base(name, ColumnKind.Choice, editOrder, help)
    {
        _names = names;
        _get = get;
        _with = with;
        _default = EnumNames.Name(names, @default);
        Choices = [.. names.Keys];
    }

    public override IReadOnlyList<string> Choices { get; }

    public override object? Default => _default;

    public TEnum Get(RuleRow row) => _get(row);

    public override object? ValueOf(RuleRow row) => EnumNames.Name(_names, _get(row));

    public override RuleRow WithValue(RuleRow row, object? value) =>
        value is string name && _names.TryGetValue(name, out var v)
            ? _with(row, v)
            : throw new ArgumentException($"{Name} is one of {string.Join(", ", Choices)}; got '{value}'", nameof(value));
}
