using System.Buffers;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Imr.V1;
using ImrGrpc.Contract.Mapping;
using Xunit.Abstractions;

namespace ImrGrpc.Server.Tests;

/// <summary>
/// The served path reads requests with RequestReader instead of Google.Protobuf's parser. Whatever it accepts must be
/// the message the parser gives, presence of optional fields included (compared by the bytes each re-encodes to), and
/// whatever it declines is parsed as before; the server's answers do not depend on which of the two read the body.
/// </summary>
public sealed class RequestReaderTests(ImrServerFactory factory, ITestOutputHelper log) : ServerTest(factory)
{
    /// <summary>Every example, reviewer and malformed request; the malformed ones past a list limit are left to the parser.</summary>
    private static IEnumerable<(string Name, EvaluateRequestRequest Request)> Requests()
    {
        foreach (var file in new[] { "example-cases.json", "reviewer-cases.json" })
        {
            foreach (var c in ExampleCases.Load(file))
            {
                yield return ($"{file}:{c.Name}", c.Request);
            }
        }
        var parser = new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));
        using var doc = JsonDocument.Parse(File.ReadAllText(ExampleCases.DataPath("malformed-requests.json")));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            yield return ($"malformed:{c.GetProperty("name").GetString()}", parser.Parse<EvaluateRequestRequest>(c.GetProperty("request").GetRawText()));
        }
    }

    [Fact]
    public void Every_example_request_is_read_as_the_parser_reads_it_by_one_reused_reader()
    {
        var reader = new RequestReader();
        var requests = Requests().ToList();
        Assert.True(requests.Count > 40, $"only {requests.Count} requests");
        // Forward, then backward: each read starts from whatever the previous, different request left in the reader.
        foreach (var (name, request) in requests.Concat(Enumerable.Reverse(requests)))
        {
            var bytes = request.ToByteArray();
            if (!reader.TryReadEvaluate(new ReadOnlySequence<byte>(bytes), out var read))
            {
                Assert.True(name.StartsWith("malformed:", StringComparison.Ordinal) && name.EndsWith("-too-many", StringComparison.Ordinal), $"{name}: declined");
                continue;
            }
            AssertSame(EvaluateRequestRequest.Parser.ParseFrom(bytes), read, name);

            var explain = new ExplainRationaleRequest { Request = request, Format = RationaleFormat.Markdown, ItemIds = { request.Items.Select(i => i.ItemId) } };
            var explainBytes = explain.ToByteArray();
            Assert.True(reader.TryReadExplain(new ReadOnlySequence<byte>(explainBytes), out var readExplain), $"{name} (explain): declined");
            AssertSame(ExplainRationaleRequest.Parser.ParseFrom(explainBytes), readExplain, name);
        }
    }

    [Fact]
    public void A_body_split_across_segments_reads_as_one()
    {
        var bytes = ExampleCases.Named("seed-physical-therapy").Request.ToByteArray();
        var first = new Segment(bytes.AsMemory(0, 100));
        var last = first.Append(bytes.AsMemory(100));
        var split = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);

        Assert.True(new RequestReader().TryReadEvaluate(split, out var read));
        AssertSame(EvaluateRequestRequest.Parser.ParseFrom(bytes), read, "split");
    }

    [Fact]
    public void Mutated_and_random_bodies_are_read_as_the_parser_reads_them_or_declined()
    {
        var random = new Random(20261206);
        var reader = new RequestReader();
        var seeds = Requests().Select(r => r.Request.ToByteArray()).ToArray();
        var (accepted, declined) = (0, 0);

        void Check(byte[] bytes, bool explain)
        {
            IMessage? expected;
            try
            {
                expected = explain ? ExplainRationaleRequest.Parser.ParseFrom(bytes) : EvaluateRequestRequest.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException)
            {
                expected = null;
            }
            var payload = new ReadOnlySequence<byte>(bytes);
            IMessage? actual = null;
            if (explain ? reader.TryReadExplain(payload, out var e) && (actual = e) is not null : reader.TryReadEvaluate(payload, out var r) && (actual = r) is not null)
            {
            }
            if (actual is null)
            {
                declined++;
                return;
            }
            accepted++;
            Assert.True(expected is not null, $"read a body the parser refuses: {Convert.ToHexString(bytes)}");
            AssertSame(expected, actual!, Convert.ToHexString(bytes));
        }

        for (var i = 0; i < 6000; i++)
        {
            var seed = seeds[random.Next(seeds.Length)];
            var explain = i % 3 == 0;
            Check(RobustnessTests.Mutate(seed, random, explain), explain);
        }
        for (var i = 0; i < 1500; i++)
        {
            var message = RobustnessTests.RandomMessage(random);
            Check(message.ToByteArray(), explain: false);
            // Two messages back to back are one message to the parser: scalars last-wins, lists grow, messages merge.
            var other = seeds[random.Next(seeds.Length)];
            Check([.. message.ToByteArray(), .. other], explain: false);
            Check(new ExplainRationaleRequest { Request = message, ItemIds = { "a", "b" } }.ToByteArray().Concat(
                new ExplainRationaleRequest { Request = EvaluateRequestRequest.Parser.ParseFrom(other), Format = RationaleFormat.Text }.ToByteArray()).ToArray(), explain: true);
        }
        for (var i = 0; i < 1000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            Check(bytes, explain: i % 2 == 0);
        }
        log.WriteLine($"accepted {accepted}, declined {declined}");
        Assert.True(accepted > 3000, $"the reader accepted only {accepted} bodies");
        Assert.True(declined > 1000, $"the reader declined only {declined} bodies");
    }

    [Fact]
    public void What_the_parser_would_keep_aside_is_declined()
    {
        var seed = ExampleCases.Named("seed-physical-therapy").Request;
        var reader = new RequestReader();
        var bytes = seed.ToByteArray();
        var tooMany = seed.Clone();
        tooMany.Items.AddRange(Enumerable.Range(0, 100).Select(i => new RequestedItem(seed.Items[0]) { ItemId = $"x{i}" }));

        bool Reads(byte[] body) => reader.TryReadEvaluate(new ReadOnlySequence<byte>(body), out _);

        Assert.True(Reads(bytes));
        // Field 105, not in the contract (a newer client's field).
        Assert.False(Reads([.. bytes, 0xC8, 0x06, 0x01]));
        // case_id (field 1, a string) sent as a varint.
        Assert.False(Reads([.. bytes, 0x08, 0x01]));
        // case_id whose bytes are not UTF-8.
        Assert.False(Reads([.. bytes, 0x0A, 0x02, 0xC3, 0x28]));
        // A length running past the end.
        Assert.False(Reads([.. bytes, 0x0A, 0x05, 0x61]));
        // More items than a request may have: left to the parser and the mapper, which names the limit.
        Assert.False(Reads(tooMany.ToByteArray()));
        Assert.True(Reads(bytes));
    }

    [Fact]
    public async Task A_body_the_reader_declines_gets_the_answer_the_parser_gives()
    {
        var method = new Method<byte[], byte[]>(MethodType.Unary, "imr.v1.GuidelineDecisionService", "EvaluateRequest",
            Marshallers.Create((byte[] b) => b, b => b), Marshallers.Create((byte[] b) => b, b => b));
        var invoker = Channel.CreateCallInvoker();
        var seed = ExampleCases.Named("seed-physical-therapy").Request.ToByteArray();
        // Field 200 is not in the contract: the parser keeps it aside and the request means what it meant without it.
        byte[] withUnknown = [.. seed, 0xC2, 0x0C, 0x03, 0x61, 0x62, 0x63];
        var tooMany = EvaluateRequestRequest.Parser.ParseFrom(seed);
        tooMany.Items.AddRange(Enumerable.Range(0, 100).Select(i => new RequestedItem(tooMany.Items[0]) { ItemId = $"x{i}" }));

        var plain = await invoker.AsyncUnaryCall(method, null, default, seed);
        var declined = await invoker.AsyncUnaryCall(method, null, default, withUnknown);
        var limit = await Assert.ThrowsAsync<RpcException>(() => Client.EvaluateRequestAsync(tooMany).ResponseAsync);

        Assert.True(new RequestReader().TryReadEvaluate(new ReadOnlySequence<byte>(seed), out _));
        Assert.False(new RequestReader().TryReadEvaluate(new ReadOnlySequence<byte>(withUnknown), out _));
        Assert.Equal(plain, declined);
        Assert.Equal(StatusCode.InvalidArgument, limit.StatusCode);
        Assert.Contains($"items: {tooMany.Items.Count} entries; at most 100 are allowed", limit.Status.Detail);
    }

    public static TheoryData<string> ReusedMessages() =>
    [
        nameof(EvaluateRequestRequest), nameof(ExplainRationaleRequest), nameof(ClinicalFacts), nameof(Diagnosis), nameof(Surgery),
        nameof(FunctionSnapshot), nameof(FunctionalEvidence), nameof(RadiculopathyFindings), nameof(PriorTreatment), nameof(RequestedItem),
    ];

    [Theory]
    [MemberData(nameof(ReusedMessages))]
    public void Reset_clears_every_field_the_contract_lists(string name)
    {
        var type = typeof(EvaluateRequestRequest).Assembly.GetType($"Imr.V1.{name}")!;
        var descriptor = ((IMessage)Activator.CreateInstance(type)!).Descriptor;
        Assert.NotEmpty(descriptor.Fields.InFieldNumberOrder());
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            var message = (IMessage)Activator.CreateInstance(type)!;
            Set(message, field);
            Assert.True(message.CalculateSize() > 0, $"{name}.{field.Name} was not set");

            ((IReusedMessage)message).Reset();

            Assert.Equal(0, message.CalculateSize());
            Assert.Equal(Activator.CreateInstance(type), message);
        }
        var withUnknown = (IMessage)Activator.CreateInstance(type)!;
        withUnknown.MergeFrom(new byte[] { 0xC8, 0x3E, 0x01 });
        Assert.True(withUnknown.CalculateSize() > 0);
        ((IReusedMessage)withUnknown).Reset();
        Assert.Equal(0, withUnknown.CalculateSize());
    }

    private static void Set(IMessage message, FieldDescriptor field)
    {
        object Value() => field.FieldType switch
        {
            FieldType.String => "x",
            FieldType.Int32 => 7,
            FieldType.Double => 1.5,
            FieldType.Bool => true,
            FieldType.Enum => Enum.ToObject(field.EnumType.ClrType, 1),
            FieldType.Message => Activator.CreateInstance(field.MessageType.ClrType)!,
            var other => throw new InvalidOperationException($"{field.FullName}: add a sample {other} value"),
        };
        if (field.IsRepeated)
        {
            ((System.Collections.IList)field.Accessor.GetValue(message)).Add(Value());
        }
        else
        {
            field.Accessor.SetValue(message, Value());
        }
    }

    /// <summary>Equal as messages and as the bytes they encode to, which also holds optional fields' presence equal.</summary>
    private static void AssertSame(IMessage expected, IMessage actual, string name)
    {
        Assert.True(expected.Equals(actual), $"{name}: read {actual}, the parser gives {expected}");
        Assert.True(expected.ToByteArray().AsSpan().SequenceEqual(actual.ToByteArray()), $"{name}: {actual} encodes differently from {expected}");
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
