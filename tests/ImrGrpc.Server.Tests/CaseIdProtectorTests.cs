using System.Security.Cryptography;
using System.Text;
using ImrGrpc.Server.Errors;
using Microsoft.Extensions.Options;

namespace ImrGrpc.Server.Tests;

/// <summary>
/// The call log's case ids are the HMAC an operator computes with the configured key, whatever the protector's
/// reused per-thread hashes have seen before, on whichever thread, and whichever other key another protector holds.
/// </summary>
public sealed class CaseIdProtectorTests
{
    private const string Key = "0123456789abcdef-log-key";

    private static string Expected(string caseId, string key) =>
        "h:" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(caseId))[..8]);

    private static CaseIdProtector Protector(string? key = Key, bool clear = false) =>
        new(Options.Create(new CallLogOptions { CaseIdKey = key, CaseIdInClear = clear }));

    private static readonly string[] SomeIds =
    [
        "CM13-0012345",
        "x",
        "Ünïcødé 案件 🩺",
        "lone \ud800 surrogate",
        new string('a', 128),
        new string('é', 300), // 600 bytes: past the stack buffer
        new string('z', 5000),
    ];

    public static TheoryData<string> Ids() => new(SomeIds);

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_case_id_is_logged_as_the_keyed_hash_an_operator_computes(string caseId)
    {
        var protector = Protector();
        Assert.Equal(Expected(caseId, Key), protector.ForLog(caseId));
        Assert.Equal(Expected(caseId, Key), CaseIdProtector.Hashed(caseId, Encoding.UTF8.GetBytes(Key)));
    }

    [Fact]
    public void Each_id_is_hashed_alone_however_many_came_before_it_on_the_thread()
    {
        var protector = Protector();
        var ids = SomeIds;
        for (var round = 0; round < 3; round++)
        {
            foreach (var id in round % 2 == 0 ? ids : ids.AsEnumerable().Reverse())
            {
                Assert.Equal(Expected(id, Key), protector.ForLog(id));
            }
        }
    }

    [Fact]
    public void Two_protectors_on_one_thread_keep_their_own_keys()
    {
        const string otherKey = "another-key-of-16+-chars";
        var first = Protector();
        var second = Protector(otherKey);
        Assert.Equal(Expected("CM13-1", Key), first.ForLog("CM13-1"));
        Assert.Equal(Expected("CM13-1", otherKey), second.ForLog("CM13-1"));
        Assert.Equal(Expected("CM13-2", Key), first.ForLog("CM13-2"));
        Assert.NotEqual(first.ForLog("CM13-3"), second.ForLog("CM13-3"));
    }

    [Fact]
    public void Threads_logging_at_once_each_get_the_right_hash()
    {
        var protector = Protector();
        var wrong = 0;
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var id = $"CM{i:D6}";
            if (protector.ForLog(id) != Expected(id, Key))
            {
                Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Without_a_key_the_id_is_logged_in_clear_only_when_asked_and_then_defanged()
    {
        var clear = Protector(key: null, clear: true);
        Assert.Equal("CM13-1_x_y", clear.ForLog("CM13-1\nx y"));
        Assert.Equal("-", clear.ForLog(""));

        var random = Protector(key: null);
        var hashed = random.ForLog("CM13-1");
        Assert.StartsWith("h:", hashed);
        Assert.Equal(hashed, random.ForLog("CM13-1"));
        var another = Protector(key: null);
        Assert.NotEqual(hashed, another.ForLog("CM13-1"));
    }
}
