using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using ImrGrpc.Server.Errors;
using Microsoft.Extensions.Options;

namespace ImrGrpc.Benchmarks;

/// <summary>
/// The two hashes every EvaluateRequest pays for, one-shot against a context kept per thread (as served since the fifth
/// pass): SHA-256 over a seed-sized decision-id input, and the call log's HMAC-SHA256 of a case id. On one thread this
/// shows OpenSSL's per-call set-up; on two busy cores the one-shot calls also contend for OpenSSL's shared locks, which
/// this does not show (docs/PERFORMANCE.md, "Fifth pass").
/// </summary>
[MemoryDiagnoser]
public class HashingBenchmarks
{
    private readonly byte[] _input = new byte[700];
    private readonly byte[] _key = Encoding.UTF8.GetBytes("benchmark-case-id-key");
    private readonly byte[] _digest = new byte[32];
    private IncrementalHash _sha = null!;
    private CaseIdProtector _protector = null!;

    [GlobalSetup]
    public void Setup()
    {
        new Random(7).NextBytes(_input);
        _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        _protector = new CaseIdProtector(Options.Create(new CallLogOptions { CaseIdKey = Encoding.UTF8.GetString(_key) }));
    }

    [GlobalCleanup]
    public void Cleanup() => _sha.Dispose();

    [Benchmark(Baseline = true)]
    public int Sha256OneShot() => SHA256.HashData(_input, _digest);

    [Benchmark]
    public int Sha256Reused()
    {
        _sha.AppendData(_input);
        return _sha.GetHashAndReset(_digest);
    }

    [Benchmark]
    public string CaseIdHmacOneShot()
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("CM13-0012345"), mac);
        return "h:" + Convert.ToHexStringLower(mac[..8]);
    }

    [Benchmark]
    public string CaseIdHmacReused() => _protector.ForLog("CM13-0012345");
}
