namespace ImrGrpc.Storage;

/// <summary>
/// Text that goes into the audit log (user names, labels, details) must read as what it is: a control character or a
/// line break could forge a second entry in any line-oriented view of the log, so it is refused, not cleaned.
/// </summary>
public static class AuditText
{
    public const int MaxLength = 200;

    public static void RequireClean(string? text, string what)
    {
        if (text is null)
        {
            return;
        }
        if (text.Length > MaxLength && what is "user name")
        {
            throw new StoreException(StoreErrorKind.Invalid, $"the {what} is {text.Length} characters; at most {MaxLength}");
        }
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
            {
                throw new StoreException(StoreErrorKind.Invalid,
                    $"the {what} contains a control character or line break (U+{(int)c:X4}); audited text must be one plain line");
            }
        }
    }
}
