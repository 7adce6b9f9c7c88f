namespace ImrGrpc.Admin.Tests;

/// <summary>A clock stopped at one moment, so "today" is a date the test chooses.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public FixedTime(DateOnly day) : this(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}
