using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ImrGrpc.Engine.Cases;

namespace ImrGrpc.Engine.Evaluation;

/// <summary>
/// The decision id: sha-256 over a fixed binary form of the normalized request, the guideline version's content
/// hash and the engine version. Field order is fixed here, so the same request decided under the same rules has
/// the same id on any machine, years later.
/// </summary>
public static class DecisionIds
{
    public static string Compute(CaseRequest request, string contentHash)
    {
        var writer = new DigestWriter(ArrayPool<byte>.Shared.Rent(2048));
        try
        {
            writer.String("imr-decision/1");
            writer.String(DecisionEngine.Version);
            writer.String(contentHash);
            writer.String(request.CaseId);
            writer.Int((int)request.ReviewType);
            writer.Date(request.RequestDate);
            writer.Date(request.InjuryDate);
            writer.String(request.GuidelineVersion ?? "");

            var c = request.Clinical;
            writer.Int((int)c.Phase);
            writer.Int(c.Diagnoses.Count);
            for (var k = 0; k < c.Diagnoses.Count; k++)
            {
                var d = c.Diagnoses[k];
                writer.String(d.Code);
                writer.String(d.Description);
            }
            writer.Set(c.BodyRegions);
            writer.Bool(c.Surgery is not null);
            if (c.Surgery is { } s)
            {
                writer.String(s.Procedure);
                writer.Date(s.Date);
            }
            Snapshot(ref writer, c.PreviousFunction);
            Snapshot(ref writer, c.CurrentFunction);
            writer.Int((int)c.FunctionalEvidence.WorkRestrictions);
            writer.Int((int)c.FunctionalEvidence.ActivitiesOfDailyLiving);
            writer.Int((int)c.FunctionalEvidence.TreatmentDependence);
            writer.OptionalBool(c.HomeExerciseProgram);
            writer.OptionalBool(c.Radiculopathy.ExamFindings);
            writer.OptionalBool(c.Radiculopathy.ImagingCorroborated);
            writer.OptionalBool(c.Radiculopathy.ElectrodiagnosticCorroborated);

            writer.Int(request.PriorTreatments.Count);
            for (var k = 0; k < request.PriorTreatments.Count; k++)
            {
                var p = request.PriorTreatments[k];
                writer.String(p.Treatment);
                writer.Int(p.Sessions);
                writer.OptionalDate(p.StartDate);
                writer.OptionalDate(p.EndDate);
                writer.Set(p.BodyRegions);
                writer.OptionalInt(p.PainReliefPercent);
                writer.OptionalInt(p.ReliefDurationWeeks);
                writer.OptionalBool(p.MedicationReduced);
            }

            writer.Int(request.Items.Count);
            for (var k = 0; k < request.Items.Count; k++)
            {
                var i = request.Items[k];
                writer.String(i.ItemId);
                writer.String(i.Description);
                writer.String(i.Treatment);
                writer.Int(i.Quantity);
                writer.Set(i.BodyRegions);
                writer.OptionalInt(i.FrequencyPerWeek);
                writer.OptionalInt(i.DurationWeeks);
                writer.Strings(i.ClaimsAdministratorGuidelines);
                writer.Int((int)i.CareType);
            }

            // Written only when some item carries one, so the ids of requests without the field stay what they were.
            var anyAuthorized = false;
            for (var k = 0; k < request.Items.Count; k++)
            {
                anyAuthorized |= request.Items[k].EmployerAuthorizedVisits != 0;
            }
            if (anyAuthorized)
            {
                writer.String("employer_authorized_visits");
                for (var k = 0; k < request.Items.Count; k++)
                {
                    writer.Int(request.Items[k].EmployerAuthorizedVisits);
                }
            }

            Span<byte> hash = stackalloc byte[32];
            var sha = ThreadKept<Sha256Context>.Take() ?? new Sha256Context();
            sha.Hash.AppendData(writer.Written);
            sha.Hash.GetHashAndReset(hash);
            ThreadKept<Sha256Context>.Keep(sha);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            writer.Return();
        }
    }

