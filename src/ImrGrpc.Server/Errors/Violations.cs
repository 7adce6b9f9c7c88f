using System.Text;
using Google.Rpc;
using ImrGrpc.Contract.Mapping;

namespace ImrGrpc.Server.Errors;

/// <summary>
/// The field violations of one INVALID_ARGUMENT, kept small whatever the request: the first few are listed in full
/// (values clipped) while they fit in a budget, the rest are folded into one entry per distinct field pattern ("items[*].treatment", with the
/// positions), so every offending field is still named. Trailers past ~8 KB are refused by common clients (grpcio's
/// default channel, the .NET HPACK decoder), which would hide the answer behind a transport error.
/// </summary>
public sealed class Violations
{
    /// <summary>Violations listed with their own description, while they fit in <see cref="ListedBytes"/>.</summary>
    public const int MaxListed = 20;

    public const int ListedBytes = 1800;

    public const int MaxDescriptionChars = 160;
    public const int MaxFieldChars = 100;

    /// <summary>The serialized BadRequest stays below this many bytes (base64 in grpc-status-details-bin adds a third).</summary>
    public const int MaxDetailBytes = 3000;

    private const int MaxGroups = 64;
    private const int MaxRuns = 6;
    private const int ExampleChars = 80;

    private readonly List<FieldProblem> _listed = [];
    private readonly List<Group> _groups = [];
    private readonly Dictionary<string, Group> _byPattern = new(StringComparer.Ordinal);
    private int _ungrouped;
    private int _listedBytes;

    public int Count { get; private set; }

    public FieldProblem? First => _listed.Count > 0 ? _listed[0] : null;

    /// <summary>Whether the next violation would be listed in full; callers with thousands of them skip building text otherwise.</summary>
    public bool Listing => _listed.Count < MaxListed && _listedBytes < ListedBytes;

    public void Add(FieldProblem problem)
    {
        if (Listing)
        {
            Count++;
            var listed = new FieldProblem(Clipping.Clip(problem.Field, MaxFieldChars), Clipping.Clip(problem.Description, MaxDescriptionChars));
            _listed.Add(listed);
            _listedBytes += Encoding.UTF8.GetByteCount(listed.Field) + Encoding.UTF8.GetByteCount(listed.Description) + 6;
            return;
        }
        AddUnlisted(problem.Field, problem.Description);
    }

    /// <summary>A violation counted under its field's pattern without being listed; the description is only kept as an example.</summary>
    public void AddUnlisted(string field, string? description)
    {
        var (pattern, index) = Pattern(field);
        AddUnlisted(pattern, index, description);
    }

    /// <summary>The same, for a caller that knows the pattern ("item_ids[*]") and the element's index without writing the path.</summary>
    public void AddUnlisted(string pattern, int index, string? description)
    {
        Count++;
        if (!_byPattern.TryGetValue(pattern, out var group))
        {
            if (_groups.Count >= MaxGroups)
            {
                _ungrouped++;
                return;
            }
            group = new Group(pattern, description is null ? null : Clipping.Clip(description, ExampleChars));
            _groups.Add(group);
            _byPattern.Add(pattern, group);
        }
        group.Add(index);
    }

    public BadRequest ToBadRequest()
    {
        var badRequest = new BadRequest();
        foreach (var p in _listed)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = p.Field, Description = p.Description });
        }
        var omitted = _ungrouped;
        var omittedFields = 0;
        foreach (var group in _groups)
        {
            var withExample = new BadRequest.Types.FieldViolation { Field = group.Pattern, Description = group.Describe(showExample: true) };
            var size = badRequest.CalculateSize();
            if (size + withExample.CalculateSize() + 8 <= MaxDetailBytes - 200)
            {
                badRequest.FieldViolations.Add(withExample);
                continue;
            }
            var bare = new BadRequest.Types.FieldViolation { Field = group.Pattern, Description = group.Describe(showExample: false) };
            if (size + bare.CalculateSize() + 8 <= MaxDetailBytes - 200)
            {
                badRequest.FieldViolations.Add(bare);
                continue;
            }
            omitted += group.Count;
            omittedFields++;
        }
        if (omitted > 0)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = "*",
                Description = omittedFields > 0 ? $"and {omitted} more in {omittedFields} other fields" : $"and {omitted} more",
            });
        }
        return badRequest;
    }

    /// <summary>"items[12].body_regions[3]" → ("items[*].body_regions[*]", 12): the first index says which element.</summary>
    private static (string Pattern, int Index) Pattern(string field)
    {
        var builder = new StringBuilder(Math.Min(field.Length, MaxFieldChars + 8));
        var first = -1;
        for (var i = 0; i < field.Length && builder.Length < MaxFieldChars; i++)
        {
            if (field[i] == '[')
            {
                var end = i + 1;
                var value = 0L;
                while (end < field.Length && char.IsAsciiDigit(field[end]) && end - i < 12)
                {
                    value = value * 10 + (field[end] - '0');
                    end++;
                }
                if (end > i + 1 && end < field.Length && field[end] == ']')
                {
                    if (first < 0)
                    {
                        first = (int)Math.Min(value, int.MaxValue);
                    }
                    builder.Append("[*]");
                    i = end;
                    continue;
                }
            }
            builder.Append(field[i]);
        }
        return (builder.ToString(), first);
    }

    /// <summary>The positions of one pattern as a few runs ("3..99, 120"), so memory stays flat however many there are.</summary>
    private sealed class Group(string pattern, string? example)
    {
        private readonly List<(int From, int To)> _runs = [];
        private bool _moreRuns;

        public string Pattern { get; } = pattern;

        public int Count { get; private set; }

        public void Add(int index)
        {
            Count++;
            if (index < 0)
            {
                return;
            }
            if (_runs.Count > 0 && _runs[^1].To + 1 == index)
            {
                _runs[^1] = (_runs[^1].From, index);
            }
            else if (_runs.Count > 0 && _runs[^1].From <= index && index <= _runs[^1].To)
            {
                // The same element twice (two problems with one field): already covered.
            }
            else if (_runs.Count < MaxRuns)
            {
                _runs.Add((index, index));
            }
            else
            {
                _moreRuns = true;
            }
        }

        public string Describe(bool showExample)
        {
            var text = new StringBuilder($"and {Count} more like this");
            if (_runs.Count > 0)
            {
                text.Append(" at [");
                text.AppendJoin(", ", _runs.Select(r => r.From == r.To ? $"{r.From}" : $"{r.From}..{r.To}"));
                text.Append(_moreRuns ? ", …]" : "]");
            }
            if (showExample && example is not null)
            {
                text.Append(": ").Append(example);
            }
            return text.ToString();
        }
    }
}

/// <summary>Cuts caller-sized text down to a size that fits in a status, saying how much there was.</summary>
public static class Clipping
{
    public static string Clip(string value, int maxChars)
    {
        if (value.Length <= maxChars)
        {
            return value;
        }
        var keep = maxChars;
        if (char.IsHighSurrogate(value[keep - 1]))
        {
            keep--;
        }
        return $"{value.AsSpan(0, keep)}…(clipped, {Encoding.UTF8.GetByteCount(value)} bytes)";
    }
}
