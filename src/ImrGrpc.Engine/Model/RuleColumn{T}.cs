namespace ImrGrpc.Engine.Model;

/// <summary>A rule column whose value is a <typeparamref name="T"/> as <see cref="RuleRow"/> holds it.</summary>
public sealed class RuleColumn<T> : RuleColumn
{
    private readonly Func<RuleRow, T> _get;
    private readonly Func<RuleRow, T, RuleRow> _with;
    private readonly T _default;

    internal RuleColumn(string name, ColumnKind kind, int editOrder, string help, Func<RuleRow, T> get, Func<RuleRow, T, RuleRow> with, T @default)
        : base(name, kind, editOrder, help)
    {
        _get = get;
        _with = with;
        _default = @default;
    }

    public override object? Default => _default;

    public T Get(RuleRow row) => _get(row);

    public RuleRow With(RuleRow row, T value) => _with(row, value);

    public override object? ValueOf(RuleRow row) => _get(row);

    public override RuleRow WithValue(RuleRow row, object? value) => _with(row, (T)value!);
}
