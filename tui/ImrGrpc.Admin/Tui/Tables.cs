using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ImrGrpc.Admin.Tui;

/// <summary>The table setup every screen shares: whole-row selection, a header, and helpers to read and keep the selection.</summary>
internal static class Tables
{
    public static TableView Create() => new()
    {
        X = 0,
        Width = Dim.Fill(),
        FullRowSelect = true,
        MultiSelect = false,
        CanFocus = true,
        Style = new TableStyle
        {
            ShowHorizontalHeaderOverline = false,
            ShowHorizontalBottomLine = false,
            ShowVerticalCellLines = false,
            ShowVerticalHeaderLines = false,
            ExpandLastColumn = true,
            AlwaysShowHeaders = true,
        },
    };

    /// <summary>Shows rows in a table, keeping the selected row index where it can.</summary>
    public static void Show<T>(TableView table, IReadOnlyList<T> rows, Dictionary<string, Func<T, object>> columns, int select = -1,
        params (int Column, int Min, int Max)[] widths)
    {
        var keep = select >= 0 ? select : SelectedRow(table);
        foreach (var (column, min, max) in widths)
        {
            Width(table, column, min, max);
        }
        table.Table = new EnumerableTableSource<T>(rows, columns);
        if (rows.Count > 0)
        {
            table.SetSelection(0, Math.Clamp(keep, 0, rows.Count - 1), false, null);
            // Before the first layout this would fix every column at its header's width.
            if (table.Viewport.Width > 0)
            {
                table.EnsureCursorIsVisible();
            }
        }
        table.SetNeedsDraw();
    }

    public static int SelectedRow(TableView table) => table.Value?.SelectedCell.Y ?? -1;

    public static void Width(TableView table, int column, int min, int max)
    {
        var style = table.Style.GetOrCreateColumnStyle(column);
        style.MinWidth = min;
        style.MaxWidth = max;
    }

    /// <summary>Colors whole rows (low confidence, changed fields) from a predicate on the row index.</summary>
    public static void ColorRows(TableView table, Func<int, Func<Scheme, Scheme>?> pick) =>
        table.Style.RowColorGetter = args => pick(args.RowIndex) is { } f ? f(table.GetScheme()) : null;
}
