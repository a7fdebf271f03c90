namespace HealthGraph.Tests.Support;

/// <summary>A clock that stands still until a test moves it, so that write stamps can be asserted exactly.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock on and returns the new time.</summary>
    public DateTimeOffset Advance(TimeSpan by) => _now += by;
}
