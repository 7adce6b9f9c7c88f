using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Rationale;

namespace ImrGrpc.Engine.Tests;

/// <summary>
/// The letter takes an item's guideline-basis line from what its version has already written for the same citations;
/// the line must be the one written afresh, for every combination, and never one kept for another version's rows.
/// </summary>
public sealed class GuidelineBasesTests
{
    private static IEnumerable<(CompiledGuideline Guideline, IReadOnlyList<CompiledRule> Citations)> Cited()
    {
        var cases = new[]
        {
            CaseBuilder.Chronic().Dates("2013-06-03", "2012-09-10").Dx("M79.1").Item("aquatic_therapy", 6, "lumbar_spine"),
            CaseBuilder.Chronic().Dates("2013-06-03", "2012-09-10").Dx("M79.1").Item("physical_therapy", 6, "lumbar_spine"),
            CaseBuilder.Chronic().Dates("2013-06-03", "2012-09-10").Item("acupuncture", 6, "lumbar_spine"),
            CaseBuilder.Chronic().Ur().Dates("2013-06-03", "2012-09-10").Prior("functional_restoration_program", 5, "2013-05-20").Item("tens", 1),
        };
        foreach (var version in new[] { "mtus-2009", "mtus-2016" })
        {
            var guideline = SeedBook.Version(version);
            foreach (var c in cases)
            {
                yield return (guideline, c.Decide(guideline).Items[0].Citations);
            }
        }
    }

    [Fact]
    public void A_kept_line_is_the_line_written_afresh()
    {
        var cited = Cited().ToList();
        Assert.True(cited.Select(c => RationaleRenderer.GuidelineBasis(c.Citations)).Distinct().Count() >= 4, "the cases cite too few combinations");
        // Twice over: the first pass writes and keeps, the second finds what the first kept.
        foreach (var (guideline, citations) in cited.Concat(cited))
        {
            Assert.Equal(RationaleRenderer.GuidelineBasis(citations), GuidelineBases.For(guideline, citations));
        }
    }

    [Fact]
    public void Rows_of_another_version_are_written_afresh_not_taken_for_this_versions_rows_in_the_same_positions()
    {
        var older = SeedBook.Version("mtus-2009");
        var newer = SeedBook.Version("mtus-2016");
        // A position where the two versions hold rows whose lines differ.
        var position = Enumerable.Range(0, Math.Min(older.Rules.Count, newer.Rules.Count)).First(i =>
            RationaleRenderer.GuidelineBasis([older.Rules[i]]) != RationaleRenderer.GuidelineBasis([newer.Rules[i]]));
        IReadOnlyList<CompiledRule> newerRow = [newer.Rules[position]], olderRow = [older.Rules[position]];

        // The newer version keeps the line for its own row; the older version's row at that position still gets its own.
        Assert.Equal(RationaleRenderer.GuidelineBasis(newerRow), GuidelineBases.For(newer, newerRow));
        Assert.Equal(RationaleRenderer.GuidelineBasis(olderRow), GuidelineBases.For(newer, olderRow));
        Assert.Equal(RationaleRenderer.GuidelineBasis(olderRow), GuidelineBases.For(older, olderRow));
        Assert.Equal(RationaleRenderer.GuidelineBasis(newerRow), GuidelineBases.For(newer, newerRow));
    }
}
