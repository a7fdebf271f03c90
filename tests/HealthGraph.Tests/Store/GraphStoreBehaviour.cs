using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Tests.Store;

/// <summary>
/// The behaviour every store must show on the seed data: the coordination questions, answered exactly as the
/// source documents say. Each store gets a subclass that supplies a seeded instance.
/// </summary>
public abstract class GraphStoreBehaviour
{
    protected abstract IGraphStore Store { get; }

    [Fact]
    public async Task WhoAndIloShareTheMinistryOfHealthAndSocialProtectionAsCounterpart_ButNoSdgTarget()
    {
        var pair = Assert.Single(await Store.GetPartnerOverlapsAsync(["who", "ilo"]));

        Assert.Equal(("ilo", "who"), (pair.AgencyA, pair.AgencyB));
        Assert.Contains(pair.For(OverlapDimension.Counterpart)!.Shared, s => s.Id == "mohsp");
        Assert.Equal(0, pair.For(OverlapDimension.Target)?.SharedCount ?? 0);
    }

    [Fact]
    public async Task WhoAndIomShareTarget3_8_WithItsJaccardIndex()
    {
        var pair = Assert.Single(await Store.GetPartnerOverlapsAsync(["who", "iom"]));
        var targets = pair.For(OverlapDimension.Target)!;

        Assert.Contains(targets.Shared, s => s.Id == "sdg-target-3.8");
        Assert.Equal((double)targets.SharedCount / (targets.CountA + targets.CountB - targets.SharedCount), targets.Jaccard);
        Assert.InRange(targets.Jaccard, 0.01, 1);
    }

    [Fact]
    public async Task OnlyStatedAlignmentsLeaveNoTwoAgenciesSharingATarget()
    {
        var overlaps = await Store.GetPartnerOverlapsAsync(null, Basis.Stated);

        Assert.DoesNotContain(overlaps, o => o.For(OverlapDimension.Target)?.SharedCount > 0);
    }

    [Fact]
    public async Task Goal8Coverage_8_3And8_5AreIlosAlone_TheOtherTargetsAreGaps()
    {
        var coverage = (await Store.GetGoalCoverageAsync("8"))!;

        var covered = coverage.Targets.Where(t => t.Status != CoverageStatus.Gap).Select(t => t.Target.GetString("code"));
        Assert.Equal(["8.3", "8.5"], covered);
        Assert.All(coverage.Targets.Where(t => t.Status != CoverageStatus.Gap), t =>
        {
            Assert.Equal(CoverageStatus.SingleAgency, t.Status);
            Assert.Equal(["ilo"], t.AgencyIds);
            Assert.Contains(t.Contributions, c => c.Item.Id == "ilo-tjk128" && c.Basis == Basis.Stated);
            Assert.Contains(t.Contributions, c => c.Item.Id == "ilo-social-security-webinars" && c.ViaOutcome);
        });
        Assert.Equal(12, coverage.Targets.Count);
        Assert.Equal(["8.1", "8.2", "8.3", "8.4", "8.5"], coverage.Targets.Take(5).Select(t => t.Target.GetString("code")));
        Assert.Equal("8.10", coverage.Targets[9].Target.GetString("code"));
        Assert.Contains(coverage.GoalLevel, c => c.Item.Id == "ilo-tjk128" && c.Basis == Basis.Stated);
    }

    [Fact]
    public async Task Goal3Coverage_3_8IsShared_AndStatedOnlyItIsAllGaps()
    {
        var all = (await Store.GetGoalCoverageAsync("3"))!;
        var statedOnly = (await Store.GetGoalCoverageAsync("3", Basis.Stated))!;

        var target38 = all.Targets.Single(t => t.Target.Id == "sdg-target-3.8");
        Assert.Equal(CoverageStatus.Shared, target38.Status);
        Assert.Equal(["iom", "who"], target38.AgencyIds);
        Assert.All(target38.Contributions, c => Assert.Equal(Basis.Inferred, c.Basis));
        Assert.All(statedOnly.Targets, t => Assert.Equal(CoverageStatus.Gap, t.Status));
    }

