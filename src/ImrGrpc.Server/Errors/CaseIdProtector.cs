using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ImrGrpc.Server.Errors;

/// <summary>How the call log shows the caller's case id ("Logging" section).</summary>
public sealed class CallLogOptions
{
    public const string Section = "Logging";

    /// <summary>Minimum length of a configured key: shorter ones can be guessed, and with them the case ids.</summary>
    public const int MinKeyLength = 16;

    /// <summary>
    /// The HMAC key for case ids in the log. Set it (the same on every replica) to correlate one case's calls across
    /// restarts and replicas; unset, each process draws a random key and hashes only correlate within it.
    /// </summary>
    public string? CaseIdKey { get; set; }

    /// <summary>Logs case ids as sent. Callers put names and dates of birth into case ids, so this is opt-in.</summary>
    public bool CaseIdInClear { get; set; }
}

/// <summary>
/// Turns the caller's case id into what the log may carry: by default a keyed hash (HMAC-SHA256, 16 hex digits),
/// which lets an operator find every call of one case without the log ever holding the id itself.
/// </summary>
public sealed class CaseIdProtector
{
    private readonly byte[]? _key;

    public CaseIdProtector(IOptions<CallLogOptions> options)
    {
        var o = options.Value;
        _key = o.CaseIdInClear ? null : o.CaseIdKey is { Length: > 0 } configured ? Encoding.UTF8.GetBytes(configured) : RandomNumberGenerator.GetBytes(32);
    }

    public string ForLog(string? caseId)
    {
        if (string.IsNullOrEmpty(caseId))
        {
            return "-";
        }
        return _key is null ? Clear(caseId) : Hashed(caseId, _key);
    }

    /// <summary>The hash an operator computes to find a case in the log (with the configured key).</summary>
    public static string Hashed(string caseId, byte[] key)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(caseId), mac);
        return "h:" + Convert.ToHexStringLower(mac[..8]);
    }

    /// <summary>Cut short and stripped of anything that could forge or break a log line.</summary>
    private static string Clear(string id)
    {
        Span<char> buffer = stackalloc char[Math.Min(id.Length, 64)];
        for (var i = 0; i < buffer.Length; i++)
        {
            var c = id[i];
            buffer[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' ? c : '_';
        }
        return new string(buffer);
    }
}
