using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Compilation;

/// <summary>
/// A rule row with everything the request path needs already worked out: the derived initial course,
/// the citation text, the course range as words. Built once per version, shared by every request.
/// </summary>
public sealed class CompiledRule
{
    internal CompiledRule(RuleRow row, int order, string? conditionDescription, string unitPlural)
    {
        Row = row;
        UnitPlural = unitPlural;
        Order = order;
        Trial = DeriveTrial(row);
        PagesText = string.Join(", ", row.Pages);
        ConditionDescription = conditionDescription;
        RangeText = DescribeRange(row);
        TrialText = DescribeTrial(row, Trial);
        MaxVisits = row.MaxVisits;
        RegionSpecific = row.BodyRegions.Count > 0;
        CiteText = PagesText.Length > 0 ? $"{row.Id}, p. {PagesText}" : $"{row.Id}, {row.Section}";
        WhereText = DescribeWhere(row);
        WhereTextCapitalized = Rationale.Words.Capitalize(WhereText);
        NameIsPlural = GuidelineHead(row.Guideline).EndsWith('s');
        CourseText = RangeText.Length > 0 ? RangeText
            : row.OverWeeks is { } weeks ? $"a course of {weeks} {(weeks == 1 ? "week" : "weeks")}" : "";
    }

    public RuleRow Row { get; }
    public string Id => Row.Id;
    /// <summary>Position in the version's rule list; breaks ties deterministically.</summary>
    public int Order { get; }
    /// <summary>Trial or initial course in visits; for post-surgical rows derived from the general course.</summary>
    public int? Trial { get; private set; }
    /// <summary>The row that sets the trial when this row sets only the total (its <c>TrialFrom</c>); null otherwise.</summary>
    public CompiledRule? TrialSource { get; private set; }
    /// <summary>The row that sets the number of visits when this row sets none (its <c>MaxVisitsFrom</c>); null otherwise.</summary>
    public CompiledRule? MaxSource { get; private set; }
    /// <summary>The most visits of the course: the row's own, or its <see cref="MaxSource"/>'s.</summary>
    public int? MaxVisits { get; private set; }
    public string PagesText { get; }
    /// <summary>The row as a detail line cites it: "cpmtg-pm-myalgia, p. 99", or its section where it has no pages.</summary>
    public string CiteText { get; }
    /// <summary>
    /// The row as a rationale sentence names it, its subject in most sentences: "the MTUS Chronic Pain Medical Treatment
    /// Guidelines (page 99)". Written once here: a paragraph names its rows several times.
    /// </summary>
    public string WhereText { get; }
    /// <summary><see cref="WhereText"/> opening a sentence: "The MTUS Chronic Pain Medical Treatment Guidelines (page 99)".</summary>
    public string WhereTextCapitalized { get; }
    /// <summary>Whether the guideline's name takes a plural verb ("Guidelines support", "Labor Code sets").</summary>
    public bool NameIsPlural { get; }
    public string? ConditionDescription { get; }
    /// <summary>e.g. "9-10 visits over 8 weeks"; empty when the row sets no maximum.</summary>
    public string RangeText { get; }
    /// <summary>e.g. "6 visits over 2 weeks"; empty when the row has no trial.</summary>
    public string TrialText { get; private set; }
    public bool RegionSpecific { get; }
    /// <summary>
    /// Checked by an editor against the DWC text. The bundle carries that as the row's confidence: an editor who verifies
    /// a row sets it to high; medium and low are transcriptions still to be checked.
    /// </summary>
    public bool Verified => Row.Confidence == Confidence.High;
    /// <summary>What the row's quantities count, plural ("visits", "months", "injections").</summary>
    public string UnitPlural { get; }
    /// <summary>True when the initial course was derived from a fraction of the general course.</summary>
    public bool TrialDerived => Row.TrialVisits is null && TrialSource is null && Trial is not null;

