using System.Globalization;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Engine.Tests;

/// <summary>The fast reading of YYYY-MM-DD agrees with the framework's exact parser on every input, well formed or not.</summary>
public sealed class IsoDateTests
{
    private static bool Framework(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, IsoDate.Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    [Theory]
    [InlineData("2014-07-14")]
    [InlineData("2024-02-29")]
    [InlineData("2023-02-29")]
    [InlineData("2030-02-30")]
    [InlineData("0000-01-01")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2014-13-01")]
    [InlineData("2014-00-10")]
    [InlineData("2014-01-00")]
    [InlineData("2014-1-01")]
    [InlineData("2014/01/01")]
    [InlineData(" 2014-01-01")]
    [InlineData("2014-01-01 ")]
    [InlineData("２０１４-01-01")]
    [InlineData("2014-01-01T00:00")]
    [InlineData("")]
    [InlineData(null)]
    public void Agrees_with_the_framework(string? text)
    {
        var ours = IsoDate.TryParse(text, out var a);
        var theirs = Framework(text, out var b);
        Assert.Equal(theirs, ours);
        Assert.Equal(b, a);
    }

    [Fact]
    public void Agrees_on_every_day_of_four_centuries_and_the_days_that_do_not_exist()
    {
        for (var year = 1900; year <= 2300; year += 7)
        {
            for (var month = 0; month <= 13; month++)
            {
                for (var day = 0; day <= 32; day++)
                {
                    var text = $"{year:D4}-{month:D2}-{day:D2}";
                    Assert.Equal(Framework(text, out var b), IsoDate.TryParse(text, out var a));
                    Assert.Equal(b, a);
                }
            }
        }
    }
}
