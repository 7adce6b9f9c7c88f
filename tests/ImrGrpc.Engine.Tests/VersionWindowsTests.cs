using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Tests;

/// <summary>Which version is in force on a date: one answer for the server's library, a publish and the admin tools.</summary>
public sealed class VersionWindowsTests
{
    private static VersionInfo V(string id, string? from, string? to, VersionStatus status = VersionStatus.Published) => new()
    {
        Id = id, EffectiveFrom = IsoDate.Parse(from), EffectiveTo = IsoDate.Parse(to), Status = status,
    };

    private static readonly IReadOnlyList<VersionInfo> Versions =
    [
        V("2009", "2009-07-18", "2015-04-19"),
        V("retired", "2015-04-20", "2016-07-27", VersionStatus.Retired),
        V("2015", "2015-04-20", "2016-07-27"),
        V("2017", "2017-12-01", null),
        V("draft", null, null, VersionStatus.Draft),
    ];

    [Theory]
    [InlineData("2009-07-18", "2009")]
    [InlineData("2015-04-19", "2009")]
    [InlineData("2015-04-20", "2015")]
    [InlineData("2016-07-28", null)]
    [InlineData("2040-01-01", "2017")]
    [InlineData("2001-01-01", null)]
    public void Only_a_published_version_is_in_force_on_the_days_of_its_window(string date, string? expected)
    {
        Assert.Equal(expected, VersionWindows.InForceOn(Versions, static v => v, IsoDate.Parse(date)!.Value)?.Id);
    }

    [Fact]
    public void Were_two_windows_ever_to_overlap_the_one_that_started_last_wins()
    {
        IReadOnlyList<VersionInfo> overlapping = [V("old", "2010-01-01", null), V("new", "2012-01-01", null)];
        Assert.Equal("new", VersionWindows.InForceOn(overlapping, static v => v, new DateOnly(2013, 1, 1))?.Id);
        Assert.Equal("old", VersionWindows.InForceOn(overlapping, static v => v, new DateOnly(2011, 1, 1))?.Id);
    }

    [Fact]
    public void The_servers_library_answers_with_the_same_rule()
    {
        var library = new GuidelineLibrary(SeedVersions().Select(v => new GuidelineSlot(v, () => throw new InvalidOperationException("not compiled to pick"))), 1);
        foreach (var date in new[] { "2009-07-18", "2015-04-20", "2016-07-28", "2017-11-30", "2030-01-01", "2000-01-01" })
        {
            var day = IsoDate.Parse(date)!.Value;
            Assert.Equal(VersionWindows.InForceOn(SeedVersions(), static v => v, day)?.Id, library.SlotInForceOn(day)?.Version.Id);
        }
    }

    private static IReadOnlyList<VersionInfo> SeedVersions() =>
        [.. new[] { "mtus-2009", "mtus-2015", "mtus-2016", "mtus-2017" }.Select(id => SeedBook.Version(id).Version)];
}
