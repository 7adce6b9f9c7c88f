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
    private const byte CaseIdTag = 1 << 3 | 2, DecisionIdTag = 2 << 3 | 2, DecisionsTag = 4 << 3 | 2;
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
        // Every detail line of the response is written into one rented buffer; the writer encodes from it.
        var text = new DetailText(1024 * Math.Max(1, items.Count));
        var caseIdBytes = Encoding.UTF8.GetByteCount(decision.Request.CaseId);
        var decisionIdBytes = Encoding.UTF8.GetByteCount(decision.DecisionId);
        var size = (caseIdBytes > 0 ? WireWriter.LengthDelimitedSize(caseIdBytes) : 0)
            + WireWriter.LengthDelimitedSize(decisionIdBytes) + parts.VersionField.Length;
        for (var i = 0; i < items.Count; i++)
        {
            texts[i] = ItemTexts.Of(decision, items[i], parts, text);
            size += WireWriter.LengthDelimitedSize(texts[i].Size);
        }
        return new PreparedEvaluateResponse(decision, parts, texts, text, caseIdBytes, decisionIdBytes, size);
    }

    internal static void Write(Span<byte> destination, CaseDecision decision, ResponseParts parts, ItemTexts[] texts, DetailText text,
        int caseIdBytes, int decisionIdBytes)
    {
        var w = new WireWriter(destination);
        if (caseIdBytes > 0)
        {
            w.String(CaseIdTag, decision.Request.CaseId, caseIdBytes);
        }
        w.String(DecisionIdTag, decision.DecisionId, decisionIdBytes);
        w.Raw(parts.VersionField);
        var items = decision.Items;
        for (var i = 0; i < items.Count; i++)
        {
            w.Raw(DecisionsTag);
            w.Varint((uint)texts[i].Size);
            WriteItem(ref w, items[i], texts[i], parts, text);
        }
        if (w.Position != destination.Length)
        {
            throw new InvalidOperationException($"wrote {w.Position} bytes of the {destination.Length} measured");
        }
    }

    private static void WriteItem(ref WireWriter w, ItemDecision item, ItemTexts t, ResponseParts parts, DetailText text)
    {
        if (t.ItemIdBytes > 0)
        {
            w.String(ItemIdTag, item.Item.ItemId, t.ItemIdBytes);
        }
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
        for (var i = 0; i < criteria.Count; i++)
        {
            var c = criteria[i];
            w.Raw(CriteriaTag);
            w.Varint((uint)t.CriterionSizes[i]);
            w.Raw(CriterionCodeFields[(int)c.Code]);
            w.Raw(CriterionStatusTag);
            w.Varint((uint)ResponseMapper.Status(c.Status));
            if (t.DetailBytes[i] > 0)
            {
                w.Chars(CriterionDetailTag, text.Slice(t.DetailStart[i], t.DetailLength[i]), t.DetailBytes[i]);
            }
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
        if (t.SummaryBytes > 0)
        {
            w.Chars(SummaryTag, text.Slice(t.SummaryStart, t.SummaryLength), t.SummaryBytes);
        }
        var findings = item.Findings;
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            w.Raw(FindingsTag);
            w.Varint((uint)t.FindingSizes[i]);
            w.Raw(FindingCodeFields[(int)f.Code]);
            if (t.FindingBytes[i] > 0)
            {
                w.Chars(FindingDetailTag, text.Slice(t.FindingStart[i], t.FindingLength[i]), t.FindingBytes[i]);
            }
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
    /// Where an item's rendered texts lie in the response's text buffer, and the encoded size of each part, worked out
    /// once before anything is written.
    /// </summary>
    internal sealed class ItemTexts
    {
        public required int[] DetailStart { get; init; }
        public required int[] DetailLength { get; init; }
        public required int[] DetailBytes { get; init; }
        public required int[] CriterionSizes { get; init; }
        public required int[] FindingStart { get; init; }
        public required int[] FindingLength { get; init; }
        public required int[] FindingBytes { get; init; }
        public required int[] FindingSizes { get; init; }
        public int SummaryStart { get; init; }
        public int SummaryLength { get; init; }
        public int SummaryBytes { get; init; }
        public int ItemIdBytes { get; init; }
        public bool AllVerified { get; init; }
        public int VerificationSize { get; init; }
        public int Size { get; init; }

        /// <summary>A rule id field written only when there is a rule with an id (proto3 leaves empty strings out).</summary>
        private static int OptionalIdSize(Engine.Compilation.CompiledRule? rule, ResponseParts parts) =>
            rule is not null && parts.RuleId(rule).Length > 0 ? WireWriter.LengthDelimitedSize(parts.RuleId(rule).Length) : 0;

        public static ItemTexts Of(CaseDecision decision, ItemDecision item, ResponseParts parts, DetailText text)
        {
            var itemIdBytes = Encoding.UTF8.GetByteCount(item.Item.ItemId);
            var size = itemIdBytes > 0 ? WireWriter.LengthDelimitedSize(itemIdBytes) : 0;
            size += 1 + WireWriter.VarintSize((uint)ResponseMapper.Determination(item.Determination));
            var outcome = (uint)ResponseMapper.Outcome(item.ImrOutcome);
            size += outcome != 0 ? 1 + WireWriter.VarintSize(outcome) : 0;
            size += item.ApprovableQuantity != 0 ? 1 + WireWriter.Int32Size(item.ApprovableQuantity) : 0;

            var criteria = item.Criteria;
            var detailStart = new int[criteria.Count];
            var detailLength = new int[criteria.Count];
            var detailBytes = new int[criteria.Count];
            var criterionSizes = new int[criteria.Count];
            for (var i = 0; i < criteria.Count; i++)
            {
                var c = criteria[i];
                detailStart[i] = text.Length;
                DetailFormatter.Criterion(text, decision, item, c);
                detailLength[i] = text.Length - detailStart[i];
                detailBytes[i] = Encoding.UTF8.GetByteCount(text.Slice(detailStart[i], detailLength[i]));
                var criterion = CriterionCodeFields[(int)c.Code].Length + 1 + WireWriter.VarintSize((uint)ResponseMapper.Status(c.Status))
                    + (detailBytes[i] > 0 ? WireWriter.LengthDelimitedSize(detailBytes[i]) : 0)
                    + OptionalIdSize(c.Rule, parts);
                criterionSizes[i] = criterion;
                size += WireWriter.LengthDelimitedSize(criterion);
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
            var summaryLength = text.Length - summaryStart;
            var summaryBytes = Encoding.UTF8.GetByteCount(text.Slice(summaryStart, summaryLength));
            size += summaryBytes > 0 ? WireWriter.LengthDelimitedSize(summaryBytes) : 0;

            var findings = item.Findings;
            var findingStart = new int[findings.Count];
            var findingLength = new int[findings.Count];
            var findingBytes = new int[findings.Count];
            var findingSizes = new int[findings.Count];
            for (var i = 0; i < findings.Count; i++)
            {
                var f = findings[i];
                findingStart[i] = text.Length;
                DetailFormatter.Finding(text, decision, item, f);
                findingLength[i] = text.Length - findingStart[i];
                findingBytes[i] = Encoding.UTF8.GetByteCount(text.Slice(findingStart[i], findingLength[i]));
                var finding = FindingCodeFields[(int)f.Code].Length
                    + (findingBytes[i] > 0 ? WireWriter.LengthDelimitedSize(findingBytes[i]) : 0)
                    + OptionalIdSize(f.Rule, parts);
                findingSizes[i] = finding;
                size += WireWriter.LengthDelimitedSize(finding);
            }
            size += OptionalIdSize(item.Governing, parts);
            size += WireWriter.LengthDelimitedSize(verification);

            return new ItemTexts
            {
                DetailStart = detailStart, DetailLength = detailLength, DetailBytes = detailBytes, CriterionSizes = criterionSizes,
                FindingStart = findingStart, FindingLength = findingLength, FindingBytes = findingBytes, FindingSizes = findingSizes,
                SummaryStart = summaryStart, SummaryLength = summaryLength, SummaryBytes = summaryBytes, ItemIdBytes = itemIdBytes,
                AllVerified = allVerified, VerificationSize = verification, Size = size,
            };
        }
    }
}
