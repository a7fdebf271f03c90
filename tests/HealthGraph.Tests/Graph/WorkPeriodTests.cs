using HealthGraph.Graph;

namespace HealthGraph.Tests.Graph;

public sealed class WorkPeriodTests
{
    /// <summary>Dates are a year, a month or a day; a start is its first day, an end its last; actual before planned.</summary>
    [Theory]
    [InlineData(null, null, null, null, null, null, null)] // nothing known: no period
    [InlineData(null, null, null, null, 2021L, "2021-01-01", "2021-12-31")] // a year alone: that year
    [InlineData("2024-03", null, null, null, 2024L, "2024-03-01", null)] // a start and no end: running
    [InlineData("2024", null, "2025", null, null, "2024-01-01", "2025-12-31")]
    [InlineData("2024-02", null, "2024-02", null, null, "2024-02-01", "2024-02-29")] // a leap February
    [InlineData("2024-01-15", "2024-03-01", "2025-12-31", "2025-06-30", null, "2024-03-01", "2025-06-30")] // actual first
    [InlineData(null, null, "2025-12-31", null, null, null, null)] // an end without a start: no period
    [InlineData("2025-05-01", null, "2024-12-31", null, null, "2025-05-01", "2025-05-01")] // an end before the start: the start's day
    [InlineData("soon", null, null, null, 2023L, "2023-01-01", null)] // an unreadable start gives way to the year, and the work runs on
    [InlineData("2024-13", null, "2024-02-30", null, null, null, null)] // no such month or day
    public void APeriodIsTheFirstDayOfItsStartToTheLastDayOfItsEnd(
        string? plannedStart, string? actualStart, string? plannedEnd, string? actualEnd, long? year, string? start, string? end)
    {
        var node = GraphNode.Create("work", NodeLabels.Deliverable, "Work", Provenance.Inferred("a test"),
            (NodeProperties.PlannedStartDate, plannedStart), (NodeProperties.ActualStartDate, actualStart),
            (NodeProperties.PlannedEndDate, plannedEnd), (NodeProperties.ActualEndDate, actualEnd), (NodeProperties.Year, year));

        Assert.Equal((start, end), (node.GetString(NodeProperties.PeriodStart), node.GetString(NodeProperties.PeriodEnd)));
    }

    /// <summary>
    /// The period is written by the rule alone: a writer's own periodStart is replaced, a node read back unchanged keeps
    /// the same map, and dates taken away take the period with them.
    /// </summary>
    [Fact]
    public void ThePeriodIsTheRulesAlone_AndFollowsTheDates()
    {
        var written = GraphNode.Create("work", NodeLabels.Deliverable, "Work", Provenance.Inferred("a test"),
            (NodeProperties.Year, 2022L), (NodeProperties.PeriodStart, "1999-01-01"), (NodeProperties.PeriodEnd, "1999-12-31"));
        var reread = written with { Properties = written.Properties };
        var undated = written with { Properties = new Dictionary<string, object?>(written.Properties.Where(p => p.Key != NodeProperties.Year)) };

        Assert.Equal(("2022-01-01", "2022-12-31"), (written.GetString(NodeProperties.PeriodStart), written.GetString(NodeProperties.PeriodEnd)));
        Assert.Same(written.Properties, reread.Properties);
        Assert.False(undated.Properties.ContainsKey(NodeProperties.PeriodStart));
        Assert.False(undated.Properties.ContainsKey(NodeProperties.PeriodEnd));
    }
}
