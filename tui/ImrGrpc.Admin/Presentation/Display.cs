using System.Globalization;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Impact;
using ImrGrpc.Engine.Model;
using ImrGrpc.Engine.Validation;
using ImrGrpc.Storage;
using ImrGrpc.Storage.Editing;

namespace ImrGrpc.Admin.Presentation;

/// <summary>
/// How the admin spells dates, numbers, statuses, codes and outcomes, for the CLI and the TUI alike: the words of the
/// contract and the tables (recommended_course, post_surgical), never C# enum names.
/// </summary>
public static class Display
{
    public static string Iso(DateOnly date) => IsoDate.Write(date);

    /// <summary>The date, or <paramref name="none"/> when there is none.</summary>
    public static string Iso(DateOnly? date, string none = "") => IsoDate.Write(date) ?? none;

    /// <summary>A number for a table cell: "-" for none.</summary>
    public static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    public static string Status(VersionStatus status) => EnumNames.Name(EnumNames.Statuses, status);

    public static string ShortHash(string hash, int length = 8) => hash[..Math.Min(length, hash.Length)];

    public static string Window(VersionInfo v) => v.EffectiveFrom is { } from
        ? $"{Iso(from)}..{Iso(v.EffectiveTo, "open")}"
        : "(not in service)";

    /// <summary>A rule column's value in a table cell: "-" for none, lists comma separated, choices by their table name.</summary>
    public static string Cell(RuleColumn column, RuleRow row) => column.ValueOf(row) switch
    {
        null => "-",
        int number => Number(number),
        bool flag => flag ? "yes" : "no",
        DateOnly date => Iso(date),
        IReadOnlyList<string> list => string.Join(",", list),
        var value => (string)value,
    };

    /// <summary>The condition group a row is for: "(default)" for a treatment's default row, "-" for none.</summary>
    public static string Group(RuleRow row) => row.ConditionGroup ?? (row.IsDefault ? "(default)" : "-");

    /// <summary>A column's canonical JSON as diffs and the audit log show it: "(none)" where the column is absent.</summary>
    public static string OrNone(string canonical) => canonical.Length == 0 ? "(none)" : canonical;

    public static string Change(RowChange change) => change switch
    {
        RowChange.Added => "added",
        RowChange.Removed => "removed",
        _ => "changed",
    };

    public static string Severity(Severity severity) => severity == Engine.Validation.Severity.Error ? "error" : "warning";

    public static string Determination(Determination d) => d switch
    {
        Engine.Evaluation.Determination.MedicallyNecessary => "medically necessary",
        Engine.Evaluation.Determination.NotMedicallyNecessary => "not medically necessary",
        Engine.Evaluation.Determination.Modified => "modified",
        Engine.Evaluation.Determination.InsufficientInformation => "pended for information",
        _ => "physician review",
    };

    /// <summary>The determination in a word or two, for narrow table columns.</summary>
    public static string Brief(Determination d) => d switch
    {
        Engine.Evaluation.Determination.MedicallyNecessary => "certified",
        Engine.Evaluation.Determination.NotMedicallyNecessary => "not certified",
        Engine.Evaluation.Determination.Modified => "modified",
        Engine.Evaluation.Determination.InsufficientInformation => "pended",
        _ => "physician review",
    };

    /// <summary>The IMR outcome as the contract names it (IMR_OUTCOME_UPHELD), in lower case; "none" for a UR review.</summary>
    public static string Outcome(ImrOutcome outcome) => outcome switch
    {
        ImrOutcome.Upheld => "upheld",
        ImrOutcome.Overturned => "overturned",
        _ => "none",
    };

    /// <summary>The criterion's code in the contract ("recommended_course").</summary>
    public static string Criterion(CriterionCode code) => CriterionCodes.Code(code);

    public static string CriterionStatus(CriterionStatus s) => s switch
    {
        Engine.Evaluation.CriterionStatus.Met => "met",
        Engine.Evaluation.CriterionStatus.NotMet => "NOT MET",
        Engine.Evaluation.CriterionStatus.Unknown => "unknown",
        _ => "n/a",
    };

    /// <summary>Which way an item's decision moved; <paramref name="loud"/> (the CLI's report) capitalizes the flips that matter most.</summary>
    public static string Direction(ImpactDirection d, bool loud = false)
    {
        var words = d switch
        {
            ImpactDirection.NewlyCertified => "newly certified",
            ImpactDirection.NewlyDenied => "newly denied",
            ImpactDirection.QuantityChanged => "quantity",
            ImpactDirection.DeterminationChanged => "determination",
            _ => "citations",
        };
        return loud && d is ImpactDirection.NewlyCertified or ImpactDirection.NewlyDenied ? words.ToUpperInvariant() : words;
    }

    /// <summary>A refusal from the store as one line a user can act on.</summary>
    public static string Refusal(StoreException e) => e.Kind switch
    {
        StoreErrorKind.Unavailable => $"The store cannot be used: {e.Message}",
        _ => e.Message,
    };

    /// <summary>Cuts text to a width, marking the cut with "~".</summary>
    public static string Clip(string text, int width) => width <= 0 ? "" : text.Length <= width ? text : text[..Math.Max(0, width - 1)] + "~";
}
