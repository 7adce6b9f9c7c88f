using System.Globalization;
using System.Security.Cryptography;

using System.Text.Json;
using ImrGrpc.Storage.Documents;

namespace ImrGrpc.Storage;

/// <summary>What <c>audit --verify</c> found.</summary>
public sealed record AuditVerification(int Entries, int Chained, int Unchained, IReadOnlyList<string> Problems)
{
    public bool Intact => Problems.Count == 0;
}

/// <summary>The hash chain over the audit log: each entry's hash covers the previous entry's hash and all of its own fields.</summary>
public static class AuditChain
{
    public static string HashOf(AuditDocument e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteStringValue(e.PreviousHash ?? "");
            json.WriteStringValue(e.At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            foreach (var field in new[] { e.User, e.Action, e.VersionId, e.RuleId, e.Before, e.After, e.Detail })
            {
                if (field is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStringValue(field);
                }
            }
            json.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>Walks the log in order: every chained entry must hash to its hash and name the one before it.</summary>
    public static AuditVerification Verify(IEnumerable<AuditDocument> entriesInOrder)
    {
        var problems = new List<string>();
        string? previous = null;
        int count = 0, chained = 0, unchained = 0;
        foreach (var e in entriesInOrder)
        {
            count++;
            if (e.Hash is null)
            {
                if (previous is not null)
                {
                    problems.Add($"entry {e.Id} ({e.Action} by {e.User}) has no hash, after chained entries: it was added or altered outside ImrGrpc");
                }
                unchained++;
                continue;
            }
            chained++;
            if (!string.Equals(HashOf(e), e.Hash, StringComparison.Ordinal))
            {
                problems.Add($"entry {e.Id} ({e.Action} by {e.User} at {e.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z) does not match its hash: it was changed after it was written");
            }
            if (!string.Equals(e.PreviousHash ?? "", previous ?? "", StringComparison.Ordinal) && !(previous is null && unchained > 0 && e.PreviousHash == ""))
            {
                problems.Add($"entry {e.Id} does not follow the entry before it: an entry was removed or inserted there");
            }
            previous = e.Hash;
        }
        return new AuditVerification(count, chained, unchained, problems);
    }

}