    /// <summary>Takes the trial of another row; done once by the compiler, before the rule is shared.</summary>
    internal void TakeTrialFrom(CompiledRule source)
    {
        TrialSource = source;
        Trial = source.Trial;
        TrialText = source.TrialText;
    }

    /// <summary>Takes the number of visits of another row; done once by the compiler, before the rule is shared.</summary>
    internal void TakeMaxFrom(CompiledRule source)
    {
        MaxSource = source;
        MaxVisits = source.Row.MaxVisits;
    }

    /// <summary>"9-10 visits over 8 weeks", or for a row that sets only weeks, "a course of 4 weeks".</summary>
    public string CourseText { get; }

    /// <summary>Whom the row is for, as a detail line says it: "for myalgia and myositis", "after knee arthroplasty".</summary>
    public string ScopeText { get; private set; } = "";

    /// <summary>The trial as a detail line names it: "trial of 6 visits", "initial course: 50% of 24 = 12".</summary>
    public string TrialLabel { get; private set; } = "";

    /// <summary>What a repeat injection needs: "&gt;= 50% relief for &gt;= 6 weeks with reduced medication".</summary>
    public string RepeatText { get; private set; } = "";

    /// <summary>The conditions the row is indicated for, by name; empty when it lists none.</summary>
    public string IndicatedGroupsText { get; private set; } = "";

    /// <summary>
    /// The texts above, written once when the version is compiled (they read the catalog's names and the trial's source):
    /// a detail line on the request path only copies them. The wording stays with the other detail templates.
    /// </summary>
    internal void Describe(CompiledGuideline guideline)
    {
        ScopeText = Rationale.DetailFormatter.Scope(guideline, this);
        TrialLabel = Rationale.DetailFormatter.DescribeTrial(this);
        RepeatText = Rationale.DetailFormatter.Repeat(this);
        IndicatedGroupsText = Rationale.DetailFormatter.IndicatedGroups(guideline, this);
    }

    private static int? DeriveTrial(RuleRow row)
    {
        if (row.TrialVisits is { } trial)
        {
            return trial;
        }
        if (row.InitialCoursePercent is { } percent && row.MaxVisits is { } max)
        {
            var scaled = max * percent;
            return row.InitialCourseRounding == Rounding.Up ? (scaled + 99) / 100 : scaled / 100;
        }
        return null;
    }

    /// <summary>The name before any parenthesis: "ODG" of "ODG (Official Disability Guidelines)".</summary>
    private static string GuidelineHead(string name)
    {
        var paren = name.IndexOf(" (", StringComparison.Ordinal);
        return paren > 0 ? name[..paren] : name;
    }

    private static string DescribeWhere(RuleRow row)
    {
        var locator = row.Pages.Count switch
        {
            0 => row.Section,
            1 => $"page {row.Pages[0]}",
            _ => $"pages {Rationale.Words.List(row.Pages)}",
        };
        return locator.Length > 0 ? $"the {row.Guideline} ({locator})" : $"the {row.Guideline}";
    }

    private string DescribeRange(RuleRow row)
    {
        if (row.MaxVisits is not { } max)
        {
            return "";
        }
        var count = row.MinVisits is { } min && min != max ? $"{min}-{max}" : max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var unit = UnitWords.Of(UnitPlural, max);
        return row.OverWeeks is { } weeks ? $"{count} {unit} over {weeks} {(weeks == 1 ? "week" : "weeks")}" : $"{count} {unit}";
    }

    private string DescribeTrial(RuleRow row, int? trial)
    {
        if (trial is not { } t)
        {
            return "";
        }
        var unit = UnitWords.Of(UnitPlural, t);
        return row.TrialWeeks is { } weeks ? $"{t} {unit} over {weeks} {(weeks == 1 ? "week" : "weeks")}" : $"{t} {unit}";
    }
}

/// <summary>Singular or plural of a catalog unit ("visits" → "visit").</summary>
public static class UnitWords
{
    public static string Of(string plural, int count) =>
        count == 1 && plural.EndsWith('s') ? plural[..^1] : plural;
}
