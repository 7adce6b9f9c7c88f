using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Impact;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage;

namespace ImrGrpc.Engine.Tests;

/// <summary>
/// The impact tally behind `admin impact`: counts over every case, listings bounded to the first cases by position,
/// and the same report however the cases were split between workers and in whatever order they came.
/// </summary>
public sealed class ImpactTallyTests
{
    private static readonly string[] Treatments = ["physical_therapy", "massage", "acupuncture", "manipulation", "not_a_treatment"];

    /// <summary>Chronic myalgia cases, function improving, with more and more prior visits; every fifth names a treatment no version knows.</summary>
    private static List<ImpactCase> Cases() => [.. Enumerable.Range(0, 300).Select(i => new ImpactCase($"case {i}",
        CaseBuilder.Chronic().Dx("M79.1").Improved().Hep(true).Prior(Treatments[i % 5], i % 25, null, null, "lumbar_spine").Item(Treatments[i % 5], 1 + i % 12, "lumbar_spine").Build()))];

    /// <summary>mtus-2009 with the myalgia physical-medicine maximum raised from 10 to 12 visits (the README's example draft).</summary>
    private static CompiledGuideline RaisedMyalgia()
    {
        var seed = SeedData.Load().Versions.Single(v => v.Id == "mtus-2009");
        return GuidelineCompiler.Compile(new GuidelineBook(
            new VersionInfo { Id = "draft", Label = "myalgia 12", EffectiveFrom = seed.EffectiveFrom, Status = VersionStatus.Draft, ContentHash = "" },
            seed.Catalog,
            [.. seed.Rules.Select(r => r.Id == "cpmtg-pm-myalgia" ? r with { MaxVisits = 12 } : r)]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Cases_split_between_workers_in_any_order_give_the_report_of_one_tally_fed_in_order(int shuffle)
    {
        var before = SeedBook.Version("mtus-2009");
        var after = RaisedMyalgia();
        var limits = new ImpactLimits(MaxChanges: 10, MaxErrors: 5);
        var cases = Cases();
        var one = new ImpactTally(before, after, limits);
        for (var i = 0; i < cases.Count; i++)
        {
            one.Add(i, cases[i]);
        }
        one.AddUnreadable(cases.Count, new ImpactError("line 301", "not a request"));
        var expected = one.ToReport();

        var workers = Enumerable.Range(0, 3).Select(_ => new ImpactTally(before, after, limits)).ToArray();
        var random = new Random(shuffle);
        var order = Enumerable.Range(0, cases.Count).OrderBy(_ => random.Next()).ToList();
        for (var k = 0; k < order.Count; k++)
        {
            workers[k % 3].Add(order[k], cases[order[k]]);
        }
        workers[1].AddUnreadable(cases.Count, new ImpactError("line 301", "not a request"));
        workers[2].Merge(workers[0]);
        workers[2].Merge(workers[1]);
        var merged = workers[2].ToReport();

        Assert.True(expected.ChangedItems > 10, $"only {expected.ChangedItems} changes: the listing limit is not exercised");
        Assert.Equal(300, merged.Cases);
        Assert.Equal(expected.Items, merged.Items);
        Assert.Equal(expected.ByTreatment, merged.ByTreatment);
        Assert.Equal(expected.Changes.Select(c => (c.CaseName, c.ItemId, c.Direction)), merged.Changes.Select(c => (c.CaseName, c.ItemId, c.Direction)));
        Assert.Equal(10, merged.Changes.Count);
        Assert.Equal(expected.ChangedItems - 10, merged.ChangesNotListed);
        Assert.Equal(61, merged.ErrorCount);
        Assert.Equal(expected.Errors, merged.Errors);
        Assert.Equal(["case 4", "case 9", "case 14", "case 19", "case 24"], merged.Errors.Select(e => e.CaseName));
    }
}
