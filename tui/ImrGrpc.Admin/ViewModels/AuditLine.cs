using System.Globalization;
using ImrGrpc.Admin.Presentation;
using ImrGrpc.Storage;

namespace ImrGrpc.Admin.ViewModels;

/// <summary>One audit entry as the log lists it.</summary>
public sealed record AuditLine(AuditEntry Entry)
{
    public string At => Entry.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    public string User => Entry.User;
    public string Action => Entry.Action;
    public string Version => Entry.VersionId ?? "";
    public string Rule => Entry.RuleId ?? "";
    public string Detail => Entry.Detail ?? string.Join("; ", Entry.Changes().Select(c => $"{c.Field} {Display.OrNone(c.Before)} -> {Display.OrNone(c.After)}"));
}
