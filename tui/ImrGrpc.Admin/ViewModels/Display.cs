using System.Globalization;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Impact;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>How the screens spell dates, numbers, statuses and outcomes, so every screen says them the same way.</summary>
public static class Display
{
    public static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    public static string Status(VersionStatus status) => EnumNames.Name(EnumNames.Statuses, status);

    public static string ShortHash(string hash) => hash[..Math.Min(8, hash.Length)];

    public static string Window(VersionInfo v) => v.EffectiveFrom is { } from
        ? $"{Iso(from)}..{(v.EffectiveTo is { } to ? Iso(to) : "open")}"
        : "(not in service)";

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

    public static string Direction(ImpactDirection d) => d switch
    {
        ImpactDirection.NewlyCertified => "newly certified",
        ImpactDirection.NewlyDenied => "newly denied",
        ImpactDirection.QuantityChanged => "quantity",
        ImpactDirection.DeterminationChanged => "determination",
        _ => "citations",
    };

    /// <summary>A refusal from the store as one line a user can act on.</summary>
    public static string Refusal(StoreException e) => e.Kind switch
    {
        StoreErrorKind.Unavailable => $"The store cannot be used: {e.Message}",
        _ => e.Message,
    };

    /// <summary>A column's canonical JSON as diffs and the audit log show it: "(none)" where the column is absent.</summary>
    public static string OrNone(string canonical) => canonical.Length == 0 ? "(none)" : canonical;

    public static string Clip(string text, int width) => width <= 0 ? "" : text.Length <= width ? text : text[..Math.Max(0, width - 1)] + "~";
}
