using System.Globalization;
using ImrGrpc.Engine.Model;
using ImrGrpc.Engine.Rationale;

namespace ImrGrpc.Engine.Tests;

/// <summary>
/// Dates and numbers in letters and detail lines are written directly, not through the framework's custom patterns;
/// they must read exactly as those patterns write them in the invariant culture (the product runs in invariant
/// globalization mode: Directory.Build.props).
/// </summary>
public sealed class WordsTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [Fact]
    public void Dates_read_as_the_invariant_patterns_write_them()
    {
        var days = Enumerable.Range(0, 800).Select(i => new DateOnly(2012, 12, 1).AddDays(i))
            .Concat([DateOnly.MinValue, new DateOnly(999, 3, 9), new DateOnly(1000, 1, 1), DateOnly.MaxValue]);
        foreach (var day in days)
        {
            Assert.Equal(day.ToString("MMMM d, yyyy", Invariant), Words.Date(day));
            Assert.Equal(day.ToString("yyyy-MM-dd", Invariant), IsoDate.Write(day));
            // Detail lines write ISO dates through the template handler, which takes IsoDate's format for the pattern.
            using var text = new DetailText();
            DateOnly? maybe = day;
            text.Write($"{day:yyyy-MM-dd} to {maybe:yyyy-MM-dd}");
            Assert.Equal($"{day.ToString("yyyy-MM-dd", Invariant)} to {day.ToString("yyyy-MM-dd", Invariant)}", text.ToString());
        }
    }

    [Fact]
    public void Numbers_read_as_the_two_decimal_pattern_writes_them()
    {
        double[] values = [0, -0.0, 1, 4, 10, 40, 100, 0.5, 4.25, 2.005, 2.675, 1.999, -3, -2.5, 0.001, 123456789, 1e14, 1e15, 1e16, 9.5e18,
            double.MaxValue, double.Epsilon, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        var random = new Random(7);
        foreach (var value in values.Concat(Enumerable.Range(0, 2000).Select(_ => Math.Round(random.NextDouble() * 200, random.Next(0, 4)))))
        {
            Assert.Equal(value.ToString("0.##", Invariant), Words.Number(value));
        }
    }
}
