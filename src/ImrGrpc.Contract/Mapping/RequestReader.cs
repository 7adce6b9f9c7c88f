using System.Buffers;
using Google.Protobuf.Collections;
using Grpc.Core;
using ImrGrpc.Engine;
using ImrGrpc.Engine.Cases;
using Proto = Imr.V1;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// Reads a request's wire bytes into message objects it keeps and reuses from call to call. Google.Protobuf's parser
/// builds a new object for every message and a new string for every string field: about 3.8 KB for the seed case and
/// 0.8 KB per item, more than the decision itself, and more time than deciding it (docs/PERFORMANCE.md, fourth pass).
/// Here a request costs only the strings its caller wrote freely (ids, descriptions); codes and dates come from
/// <see cref="CodeStrings"/>.
/// <para>
/// It gives the message Google.Protobuf's parser gives, field for field (RequestReaderTests compare the two on every
/// example case and on mutated bytes), for what a client of this contract sends. Anything else it declines: an unknown
/// field or wire type, a malformed varint or length, bytes that are not UTF-8, a repeated field beyond the contract's
/// limits. The caller then parses those bytes with Google.Protobuf, so every odd body is answered as it always was.
/// </para>
/// The messages read are valid until the reader's next read: map them first (<see cref="MappedEvaluateRequest"/>).
/// </summary>
internal sealed class RequestReader
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int Delimited = 2;

    private readonly Proto.ExplainRationaleRequest _explain = new();
    private readonly Proto.EvaluateRequestRequest _request = new();
    private readonly Proto.ClinicalFacts _clinical = new();
    private readonly Proto.Surgery _surgery = new();
    private readonly Proto.FunctionSnapshot _previous = new();
    private readonly Proto.FunctionSnapshot _current = new();
    private readonly Proto.FunctionalEvidence _evidence = new();
    private readonly Proto.RadiculopathyFindings _radiculopathy = new();
    private readonly Kept<Proto.Diagnosis> _diagnoses = new(CaseLimits.MaxDiagnoses);
    private readonly Kept<Proto.PriorTreatment> _priors = new(CaseLimits.MaxPriorTreatments);
    private readonly Kept<Proto.RequestedItem> _items = new(CaseLimits.MaxItems);
    private readonly CodeStrings _codes = new();

    /// <summary>
    /// A served request, read by this thread's reader and mapped while the messages it was read into are the caller's;
    /// the bytes the reader declines are parsed by <paramref name="parse"/> (Google.Protobuf, as the host wraps it).
    /// </summary>
    public static TServed Serve<TMessage, TServed>(DeserializationContext context, Func<DeserializationContext, TMessage> parse,
        Reading<TMessage> read, Func<TMessage, TServed> map)
    {
        var reader = ThreadKept<RequestReader>.Take() ?? new RequestReader();
        try
        {
            if (read(reader, context.PayloadAsReadOnlySequence(), out var message))
            {
                return map(message);
            }
        }
        finally
        {
            ThreadKept<RequestReader>.Keep(reader);
        }
        return map(parse(context));
    }

    public delegate bool Reading<TMessage>(RequestReader reader, ReadOnlySequence<byte> payload, out TMessage message);

    /// <summary>An EvaluateRequestRequest, or false to have the caller parse the bytes with Google.Protobuf.</summary>
    public bool TryReadEvaluate(ReadOnlySequence<byte> payload, out Proto.EvaluateRequestRequest request)
    {
        request = Start(_request);
        return Whole(payload, request, EvaluateRequestField);
    }

    /// <summary>An ExplainRationaleRequest, or false to have the caller parse the bytes with Google.Protobuf.</summary>
    public bool TryReadExplain(ReadOnlySequence<byte> payload, out Proto.ExplainRationaleRequest request)
    {
        request = Start(_explain);
        return Whole(payload, request, ExplainRequestField);
    }

    /// <summary>The call's top message, cleared, with every kept list of messages back to its start.</summary>
    private T Start<T>(T message) where T : Proto.IReusedMessage
    {
        _diagnoses.Restart();
        _priors.Restart();
        _items.Restart();
        return Fresh(message);
    }

    /// <summary>The payload read as one span: as it is when the transport has it in one segment, else copied once.</summary>
    private bool Whole<T>(ReadOnlySequence<byte> payload, T message, FieldReader<T> field)
    {
        if (payload.IsSingleSegment)
        {
            return Fields(payload.FirstSpan, message, field);
        }
        var length = checked((int)payload.Length);
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(copy);
            return Fields(copy.AsSpan(0, length), message, field);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    // One switch per message (Fields walks the message), a case per field as the generated parser has one; a field
    // sent twice is read twice, with the parser's meaning (the last scalar wins, a repeated field grows, a message
    // merges). Every case the switch does not list, including a listed field with another wire type, declines.

    private static bool ExplainRequestField(RequestReader r, ref WireReader wire, int field, int type, Proto.ExplainRationaleRequest m)
    {
        switch (field, type)
        {
            case (1, Delimited) when wire.Bytes(out var b) && r.EvaluateRequest(b, m.Request ??= Fresh(r._request)):
                return true;
            case (2, Varint) when wire.Int32(out var v):
                m.Format = (Proto.RationaleFormat)v;
                return true;
            case (3, Delimited) when wire.Bytes(out var b) && CodeStrings.TryDecode(b, out var s) && m.ItemIds.Count < CaseLimits.MaxItems:
                m.ItemIds.Add(s);
                return true;
            default:
                return false;
        }
    }

    private bool EvaluateRequest(ReadOnlySpan<byte> bytes, Proto.EvaluateRequestRequest m) => Fields(bytes, m, EvaluateRequestField);

    private static bool EvaluateRequestField(RequestReader r, ref WireReader wire, int field, int type, Proto.EvaluateRequestRequest m)
    {
        switch (field, type)
        {
            case (1, Delimited) when wire.Bytes(out var b) && CodeStrings.TryDecode(b, out var s):
                m.CaseId = s;
                return true;
            case (2, Varint) when wire.Int32(out var v):
                m.ReviewType = (Proto.ReviewType)v;
                return true;
            case (3, Delimited) when wire.Bytes(out var b) && r._codes.TryGet(b, out var s):
                m.RequestDate = s;
                return true;
            case (4, Delimited) when wire.Bytes(out var b) && r._codes.TryGet(b, out var s):
                m.InjuryDate = s;
                return true;
            case (5, Delimited) when wire.Bytes(out var b) && r._codes.TryGet(b, out var s):
                m.GuidelineVersion = s;
                return true;
            case (6, Delimited) when wire.Bytes(out var b) && r.Clinical(b, m.Clinical ??= Fresh(r._clinical)):
                return true;
            case (7, Delimited) when wire.Bytes(out var b) && r._priors.Add(m.PriorTreatments) is { } prior && r.PriorTreatment(b, prior):
                return true;
            case (8, Delimited) when wire.Bytes(out var b) && r._items.Add(m.Items) is { } item && r.Item(b, item):
                return true;
            default:
                return false;
        }
    }

    private bool Clinical(ReadOnlySpan<byte> bytes, Proto.ClinicalFacts m) => Fields(bytes, m, ClinicalField);

    private static bool ClinicalField(RequestReader r, ref WireReader wire, int field, int type, Proto.ClinicalFacts m)
    {
        switch (field, type)
        {
            case (1, Varint) when wire.Int32(out var v):
                m.Phase = (Proto.ClinicalPhase)v;
                return true;
            case (2, Delimited) when wire.Bytes(out var b) && r._diagnoses.Add(m.Diagnoses) is { } diagnosis && r.Diagnosis(b, diagnosis):
                return true;
            case (3, Delimited) when wire.Bytes(out var b) && r.Code(b, m.BodyRegions, CaseLimits.MaxRegions):
                return true;
            case (4, Delimited) when wire.Bytes(out var b) && r.Surgery(b, m.Surgery ??= Fresh(r._surgery)):
                return true;
            case (5, Delimited) when wire.Bytes(out var b) && r.Snapshot(b, m.PreviousFunction ??= Fresh(r._previous)):
                return true;
            case (6, Delimited) when wire.Bytes(out var b) && r.Snapshot(b, m.CurrentFunction ??= Fresh(r._current)):
                return true;
            case (7, Delimited) when wire.Bytes(out var b) && r.Evidence(b, m.FunctionalEvidence ??= Fresh(r._evidence)):
                return true;
            case (8, Varint) when wire.Bool(out var v):
                m.HomeExerciseProgram = v;
                return true;
            case (9, Delimited) when wire.Bytes(out var b) && r.Radiculopathy(b, m.Radiculopathy ??= Fresh(r._radiculopathy)):
                return true;
            default:
                return false;
        }
    }

    private bool Diagnosis(ReadOnlySpan<byte> bytes, Proto.Diagnosis m) => Fields(bytes, m, DiagnosisField);

    private static bool DiagnosisField(RequestReader r, ref WireReader wire, int field, int type, Proto.Diagnosis m)
    {
        switch (field, type)
        {
            case (1, Delimited) when wire.Bytes(out var b) && r._codes.TryGet(b, out var s):
                m.Code = s;
                return true;
            case (2, Delimited) when wire.Bytes(out var b) && CodeStrings.TryDecode(b, out var s):
                m.Description = s;
                return true;
            default:
                return false;
        }
    }

    private bool Surgery(ReadOnlySpan<byte> bytes, Proto.Surgery m) => Fields(bytes, m, SurgeryField);

    private static bool SurgeryField(RequestReader r, ref WireReader wire, int field, int type, Proto.Surgery m)
    {
        switch (field, type)
        {
            case (1, Delimited) when wire.Bytes(out var b) && r._codes.TryGet(b, out var s):
                m.Procedure = s;
                return true;
            case (2, Delimited) when wire.Bytes(out var b) && r._codes.TryGet(b, out var s):
                m.Date = s;
                return true;
            default:
                return false;
        }
    }

    private bool Snapshot(ReadOnlySpan<byte> bytes, Proto.FunctionSnapshot m) => Fields(bytes, m, SnapshotField);

    private static bool SnapshotField(RequestReader r, ref WireReader wire, int field, int type, Proto.FunctionSnapshot m)
    {
        switch (field, type)
        {
            case (1, Delimited) when wire.Bytes(out var b) && r._codes.TryGet(b, out var s):
                m.Date = s;
                return true;
            case (2, Varint) when wire.Int32(out var v):
                m.WorkStatus = (Proto.WorkStatus)v;
                return true;
            case (3, Fixed64) when wire.Double(out var v):
                m.WorkHoursPerDay = v;
                return true;
            case (4, Fixed64) when wire.Double(out var v):
                m.LiftingLimitLb = v;
                return true;
            case (5, Varint) when wire.Int32(out var v):
                m.OpioidAgents = v;
                return true;
            case (6, Fixed64) when wire.Double(out var v):
                m.MorphineEquivalentMgPerDay = v;
                return true;
            default:
                return false;
        }
    }

    private bool Evidence(ReadOnlySpan<byte> bytes, Proto.FunctionalEvidence m) => Fields(bytes, m, EvidenceField);

    private static bool EvidenceField(RequestReader r, ref WireReader wire, int field, int type, Proto.FunctionalEvidence m)
    {
        switch (field, type)
        {
            case (1, Varint) when wire.Int32(out var v):
                m.WorkRestrictions = (Proto.Trend)v;
                return true;
            case (2, Varint) when wire.Int32(out var v):
                m.ActivitiesOfDailyLiving = (Proto.Trend)v;
                return true;
            case (3, Varint) when wire.Int32(out var v):
                m.TreatmentDependence = (Proto.Trend)v;
                return true;
            default:
                return false;
        }
    }

    private bool Radiculopathy(ReadOnlySpan<byte> bytes, Proto.RadiculopathyFindings m) => Fields(bytes, m, RadiculopathyField);

    private static bool RadiculopathyField(RequestReader r, ref WireReader wire, int field, int type, Proto.RadiculopathyFindings m)
    {
        switch (field, type)
        {
            case (1, Varint) when wire.Bool(out var v):
                m.ExamFindings = v;
                return true;
            case (2, Varint) when wire.Bool(out var v):
                m.ImagingCorroborated = v;
                return true;
            case (3, Varint) when wire.Bool(out var v):
                m.ElectrodiagnosticCorroborated = v;
                return true;
            default:
                return false;
        }
    }

    private bool PriorTreatment(ReadOnlySpan<byte> bytes, Proto.PriorTreatment m) => Fields(bytes, m, PriorTreatmentField);

    private static bool PriorTreatmentField(RequestReader r, ref WireReader wire, int field, int type, Proto.PriorTreatment m)
    {
        switch (field, type)
        {
            case (1, Delimited) when wire.Bytes(out var b) && r._codes.TryGet(b, out var s):
                m.Treatment = s;
                return true;
            case (2, Varint) when wire.Int32(out var v):
                m.Sessions = v;
                return true;
            case (3, Delimited) when wire.Bytes(out var b) && r._codes.TryGet(b, out var s):
                m.StartDate = s;
                return true;
            case (4, Delimited) when wire.Bytes(out var b) && r._codes.TryGet(b, out var s):
                m.EndDate = s;
                return true;
            case (5, Delimited) when wire.Bytes(out var b) && r.Code(b, m.BodyRegions, CaseLimits.MaxRegions):
                return true;
            case (6, Varint) when wire.Int32(out var v):
                m.PainReliefPercent = v;
                return true;
            case (7, Varint) when wire.Int32(out var v):
                m.ReliefDurationWeeks = v;
                return true;
            case (8, Varint) when wire.Bool(out var v):
                m.MedicationReduced = v;
                return true;
            default:
                return false;
        }
    }

    private bool Item(ReadOnlySpan<byte> bytes, Proto.RequestedItem m) => Fields(bytes, m, ItemField);

    private static bool ItemField(RequestReader r, ref WireReader wire, int field, int type, Proto.RequestedItem m)
    {
        switch (field, type)
        {
            case (1, Delimited) when wire.Bytes(out var b) && CodeStrings.TryDecode(b, out var s):
                m.ItemId = s;
                return true;
            case (2, Delimited) when wire.Bytes(out var b) && CodeStrings.TryDecode(b, out var s):
                m.Description = s;
                return true;
            case (3, Delimited) when wire.Bytes(out var b) && r._codes.TryGet(b, out var s):
                m.Treatment = s;
                return true;
            case (4, Varint) when wire.Int32(out var v):
                m.Quantity = v;
                return true;
            case (5, Delimited) when wire.Bytes(out var b) && r.Code(b, m.BodyRegions, CaseLimits.MaxRegions):
                return true;
            case (6, Varint) when wire.Int32(out var v):
                m.FrequencyPerWeek = v;
                return true;
            case (7, Varint) when wire.Int32(out var v):
                m.DurationWeeks = v;
                return true;
            case (8, Delimited) when wire.Bytes(out var b) && r.Code(b, m.ClaimsAdministratorGuidelines, CaseLimits.MaxCitedGuidelines):
                return true;
            case (9, Varint) when wire.Int32(out var v):
                m.CareType = (Proto.CareType)v;
                return true;
            case (10, Varint) when wire.Int32(out var v):
                m.EmployerAuthorizedVisits = v;
                return true;
            default:
                return false;
        }
    }

    /// <summary>A message's fields one after another, each read by <paramref name="field"/>, which is false for a field it
    /// does not read (and so for the whole message).</summary>
    private bool Fields<T>(ReadOnlySpan<byte> bytes, T message, FieldReader<T> field)
    {
        var wire = new WireReader(bytes);
        while (wire.More)
        {
            if (!wire.Tag(out var number, out var type) || !field(this, ref wire, number, type, message))
            {
                return false;
            }
        }
        return true;
    }

    private delegate bool FieldReader<T>(RequestReader reader, ref WireReader wire, int field, int wireType, T message);

    /// <summary>One more code in a repeated field; a list beyond the contract's limit is left to the parser and the mapper.</summary>
    private bool Code(ReadOnlySpan<byte> bytes, RepeatedField<string> list, int limit)
    {
        if (list.Count >= limit || !_codes.TryGet(bytes, out var code))
        {
            return false;
        }
        list.Add(code);
        return true;
    }

    private static T Fresh<T>(T message) where T : Proto.IReusedMessage
    {
        message.Reset();
        return message;
    }

    /// <summary>The messages of one repeated field, kept up to the contract's limit on its length.</summary>
    private sealed class Kept<T>(int limit) where T : class, Proto.IReusedMessage, new()
    {
        private readonly List<T> _kept = [];
        private int _used;

        public void Restart() => _used = 0;

        /// <summary>A cleared message added to the list, or null past the limit.</summary>
        public T? Add(RepeatedField<T> list)
        {
            if (_used == limit)
            {
                return null;
            }
            if (_used == _kept.Count)
            {
                _kept.Add(new T());
            }
            var message = Fresh(_kept[_used++]);
            list.Add(message);
            return message;
        }
    }
}
