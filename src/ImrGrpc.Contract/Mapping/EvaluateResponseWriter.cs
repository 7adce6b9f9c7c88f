using System.Buffers;
using System.Text;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Rationale;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// The EvaluateRequestResponse bytes, written straight from the decision: the same bytes <see cref="ResponseMapper"/>
/// builds as a message tree and Google.Protobuf then serializes (ResponseWriterTests hold them equal for every case).
/// Why a second path: building ~40 messages per item and serializing them (Google.Protobuf recomputes every nested
/// message's size and every string's UTF-8 length once per level) cost more than deciding the case; here each text is
/// rendered once, measured once and encoded once into a buffer of the exact size, and the version's citations, its
/// GuidelineVersion message and the rule ids are copied from bytes encoded when the version was first served
/// (<see cref="ResponseParts"/>). docs/PERFORMANCE.md has the measurements.
/// </summary>
public static class EvaluateResponseWriter
{
    // Field keys (field number << 3 | wire type) of the messages written here.
    private const byte DecisionsTag = 4 << 3 | 2;
    private const byte ItemIdTag = 1 << 3 | 2, DeterminationTag = 2 << 3, OutcomeTag = 3 << 3, ApprovableTag = 4 << 3,
        CriteriaTag = 5 << 3 | 2, PhysicianTag = 7 << 3, SummaryTag = 8 << 3 | 2, FindingsTag = 9 << 3 | 2,
        GoverningTag = 10 << 3 | 2, VerificationTag = 11 << 3 | 2;
    private const byte CriterionCodeTag = 1 << 3 | 2, CriterionStatusTag = 2 << 3, CriterionDetailTag = 3 << 3 | 2, CriterionRuleTag = 4 << 3 | 2;
    private const byte FindingCodeTag = 1 << 3 | 2, FindingDetailTag = 2 << 3 | 2, FindingRuleTag = 3 << 3 | 2;
    private const byte AllVerifiedTag = 1 << 3, VerifiedTag = 2 << 3 | 2, UnverifiedTag = 3 << 3 | 2;

    // The criterion and finding codes as their first field (tag, length, UTF-8): constants of the contract.
    private static readonly byte[][] CriterionCodeFields = Enum.GetValues<CriterionCode>()
        .Select(c => WireWriter.Field(CriterionCodeTag, Encoding.UTF8.GetBytes(CriterionCodes.Code(c)))).ToArray();
    private static readonly byte[][] FindingCodeFields = Enum.GetValues<FindingCode>()
        .Select(c => WireWriter.Field(FindingCodeTag, Encoding.UTF8.GetBytes(CriterionCodes.Code(c)))).ToArray();

    public static byte[] Write(CaseDecision decision, ResponseParts parts) => Prepare(decision, parts).ToArray();

    /// <summary>
    /// Renders and measures the response; the bytes are written later, straight into the transport's buffer
    /// (<see cref="PreparedEvaluateResponse.WriteTo"/>), so no intermediate copy of the message is made.
    /// </summary>
    public static PreparedEvaluateResponse Prepare(CaseDecision decision, ResponseParts parts)
    {
        ResponseMapper.RequireSameVersion(decision, parts);
        var items = decision.Items;
        var texts = new ItemTexts[items.Count];
        var pieces = 0;
        for (var i = 0; i < items.Count; i++)
        {
            pieces += items[i].Criteria.Count + items[i].Findings.Count + 1;
        }
        // Every text of the response is written into one rented character buffer, and where each lies (with its
        // encoded size) into one rented array: nothing per line or per item but the characters themselves.
        var text = new DetailText(1024 * Math.Max(1, items.Count));
        var spans = ArrayPool<TextSpan>.Shared.Rent(Math.Max(1, pieces));
        var head = new ResponseHead(decision, parts);
        var size = head.Size;
        var next = 0;
        for (var i = 0; i < items.Count; i++)
        {
            texts[i] = Measure(decision, items[i], parts, text, spans, next);
            next += items[i].Criteria.Count + items[i].Findings.Count + 1;
            size += WireWriter.LengthDelimitedSize(texts[i].Size);
        }
        return new PreparedEvaluateResponse(decision, parts, head, texts, text, spans, size);
    }