    [Fact]
    public async Task AnUnknownGoalHasNoCoverage()
    {
        Assert.Null(await Store.GetGoalCoverageAsync("18"));
    }

    [Fact]
    public async Task TheAlignmentMatrixPutsIloOnGoals1And8_ByStatement()
    {
        var cells = await Store.GetAlignmentMatrixAsync(AlignmentLevel.Goal, Basis.Stated);

        Assert.Equal([("ilo", "1"), ("ilo", "8")], cells.Select(c => (c.AgencyId, c.SdgCode)));
        Assert.All(cells, c => Assert.Contains(c.Items, i => i.Item.Id == "ilo-tjk128"));
    }

    [Fact]
    public async Task WhosPotentialPartnersAreRanked_IomFirstThroughTarget3_8()
    {
        var partners = await Store.GetPotentialPartnersAsync("who");

        Assert.Equal("iom", partners[0].AgencyId);
        Assert.True(partners.Zip(partners.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public async Task IomsWorkConnectsToTarget1_3ThroughAShortPath()
    {
        var paths = await Store.FindShortestPathsAsync("iom", "sdg-target-1.3", maxHops: 6);

        Assert.NotEmpty(paths);
        var length = paths[0].Length;
        Assert.All(paths, path =>
        {
            Assert.Equal(length, path.Length);
            Assert.Equal("iom", path.Nodes[0].Id);
            Assert.Equal("sdg-target-1.3", path.Nodes[^1].Id);
            for (var i = 0; i < path.Length; i++)
            {
                var r = path.Relationships[i];
                Assert.Equal(
                    new[] { path.Nodes[i].Id, path.Nodes[i + 1].Id }.Order(StringComparer.Ordinal),
                    new[] { r.FromId, r.ToId }.Order(StringComparer.Ordinal));
            }
        });
        Assert.Empty(await Store.FindShortestPathsAsync("iom", "sdg-target-1.3", maxHops: length - 1));
    }

    [Fact]
    public async Task SearchFindsHealthWorkforce_RankedWithASnippet()
    {
        var hits = await Store.SearchAsync(new SearchQuery("health workforce", First: 5));

        Assert.Contains(hits, h => h.Node.Id == "health-workforce");
        Assert.Contains(hits, h => h.Node.Id == "who-health-workforce-policy");
        Assert.Contains(hits, h => h.Snippet.Contains("«workforce»", StringComparison.OrdinalIgnoreCase));
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public async Task SearchCanBeLimitedToLabels()
    {
        var hits = await Store.SearchAsync(new SearchQuery("migration", [NodeLabels.Deliverable]));

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal(NodeLabels.Deliverable, h.Node.Label));
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("health OR NOT) AND (\"")]
    [InlineData("NEAR(health financing, 2) *^-:")]
    [InlineData("name: health* {body}")]
    [InlineData("'; DROP TABLE node; --")]
    public async Task SearchTextCannotBreakTheQuery(string text)
    {
        var hits = await Store.SearchAsync(new SearchQuery(text));

        Assert.NotNull(hits);
        Assert.True((await Store.GetStatisticsAsync()).NodeCount > 0);
    }

    [Fact]
    public async Task SearchTextWithoutWordsFindsNothing()
    {
        Assert.Empty(await Store.SearchAsync(new SearchQuery("\"*()-^ ")));
    }

    [Fact]
    public async Task IlosPortfolioLinksEachContributionToGoals1And8()
    {
        var portfolio = await Store.GetPortfolioAsync("ilo");

        Assert.Equal(5, portfolio.Count);
        Assert.All(portfolio, item =>
        {
            Assert.Equal(2021, item.Deliverable.GetInt64("year"));
            Assert.Equal(["1", "8"], item.GoalCodes);
            Assert.Equal(["1.3", "8.3", "8.5"], item.TargetCodes);
        });
    }
}
