namespace ImrGrpc.Engine.Model;

/// <summary>
/// One column of a rule row, described once: its name in the tables (bundles, diffs, the audit log, the editor, the
/// validator's messages), how it is typed, what it means, and how it is read from and set on a <see cref="RuleRow"/>.
/// Bundle JSON, the version diff, the editor's fields and the CLI's table all iterate <see cref="RuleColumns.All"/>, so
/// a new column is a new <see cref="RuleRow"/> property plus its descriptor.
/// </summary>
/// <remarks>
/// Values are boxed as their <see cref="Kind"/> says: <see cref="ColumnKind.Text"/> a string, <see cref="ColumnKind.Code"/>
/// a string or null, <see cref="ColumnKind.Number"/> an int or null, <see cref="ColumnKind.Flag"/> a bool,
/// <see cref="ColumnKind.Choice"/> the value's name in the tables, <see cref="ColumnKind.List"/> a list of strings,
/// <see cref="ColumnKind.Date"/> a <see cref="DateOnly"/> or null.
/// </remarks>
public abstract class RuleColumn
{
    private protected RuleColumn(string name, ColumnKind kind, int editOrder, string help)
    {
        Name = name;
        Kind = kind;
        EditOrder = editOrder;
        Help = help;
    }

    /// <summary>The column's name in the tables ("max_visits").</summary>
    public string Name { get; }

    public ColumnKind Kind { get; }

    /// <summary>What the column means, in a line (the editor shows it beside the value).</summary>
    public string Help { get; }

    /// <summary>
    /// Where the edit screen lists the column, lower first: what selects the row and its course come before the
    /// citation and provenance, whatever order the row declares them in. Steps of ten leave room for new columns.
    /// </summary>
    public int EditOrder { get; }

    /// <summary>Which known codes the column's values must come from (none for free text and row ids).</summary>
    public CodeSet Codes { get; init; }

    /// <summary>A row without it is not a row (the id, the guideline cited).</summary>
    public bool Required { get; init; }

    /// <summary>The column that names the row: rows are matched by it, so it is never edited as a value.</summary>
    public bool IsKey { get; init; }

    /// <summary>For numbers: the smallest value that makes sense (counts are never negative).</summary>
    public int Minimum { get; init; }

    /// <summary>For numbers: the largest value that makes sense, if any (100 for a percentage).</summary>
    public int? Maximum { get; init; }

    /// <summary>For choices: every name the column accepts, in the tables' order.</summary>
    public virtual IReadOnlyList<string> Choices => [];

    /// <summary>What the column holds when the tables leave it out.</summary>
    public abstract object? Default { get; }

    /// <summary>The column's value on a row, boxed as <see cref="Kind"/> says.</summary>
    public abstract object? ValueOf(RuleRow row);

    /// <summary>The row with this column set to a value boxed as <see cref="Kind"/> says.</summary>
    public abstract RuleRow WithValue(RuleRow row, object? value);

    /// <summary>Whether the row holds what an absent column means.</summary>
    public bool HasDefault(RuleRow row) => SameValue(ValueOf(row), Default);

    /// <summary>Value equality for boxed column values (lists compare item by item).</summary>
    public static bool SameValue(object? a, object? b) =>
        a is IReadOnlyList<string> x && b is IReadOnlyList<string> y ? x.SequenceEqual(y, StringComparer.Ordinal) : Equals(a, b);

    public override string ToString() => Name;
}
