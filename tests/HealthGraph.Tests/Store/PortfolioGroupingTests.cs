using HealthGraph.Store;

namespace HealthGraph.Tests.Store;

/// <summary>
/// The portfolio's one grouping rule (<see cref="PortfolioGrouping"/>): a deliverable counts once in each group it
/// belongs to, the work without a status or a year in a group of its own, and each group lists a page by id after the
/// cursor while counting all.
/// </summary>
public sealed class PortfolioGroupingTests
{
    private static readonly PortfolioItem[] s_items =
    [
        new("d3", "ON_TRACK", 2022, [], [], ["t1", "t2"]),
        new("d1", "ON_TRACK", 2021, ["3", "8"], ["3.8", "8.5"], ["t1"]),
        new("d2", null, null, ["3", "3"], ["3.8", "3.c"], []),
    ];

    private static Dictionary<string, string> Described(IEnumerable<PortfolioGroup> groups) =>
        groups.ToDictionary(g => $"{g.Facet} {g.Key ?? "-"}", g => $"{g.Count} [{string.Join(' ', g.Ids)}]", StringComparer.Ordinal);

    [Fact]
    public void EveryGroupCountsItsDeliverablesOnce_AndListsTheFirstById()
    {
        var groups = Described(PortfolioGrouping.Of(s_items, first: 1, afterId: null));

        Assert.Equal(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["All -"] = "3 [d1]",
                ["Goal 3"] = "2 [d1]",
                ["Goal 8"] = "1 [d1]",
                ["Theme t1"] = "2 [d1]",
                ["Theme t2"] = "1 [d3]",
                ["Status ON_TRACK"] = "2 [d1]",
                ["Status -"] = "1 [d2]",
                ["Year 2021"] = "1 [d1]",
                ["Year 2022"] = "1 [d3]",
                ["Year -"] = "1 [d2]",
            },
            groups);
    }

    [Fact]
    public void APageAfterACursorListsOnlyLaterIds_AndTheCountsStayWhole()
    {
        var groups = Described(PortfolioGrouping.Of(s_items, first: 5, afterId: "d1"));

        Assert.Equal("3 [d2 d3]", groups["All -"]);
        Assert.Equal("2 [d2]", groups["Goal 3"]);
        Assert.Equal("1 []", groups["Goal 8"]);
        Assert.Equal("2 [d3]", groups["Theme t1"]);
        Assert.Equal("1 []", groups["Year 2021"]);
    }
}
