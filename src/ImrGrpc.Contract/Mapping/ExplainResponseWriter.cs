using System.Text;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Rationale;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// The ExplainRationaleResponse bytes, written straight from the rendered rationale: the same bytes as the message
/// tree <see cref="ResponseMapper"/> builds and Google.Protobuf serializes (ResponseWriterTests hold them equal for
/// every case). Why a second path: the response is mostly text (every item's paragraph, then the whole letter again),
/// and the message tree cost one UTF-8 copy of it in a new array plus a length pass per level, 6.8 us and 10 KB for
/// the seed case, more than the rest of the response; here each text is measured once and encoded once, straight into
/// the transport's buffer, and the letter, which the renderer encodes as it finishes it (Utf8Document), is copied in.
/// docs/PERFORMANCE.md has the measurements.
/// </summary>
public static class ExplainResponseWriter
{
    // Field keys (field number << 3 | wire type). Fields 1-3 are EvaluateRequestResponse's (ResponseHead), and
    // ItemRationale.citations (6) is the same message as there, so the version's pre-encoded parts serve both.
    private const byte ItemsTag = 4 << 3 | 2, DocumentTag = 5 << 3 | 2;
    private const byte ItemIdTag = 1 << 3 | 2, HeadingTag = 2 << 3 | 2, ClaimsBasisTag = 3 << 3 | 2, GuidelineBasisTag = 4 << 3 | 2,
        RationaleTag = 5 << 3 | 2;

    /// <summary>The response in an array of its own, from a rationale rendered as strings (tests, benchmarks).</summary>
    public static byte[] Write(CaseDecision decision, CaseRationale rationale, ResponseParts parts) =>
        Prepare(decision, new EncodedRationale(rationale.Items, Utf8Document.From(rationale.Document)), parts).ToArray();

    /// <summary>
    /// Measures the response; <see cref="PreparedExplainResponse.WriteTo"/> writes it, once, and gives the document's
    /// pooled array back.
    /// </summary>
    public static PreparedExplainResponse Prepare(CaseDecision decision, EncodedRationale rationale, ResponseParts parts)
    {
        ResponseMapper.RequireSameVersion(decision, parts);
        var items = rationale.Items;
        var sizes = new ItemSizes[items.Count];
        var head = new ResponseHead(decision, parts);
        var size = head.Size + WireWriter.OptionalSize(rationale.Document.Length);
        for (var i = 0; i < items.Count; i++)
        {
            sizes[i] = Measure(items[i], parts);
            size += WireWriter.LengthDelimitedSize(sizes[i].Item);
        }
        return new PreparedExplainResponse(decision, rationale, parts, head, sizes, size);
    }

    internal static void Write(Span<byte> destination, PreparedExplainResponse r)
    {
        var w = new WireWriter(destination);
        r.Head.Write(ref w, r.Decision, r.Parts);
        var items = r.Rationale.Items;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var s = r.Sizes[i];
            w.Raw(ItemsTag);
            w.Varint((uint)s.Item);
            w.OptionalString(ItemIdTag, item.ItemId, s.ItemId);
            w.OptionalString(HeadingTag, item.Heading, s.Heading);
            w.OptionalString(ClaimsBasisTag, item.ClaimsAdministratorBasis, s.ClaimsBasis);
            w.OptionalString(GuidelineBasisTag, item.GuidelineBasis, s.GuidelineBasis);
            w.OptionalString(RationaleTag, item.Rationale, s.Rationale);
            var citations = item.Citations;
            for (var c = 0; c < citations.Count; c++)
            {
                w.Raw(r.Parts.CitationField(citations[c]));
            }
        }
        if (r.Rationale.Document.Length > 0)
        {
            w.Bytes(DocumentTag, r.Rationale.Document.Bytes);
        }
        if (w.Position != destination.Length)
        {
            throw new InvalidOperationException($"wrote {w.Position} bytes of the {destination.Length} measured");
        }
    }

    private static ItemSizes Measure(ItemRationale item, ResponseParts parts)
    {
        var s = new ItemSizes
        {
            ItemId = Encoding.UTF8.GetByteCount(item.ItemId),
            Heading = Encoding.UTF8.GetByteCount(item.Heading),
            ClaimsBasis = Encoding.UTF8.GetByteCount(item.ClaimsAdministratorBasis),
            GuidelineBasis = Encoding.UTF8.GetByteCount(item.GuidelineBasis),
            Rationale = Encoding.UTF8.GetByteCount(item.Rationale),
        };
        var size = WireWriter.OptionalSize(s.ItemId) + WireWriter.OptionalSize(s.Heading) + WireWriter.OptionalSize(s.ClaimsBasis) + WireWriter.OptionalSize(s.GuidelineBasis) + WireWriter.OptionalSize(s.Rationale);
        // Indexed, as in Write: a foreach over the IReadOnlyList would box an enumerator per item.
        var citations = item.Citations;
        for (var c = 0; c < citations.Count; c++)
        {
            size += parts.CitationField(citations[c]).Length;
        }
        s.Item = size;
        return s;
    }

    /// <summary>The UTF-8 lengths of one ItemRationale's strings and of the whole message.</summary>
    internal struct ItemSizes
    {
        public int ItemId, Heading, ClaimsBasis, GuidelineBasis, Rationale, Item;
    }
}