    internal static void Write(Span<byte> destination, PreparedEvaluateResponse r)
    {
        var w = new WireWriter(destination);
        r.Head.Write(ref w, r.Decision, r.Parts);
        var items = r.Decision.Items;
        for (var i = 0; i < items.Count; i++)
        {
            w.Raw(DecisionsTag);
            w.Varint((uint)r.Texts[i].Size);
            WriteItem(ref w, items[i], r.Texts[i], r.Parts, r.Text, r.Spans);
        }
        if (w.Position != destination.Length)
        {
            throw new InvalidOperationException($"wrote {w.Position} bytes of the {destination.Length} measured");
        }
    }

    private static void WriteItem(ref WireWriter w, ItemDecision item, in ItemTexts t, ResponseParts parts, DetailText text, TextSpan[] spans)
    {
        w.OptionalString(ItemIdTag, item.Item.ItemId, t.ItemIdBytes);
        w.Raw(DeterminationTag);
        w.Varint((uint)ResponseMapper.Determination(item.Determination));
        var outcome = (uint)ResponseMapper.Outcome(item.ImrOutcome);
        if (outcome != 0)
        {
            w.Raw(OutcomeTag);
            w.Varint(outcome);
        }
        if (item.ApprovableQuantity != 0)
        {
            w.Raw(ApprovableTag);
            w.Int32(item.ApprovableQuantity);
        }
        var criteria = item.Criteria;
        var span = t.First;
        for (var i = 0; i < criteria.Count; i++, span++)
        {
            var c = criteria[i];
            var detail = spans[span];
            w.Raw(CriteriaTag);
            w.Varint((uint)detail.MessageSize);
            w.Raw(CriterionCodeFields[(int)c.Code]);
            w.Raw(CriterionStatusTag);
            w.Varint((uint)ResponseMapper.Status(c.Status));
            w.OptionalChars(CriterionDetailTag, text.Slice(detail.Start, detail.Length), detail.Bytes);
            if (c.Rule is { } rule && parts.RuleId(rule).Length > 0)
            {
                w.Bytes(CriterionRuleTag, parts.RuleId(rule));
            }
        }
        var citations = item.Citations;
        for (var i = 0; i < citations.Count; i++)
        {
            w.Raw(parts.CitationField(citations[i]));
        }
        if (item.RequiresPhysicianReview)
        {
            w.Raw(PhysicianTag);
            w.Raw(1);
        }
        var summary = spans[span++];
        w.OptionalChars(SummaryTag, text.Slice(summary.Start, summary.Length), summary.Bytes);
        var findings = item.Findings;
        for (var i = 0; i < findings.Count; i++, span++)
        {
            var f = findings[i];
            var detail = spans[span];
            w.Raw(FindingsTag);
            w.Varint((uint)detail.MessageSize);
            w.Raw(FindingCodeFields[(int)f.Code]);
            w.OptionalChars(FindingDetailTag, text.Slice(detail.Start, detail.Length), detail.Bytes);
            if (f.Rule is { } rule && parts.RuleId(rule).Length > 0)
            {
                w.Bytes(FindingRuleTag, parts.RuleId(rule));
            }
        }
        if (item.Governing is { } governing && parts.RuleId(governing).Length > 0)
        {
            w.Bytes(GoverningTag, parts.RuleId(governing));
        }
        w.Raw(VerificationTag);
        w.Varint((uint)t.VerificationSize);
        if (t.AllVerified)
        {
            w.Raw(AllVerifiedTag);
            w.Raw(1);
        }
        for (var i = 0; i < citations.Count; i++)
        {
            if (citations[i].Verified)
            {
                w.Bytes(VerifiedTag, parts.RuleId(citations[i]));
            }
        }
        for (var i = 0; i < citations.Count; i++)
        {
            if (!citations[i].Verified)
            {
                w.Bytes(UnverifiedTag, parts.RuleId(citations[i]));
            }
        }
    }

