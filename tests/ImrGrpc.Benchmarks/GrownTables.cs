using System.Globalization;
using ImrGrpc.Engine.Model;
using ImrGrpc.Engine.Validation;

namespace ImrGrpc.Benchmarks;

/// <summary>
/// A seed version grown to N times its rows with synthetic but valid rows, so row selection has more candidates:
/// half the added rows go to the physical-therapy chronic bucket (physical, aquatic and occupational therapy; each row
/// for a new condition group with its own ICD-10 prefix X00.00, X00.01, ..., some limited to a body region, some not
/// recommended), the other half to new unrelated treatments (ten rows each: one for any diagnosis, nine for the new
/// groups). No benchmark diagnosis maps to a new group, so every decision stays the same; the grown book must pass
/// <see cref="GuidelineValidator"/> with no error.
/// </summary>
public static class GrownTables
{
    private static readonly string[] PtTreatments = ["physical_therapy", "aquatic_therapy", "occupational_therapy"];
    private static readonly string[][] Regions = [[], ["lumbar_spine"], ["cervical_spine"], ["upper_extremity"], ["knee"]];

    public static GuidelineBook Grow(GuidelineBook book, int factor)
    {
        if (factor <= 1)
        {
            return book;
        }
        var added = book.Rules.Count * (factor - 1);
        var ptRows = added / 2;
        var unrelatedRows = added - ptRows;
        var treatments = (unrelatedRows + 9) / 10;

        var groups = new List<ConditionGroupInfo>(ptRows);
        var rules = new List<RuleRow>(book.Rules);
        for (var i = 0; i < ptRows; i++)
        {
            var group = Group(i);
            groups.Add(new ConditionGroupInfo(group, $"synthetic condition {i}", [Prefix(i)]));
            var notRecommended = i % 10 == 9;
            rules.Add(Row($"synthetic-pm-{i:D5}", PtTreatments, group, Regions[i % Regions.Length]) with
            {
                NotRecommended = notRecommended,
                MinVisits = notRecommended ? null : 6,
                MaxVisits = notRecommended ? null : 8 + (i % 10),
                OverWeeks = notRecommended ? null : 8,
                RequiresFunctionalImprovement = !notRecommended,
                FrequencyPerWeekMax = notRecommended ? null : 3,
            });
        }

        var newTreatments = new List<TreatmentInfo>(treatments);
        var remaining = unrelatedRows;
        for (var t = 0; t < treatments; t++)
        {
            var code = $"synthetic_treatment_{t:D4}";
            newTreatments.Add(new TreatmentInfo { Code = code, Description = $"Synthetic treatment {t}", Name = $"synthetic treatment {t}", Unit = "visits", Active = t % 2 == 0 });
            for (var r = 0; r < 10 && remaining > 0; r++, remaining--)
            {
                // Row 0 answers any diagnosis (the fallback every treatment needs); rows 1-9 are for new groups.
                var group = r == 0 || ptRows == 0 ? null : Group((t * 9 + r - 1) % ptRows);
                rules.Add(Row($"synthetic-tx-{t:D4}-{r}", [code], group, Regions[r % Regions.Length]) with
                {
                    MaxVisits = 10 + r,
                    OverWeeks = 6,
                    TrialVisits = 4,
                    TrialWeeks = 2,
                    RequiresFunctionalImprovement = true,
                    BodyRegions = group is null ? [] : Regions[r % Regions.Length],
                });
            }
        }

        var version = book.Version with
        {
            Id = $"{book.Version.Id}-x{factor}",
            Label = $"{book.Version.Label} grown to {factor}x its rows",
            ContentHash = $"{book.Version.ContentHash}-x{factor}",
        };
        var catalog = book.Catalog with
        {
            ConditionGroups = [.. book.Catalog.ConditionGroups, .. groups],
            Treatments = [.. book.Catalog.Treatments, .. newTreatments],
        };
        var grown = new GuidelineBook(version, catalog, rules);
        var errors = GuidelineValidator.Validate(grown).Where(p => p.Severity == Severity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"the grown table {version.Id} is not valid:\n  " + string.Join("\n  ", errors.Take(10)));
        }
        return grown;
    }

    private static string Group(int i) => $"synthetic_group_{i:D5}";

    /// <summary>X00.00, X00.01, ... X99.99: unique, and no benchmark diagnosis starts with X.</summary>
    private static string Prefix(int i) => string.Create(CultureInfo.InvariantCulture, $"X{i / 100 % 100:D2}.{i % 100:D2}");

    private static RuleRow Row(string id, string[] treatments, string? group, string[] regions) => new()
    {
        Id = id,
        Role = RuleRole.Course,
        Source = SourceKind.Mtus,
        Guideline = "Synthetic benchmark rows",
        Section = "Synthetic",
        Pages = ["1"],
        Treatments = treatments,
        Phase = Phase.Chronic,
        CareType = CareType.Therapeutic,
        ConditionGroup = group,
        BodyRegions = regions,
        Confidence = Confidence.Low,
        ConfidenceReason = "synthetic row for the table-growth benchmarks",
    };
}