    private static void Snapshot(ref DigestWriter writer, FunctionSnapshot? snapshot)
    {
        writer.Bool(snapshot is not null);
        if (snapshot is null)
        {
            return;
        }
        writer.OptionalDate(snapshot.Date);
        writer.Int((int)snapshot.WorkStatus);
        writer.OptionalDouble(snapshot.WorkHoursPerDay);
        writer.OptionalDouble(snapshot.LiftingLimitLb);
        writer.OptionalInt(snapshot.OpioidAgents);
        writer.OptionalDouble(snapshot.MorphineEquivalentMgPerDay);
    }

    /// <summary>
    /// A SHA-256 context kept per thread between ids. SHA256.HashData builds and frees a context through OpenSSL 3 on
    /// every call, which on two busy cores costs more than hashing the case's few hundred bytes (docs/PERFORMANCE.md,
    /// "Fifth pass"). Kept again only once the hash is read and reset, so a failure half-way leaves nothing in it for
    /// the thread's next id.
    /// </summary>
    private sealed class Sha256Context
    {
        public IncrementalHash Hash { get; } = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }

    /// <summary>Length-prefixed, little-endian fields into a pooled buffer that grows as needed.</summary>
    private struct DigestWriter(byte[] buffer)
    {
        private byte[] _buffer = buffer;
        private int _length;

        public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        public void Int(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);
            _length += 4;
        }

        public void Bool(bool value) => Int(value ? 1 : 0);

        public void OptionalBool(bool? value) => Int(value switch { null => -1, true => 1, false => 0 });

        public void OptionalInt(int? value)
        {
            Bool(value.HasValue);
            Int(value ?? 0);
        }

        public void OptionalDouble(double? value)
        {
            Bool(value.HasValue);
            BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), BitConverter.DoubleToInt64Bits(value ?? 0));
            _length += 8;
        }

        public void Date(DateOnly date) => Int(date.DayNumber);

        public void OptionalDate(DateOnly? date) => Int(date?.DayNumber ?? -1);

        public void String(string value)
        {
            var max = Encoding.UTF8.GetMaxByteCount(value.Length);
            var span = Reserve(4 + max);
            var written = Encoding.UTF8.GetBytes(value, span[4..]);
            BinaryPrimitives.WriteInt32LittleEndian(span, written);
            _length += 4 + written;
        }

        /// <summary>A set of codes: sorted and without repeats, so their order in the request never changes the id.</summary>
        public void Set(IReadOnlyList<string> values)
        {
            if (values.Count <= 1)
            {
                Strings(values);
                return;
            }
            // A request's sets are a few codes each: an insertion sort by ordinal order over a copy costs less than
            // LINQ's ToArray and the framework's sort through a comparer; the order, and so every id, is the same. The
            // copy lives on the stack up to SmallSet's size (every item has a region set: an array each was 40 B per item).
            var small = new SmallSet();
            var sorted = values.Count <= SmallSet.Size ? ((Span<string>)small)[..values.Count] : new string[values.Count];
            for (var i = 0; i < sorted.Length; i++)
            {
                var value = values[i];
                var j = i;
                for (; j > 0 && string.CompareOrdinal(sorted[j - 1], value) > 0; j--)
                {
                    sorted[j] = sorted[j - 1];
                }
                sorted[j] = value;
            }
            var distinct = 1;
            for (var i = 1; i < sorted.Length; i++)
            {
                if (!string.Equals(sorted[i], sorted[distinct - 1], StringComparison.Ordinal))
                {
                    sorted[distinct++] = sorted[i];
                }
            }
            Int(distinct);
            for (var i = 0; i < distinct; i++)
            {
                String(sorted[i]);
            }
        }

        public void Strings(IReadOnlyList<string> values)
        {
            Int(values.Count);
            for (var k = 0; k < values.Count; k++)
            {
                String(values[k]);
            }
        }

        private Span<byte> Reserve(int size)
        {
            if (_length + size > _buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + size));
                _buffer.AsSpan(0, _length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }
            return _buffer.AsSpan(_length, size);
        }

        public readonly void Return() => ArrayPool<byte>.Shared.Return(_buffer);
    }

    /// <summary>Room on the stack for a small set's sorted copy.</summary>
    [System.Runtime.CompilerServices.InlineArray(Size)]
    private struct SmallSet
    {
        public const int Size = 8;
        private string _first;
    }
}