    /// <summary>
    /// Renders an item's texts into the response's buffer (its criteria, then its summary, then its findings, at
    /// <paramref name="first"/> on in <paramref name="spans"/>) and works out the encoded size of every part.
    /// </summary>
    private static ItemTexts Measure(CaseDecision decision, ItemDecision item, ResponseParts parts, DetailText text, TextSpan[] spans, int first)
    {
        var itemIdBytes = Encoding.UTF8.GetByteCount(item.Item.ItemId);
        var size = WireWriter.OptionalSize(itemIdBytes);
        size += 1 + WireWriter.VarintSize((uint)ResponseMapper.Determination(item.Determination));
        var outcome = (uint)ResponseMapper.Outcome(item.ImrOutcome);
        size += outcome != 0 ? 1 + WireWriter.VarintSize(outcome) : 0;
        size += item.ApprovableQuantity != 0 ? 1 + WireWriter.Int32Size(item.ApprovableQuantity) : 0;

        var span = first;
        var criteria = item.Criteria;
        for (var i = 0; i < criteria.Count; i++, span++)
        {
            var c = criteria[i];
            var start = text.Length;
            DetailFormatter.Criterion(text, decision, item, c);
            var bytes = Encoding.UTF8.GetByteCount(text.Slice(start, text.Length - start));
            var message = CriterionCodeFields[(int)c.Code].Length + 1 + WireWriter.VarintSize((uint)ResponseMapper.Status(c.Status))
                + WireWriter.OptionalSize(bytes) + OptionalIdSize(c.Rule, parts);
            spans[span] = new TextSpan(start, text.Length - start, bytes, message);
            size += WireWriter.LengthDelimitedSize(message);
        }

        var citations = item.Citations;
        var verification = 0;
        var allVerified = citations.Count > 0;
        for (var i = 0; i < citations.Count; i++)
        {
            size += parts.CitationField(citations[i]).Length;
            verification += WireWriter.LengthDelimitedSize(parts.RuleId(citations[i]).Length);
            allVerified &= citations[i].Verified;
        }
        verification += allVerified ? 2 : 0;
        size += item.RequiresPhysicianReview ? 2 : 0;

        var summaryStart = text.Length;
        DetailFormatter.Summary(text, decision, item);
        var summaryBytes = Encoding.UTF8.GetByteCount(text.Slice(summaryStart, text.Length - summaryStart));
        spans[span++] = new TextSpan(summaryStart, text.Length - summaryStart, summaryBytes, 0);
        size += WireWriter.OptionalSize(summaryBytes);

        var findings = item.Findings;
        for (var i = 0; i < findings.Count; i++, span++)
        {
            var f = findings[i];
            var start = text.Length;
            DetailFormatter.Finding(text, decision, item, f);
            var bytes = Encoding.UTF8.GetByteCount(text.Slice(start, text.Length - start));
            var message = FindingCodeFields[(int)f.Code].Length + WireWriter.OptionalSize(bytes) + OptionalIdSize(f.Rule, parts);
            spans[span] = new TextSpan(start, text.Length - start, bytes, message);
            size += WireWriter.LengthDelimitedSize(message);
        }
        size += OptionalIdSize(item.Governing, parts);
        size += WireWriter.LengthDelimitedSize(verification);
        return new ItemTexts(first, itemIdBytes, allVerified, verification, size);
    }

    /// <summary>A rule id field written only when there is a rule with an id (proto3 leaves empty strings out).</summary>
    private static int OptionalIdSize(Engine.Compilation.CompiledRule? rule, ResponseParts parts) =>
        rule is null ? 0 : WireWriter.OptionalSize(parts.RuleId(rule).Length);

    /// <summary>An item's first text in the response's list, its id's UTF-8 length, its verification's size and its own size.</summary>
    internal readonly record struct ItemTexts(int First, int ItemIdBytes, bool AllVerified, int VerificationSize, int Size);

    /// <summary>Where a text lies in the buffer, its UTF-8 length, and the encoded size of the message that holds it.</summary>
    internal readonly record struct TextSpan(int Start, int Length, int Bytes, int MessageSize);
}
