using System.Text.Json.Nodes;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Storage.Bundles;

/// <summary>
/// The one mapping between a rule row and its JSON form (bundles, stored documents, the content hash), column by column
/// from <see cref="RuleColumns.All"/>. A column is left out while it holds what its absence means, so adding a column
/// changes no existing content hash.
/// </summary>
public static class RuleJson
{
    /// <summary>
    /// The columns every row has carried from the first bundle on, written even at their default: the content hashes
    /// of everything published include them, so this list never grows.
    /// </summary>
    private static readonly HashSet<string> AlwaysWritten = new(StringComparer.Ordinal)
    {
        RuleColumns.Id.Name, RuleColumns.Role.Name, RuleColumns.Source.Name, RuleColumns.Phase.Name, RuleColumns.CareType.Name,
        RuleColumns.Confidence.Name,
    };

    public static JsonObject ToJson(RuleRow row)
    {
        // The always-written columns first, then the rest, each in column order: the key order `show --json` has always printed.
        var obj = new JsonObject();
        var rest = new List<(string Name, object? Value)>(RuleColumns.All.Count);
        foreach (var column in RuleColumns.All)
        {
            var value = column.ValueOf(row);
            if (AlwaysWritten.Contains(column.Name))
            {
                obj[column.Name] = Node(value);
            }
            else if (IsWritten(column, value, row))
            {
                rest.Add((column.Name, value));
            }
        }
        foreach (var (name, value) in rest)
        {
            obj[name] = Node(value);
        }
        return obj;
    }

    public static RuleRow FromJson(JsonObject obj, string path)
    {
        var fields = new JsonFieldReader(obj, path);
        var row = RuleColumns.Blank;
        foreach (var column in RuleColumns.All)
        {
            // Every column is read (an unknown key is an error), but a row is copied only for a value the blank row lacks.
            var value = Read(fields, column);
            if (!RuleColumn.SameValue(value, column.ValueOf(row)))
            {
                row = column.WithValue(row, value);
            }
        }
        fields.EnsureNoUnknownFields();
        return row;
    }

    /// <summary>
    /// A column is written unless it holds what leaving it out means (empty text counts as absent). The rounding of an
    /// initial course is written exactly when the course has a percentage, as it always has been.
    /// </summary>
    private static bool IsWritten(RuleColumn column, object? value, RuleRow row)
    {
        if (column == RuleColumns.InitialCourseRounding)
        {
            return RuleColumns.InitialCoursePercent.Get(row) is not null;
        }
        return value is string text && column.Kind != ColumnKind.Choice ? text.Length > 0 : !RuleColumn.SameValue(value, column.Default);
    }

    private static JsonNode? Node(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        int number => JsonValue.Create(number),
        bool flag => JsonValue.Create(flag),
        DateOnly date => JsonValue.Create(IsoDate.Write(date)),
        IReadOnlyList<string> list => new JsonArray([.. list.Select(v => (JsonNode?)JsonValue.Create(v))]),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a rule column value"),
    };

    private static object? Read(JsonFieldReader fields, RuleColumn column) => column.Kind switch
    {
        ColumnKind.Text when column.Required => fields.RequiredString(column.Name),
        ColumnKind.Text => fields.OptionalString(column.Name) ?? "",
        ColumnKind.Code => fields.OptionalString(column.Name),
        ColumnKind.Number => fields.OptionalInt(column.Name),
        ColumnKind.Flag => fields.Bool(column.Name),
        ColumnKind.Choice => fields.Choice(column.Name, column.Choices, (string)column.Default!),
        ColumnKind.List => fields.Strings(column.Name),
        ColumnKind.Date => fields.OptionalDate(column.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Kind, null),
    };
}
