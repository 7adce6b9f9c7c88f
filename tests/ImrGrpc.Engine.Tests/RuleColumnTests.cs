using System.Reflection;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Tests;

/// <summary>Every rule column is described once, and every description reads and writes the property it stands for.</summary>
public sealed class RuleColumnTests
{
    private static readonly MethodInfo Clone = typeof(RuleRow).GetMethod("<Clone>$")!;

    /// <summary>The properties a row is made of (the computed ones, IsMtus and the like, are not columns).</summary>
    private static IReadOnlyList<string> Declared { get; } =
        [.. typeof(RuleRow).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name)];

    public static TheoryData<string> Properties() => [.. Declared];

    /// <summary>A property without a descriptor would be silently dropped from bundles, diffs and the editor.</summary>
    [Theory]
    [MemberData(nameof(Properties))]
    public void Every_rule_row_property_has_exactly_one_column_that_reads_and_writes_it(string property)
    {
        var blank = RuleColumns.Blank;
        var changed = WithProperty(blank, typeof(RuleRow).GetProperty(property)!);

        var columns = RuleColumns.All.Where(c => !RuleColumn.SameValue(c.ValueOf(blank), c.ValueOf(changed))).ToList();

        Assert.True(columns.Count == 1,
            $"RuleRow.{property} is read by {columns.Count} columns ({string.Join(", ", columns)}); give it one descriptor in RuleColumns.All");
        Assert.Equal(changed, columns[0].WithValue(blank, columns[0].ValueOf(changed)));
    }

    [Fact]
    public void Column_names_are_unique_snake_case_and_listed_in_the_order_rule_row_declares_them()
    {
        Assert.Equal(RuleColumns.All.Count, RuleColumns.All.Select(c => c.Name).Distinct().Count());
        Assert.All(RuleColumns.All, c => Assert.Matches("^[a-z][a-z0-9_]*$", c.Name));
        Assert.All(RuleColumns.All, c => Assert.False(string.IsNullOrWhiteSpace(c.Help), $"{c.Name} has no help text"));
        var covered = RuleColumns.All.Select(c => Declared.Single(p => Covers(c, p))).ToList();
        Assert.Equal(Declared, covered);
    }

    [Fact]
    public void The_editor_lists_every_column_but_the_id_with_the_course_first()
    {
        Assert.Equal(RuleColumns.All.Count - 1, RuleColumns.Editable.Count);
        Assert.DoesNotContain(RuleColumns.Id, RuleColumns.Editable);
        Assert.Equal(["treatments", "condition_group", "body_regions", "phase", "min_visits", "max_visits"], RuleColumns.Editable.Take(6).Select(c => c.Name));
    }

    [Fact]
    public void Choice_columns_offer_the_tables_names_and_give_the_enum_back()
    {
        Assert.Equal(["any", "chronic", "acute", "post_surgical"], RuleColumns.Phase.Choices);
        var row = RuleColumns.Phase.WithValue(RuleColumns.Blank, "post_surgical");
        Assert.Equal(Phase.PostSurgical, RuleColumns.Phase.Get(row));
        Assert.Equal("post_surgical", RuleColumns.Phase.ValueOf(row));
        Assert.Throws<ArgumentException>(() => RuleColumns.Phase.WithValue(row, "sometimes"));
    }

    private static bool Covers(RuleColumn column, string property)
    {
        var blank = RuleColumns.Blank;
        return !RuleColumn.SameValue(column.ValueOf(blank), column.ValueOf(WithProperty(blank, typeof(RuleRow).GetProperty(property)!)));
    }

    /// <summary>A copy of the row with one property set to a value other than the one it holds, by reflection only.</summary>
    private static RuleRow WithProperty(RuleRow row, PropertyInfo property)
    {
        var copy = (RuleRow)Clone.Invoke(row, null)!;
        var current = property.GetValue(row);
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        object value = type switch
        {
            _ when type == typeof(string) => "sample",
            _ when type == typeof(int) => 7,
            _ when type == typeof(bool) => current is not true,
            _ when type == typeof(DateOnly) => new DateOnly(2004, 1, 1),
            _ when type == typeof(IReadOnlyList<string>) => new[] { "a", "b" },
            _ when type.IsEnum => Enum.GetValues(type).Cast<object>().First(v => !v.Equals(current)),
            _ => throw new InvalidOperationException($"RuleRow.{property.Name} has a type the test does not know: {type}"),
        };
        property.SetValue(copy, value);
        return copy;
    }
}
