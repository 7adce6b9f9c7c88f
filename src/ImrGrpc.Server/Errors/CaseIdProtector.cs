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

    // One keyed HMAC per thread, reset after each id. HMACSHA256.HashData sets the key up again on every call, and
    // through OpenSSL 3 that meant fetching the digest under the library's shared locks: 2-3 us per logged call on
    // two busy cores, against under 1 us reused (docs/PERFORMANCE.md, "Fifth pass"). Per instance, not one per
    // thread and type like the engine's ThreadKept, because each protector has its own key. Values are not tracked:
    // a pool thread that exits takes its hash with it (its handle's finalizer frees the OpenSSL context), instead
    // of the list keeping every thread's. Nothing is disposed by hand either: the protector lives as long as the
    // server, and a call still logging while the host shuts down must not find its hash disposed under it.
    private readonly ThreadLocal<IncrementalHash>? _macs;

    public CaseIdProtector(IOptions<CallLogOptions> options)
    {
        var o = options.Value;
        _key = o.CaseIdInClear ? null : o.CaseIdKey is { Length: > 0 } configured ? Encoding.UTF8.GetBytes(configured) : RandomNumberGenerator.GetBytes(32);
        if (_key is not null)
        {
            _macs = new(NewMac);
        }
    }

    private IncrementalHash NewMac() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key!);

    public string ForLog(string? caseId)
    {
        if (string.IsNullOrEmpty(caseId))
        {
            return "-";
        }
        if (_macs is null)
        {
            return Clear(caseId);
        }
        var mac = _macs.Value!;
        try
        {
            return Hashed(caseId, mac);
        }
        catch
        {
            // A hash that failed half-way may hold the id's bytes; the thread's next id gets a fresh one.
            _macs.Value = NewMac();
            throw;
        }
    }

    /// <summary>The hash an operator computes to find a case in the log (with the configured key).</summary>
    public static string Hashed(string caseId, byte[] key)
    {
        using var mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        return Hashed(caseId, mac);
    }

    private static string Hashed(string caseId, IncrementalHash mac)
    {
        mac.AppendData(Encoding.UTF8.GetBytes(caseId));
        Span<byte> digest = stackalloc byte[32];
        mac.GetHashAndReset(digest);
        return "h:" + Convert.ToHexStringLower(digest[..8]);
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
