using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Tests.Support;

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
        var counterparts = pair.For(OverlapDimension.Counterpart)!;
        Assert.Contains("mohsp", (await Store.GetSharedItemsAsync([counterparts.Key], 100))[counterparts.Key]);
        Assert.Equal(0, pair.For(OverlapDimension.Target)?.SharedCount ?? 0);
    }

    [Fact]
    public async Task WhoAndIomShareTarget3_8_WithItsJaccardIndex()
    {
        var pair = Assert.Single(await Store.GetPartnerOverlapsAsync(["who", "iom"]));
        var targets = pair.For(OverlapDimension.Target)!;

        Assert.Contains("sdg-target-3.8", (await Store.GetSharedItemsAsync([targets.Key], 100))[targets.Key]);
        Assert.Equal((double)targets.SharedCount / (targets.CountA + targets.CountB - targets.SharedCount), targets.Jaccard);
        Assert.InRange(targets.Jaccard, 0.01, 1);
    }

    /// <summary>
    /// A pair's shared items are listed apart from its counts: exactly sharedCount of them when all are asked for, in id
    /// order, the first of them for a smaller bound; a key whose pair shares nothing (here, in that basis) is left out.
    /// </summary>
    [Fact]
    public async Task ThePairsSharedItemsAreTheFirstByIdOfThoseCounted()
    {
        var pair = Assert.Single(await Store.GetPartnerOverlapsAsync(["who", "ilo"]));
        var keys = pair.Dimensions.Select(d => d.Key).ToList();
        var stated = keys.Select(k => k with { Basis = Basis.Stated }).Where(k => k.Dimension == OverlapDimension.Target).ToList();

        var all = await Store.GetSharedItemsAsync(keys, 1000);
        var firstOnly = await Store.GetSharedItemsAsync(keys, 1);
        var none = await Store.GetSharedItemsAsync(stated, 1000);

        Assert.All(pair.Dimensions, d => Assert.Equal(d.SharedCount, all.GetValueOrDefault(d.Key)?.Count ?? 0));
        Assert.All(all, a => Assert.Equal(a.Value.Order(StringComparer.Ordinal), a.Value));
        Assert.Equal(all.ToDictionary(a => a.Key, a => a.Value[0]), firstOnly.ToDictionary(a => a.Key, a => Assert.Single(a.Value)));
        Assert.Empty(none);
    }

    /// <summary>
    /// A page of one agency's pairs is exactly the pairs of all agencies in which it is A and B comes after the cursor,
    /// the first ones by B, with the same counts and sizes; and paging through every pair a few at a time
    /// (PartnerOverlapPages, which starts each page with them) gives every pair once, in order.
    /// </summary>
    [Fact]
    public async Task APageOfOneAgencysPairsIsTheirFirstAfterTheCursor_AndPagingGivesEveryPairOnce()
    {
        static IEnumerable<string> Describe(IEnumerable<PartnerOverlap> pairs) => pairs.SelectMany(p => p.Dimensions.Select(d =>
            $"{p.AgencyA}|{p.AgencyB}|{d.Dimension}|{d.SharedCount}|{d.CountA}|{d.CountB}"));
        foreach (var (basis, dimension) in new (Basis?, OverlapDimension?)[] { (null, null), (Basis.Inferred, null), (null, OverlapDimension.Counterpart) })
        {
            var all = await Store.GetPartnerOverlapsAsync(null, basis, dimension);
            Assert.True(all.Count >= 3 || basis is not null || dimension is not null, $"{all.Count} pairs");
            foreach (var agency in all.Select(p => p.AgencyA).Distinct().Take(3))
            {
                var mine = all.Where(p => p.AgencyA == agency).ToList();
                foreach (var (afterB, first) in new (string?, int)[] { (null, 1), (null, 100), (mine[0].AgencyB, 2) })
                {
                    var expected = mine.Where(p => afterB is null || string.CompareOrdinal(p.AgencyB, afterB) > 0).Take(first);
                    Assert.Equal(Describe(expected), Describe(await Store.GetPartnerOverlapsFromAsync(agency, afterB, first, basis, dimension)));
                }
            }

            var paged = new List<PartnerOverlap>();
            (string, string)? cursor = null;
            for (var hasNext = true; hasNext;)
            {
                (var page, hasNext) = await PartnerOverlapPages.PageAsync(Store, basis, dimension, cursor, 2, CancellationToken.None);
                Assert.True(page.Count == 2 || !hasNext);
                paged.AddRange(page);
                cursor = page.Count > 0 ? (page[^1].AgencyA, page[^1].AgencyB) : null;
            }

            Assert.Equal(Describe(all), Describe(paged));
        }
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

    // Neighbourhoods: a node and the relationships that start or end at it.

    private static (string Type, string From, string To) Triple(GraphRelationship r) => (r.Type, r.FromId, r.ToId);

    /// <summary>The order a neighbourhood lists relationships in: by type, then the other end's id, then leaving before entering.</summary>
    private static (string Type, string Other, int Direction) NeighbourhoodKey(string id, GraphRelationship r) =>
        (r.Type, r.FromId == id ? r.ToId : r.FromId, r.FromId == id ? 0 : 1);

    [Fact]
    public async Task IlosNeighbourhoodIsItsFiveDeliverablesThenTheFrameworkItManagesAndTheReportItPublishes_ByTypeThenOtherEnd()
    {
        var neighbourhood = (await Store.GetNeighbourhoodAsync("ilo", 50))!;

        Assert.Equal("ilo", neighbourhood.Node.Id);
        Assert.Equal(NodeLabels.Organization, neighbourhood.Node.Label);
        Assert.Equal(8, neighbourhood.RelationshipCount);
        Assert.Equal(
            [
                ("DELIVERS", "ilo", "ilo-informal-workers-survey"), ("DELIVERS", "ilo", "ilo-local-coordination-assessment"),
                ("DELIVERS", "ilo", "ilo-social-security-webinars"), ("DELIVERS", "ilo", "ilo-sp-budget-institutional-review"),
                ("DELIVERS", "ilo", "ilo-sp-budget-review"), ("DELIVERS", "ilo", "ilo-sp-employment-staff-training"),
                ("MANAGED_BY", "ilo-results", "ilo"), ("PUBLISHED_BY", "ilo-tjk128-2021", "ilo"),
            ],
            neighbourhood.Relationships.Select(Triple));
        var stated = neighbourhood.Relationships.Single(r => r.ToId == "ilo-social-security-webinars").Provenance;
        Assert.Equal(Basis.Stated, stated.Basis);
        Assert.NotNull(stated.DocumentId);
        Assert.False(string.IsNullOrWhiteSpace(stated.Excerpt));
    }

    [Fact]
    public async Task AHubsNeighbourhoodIsEveryRelationshipOfItsInBothDirections_AndASmallerFirstListsAPrefixWithTheSameExactCount()
    {
        // The oracle: the hub's relationships of every type, leaving and entering, read type by type.
        var expected = new List<GraphRelationship>();
        foreach (var type in RelationshipTypes.All)
        {
            expected.AddRange(await Store.GetRelationshipsAsync(["who"], type, Direction.Outgoing));
            expected.AddRange(await Store.GetRelationshipsAsync(["who"], type, Direction.Incoming));
        }

        var all = (await Store.GetNeighbourhoodAsync("who", 500))!;
        var five = (await Store.GetNeighbourhoodAsync("who", 5))!;

        Assert.True(expected.Count > 20, $"who has {expected.Count} relationships");
        Assert.Equal(expected.Count, all.RelationshipCount);
        Assert.Equal(expected.Select(Triple).Order(), all.Relationships.Select(Triple).Order());
        Assert.Equal(all.Relationships.Select(r => NeighbourhoodKey("who", r)).Order(), all.Relationships.Select(r => NeighbourhoodKey("who", r)));
        Assert.Contains(all.Relationships, r => r.ToId == "who");
        Assert.Contains(all.Relationships, r => r.FromId == "who");
        Assert.Equal(expected.Count, five.RelationshipCount);
        Assert.Equal(all.Relationships.Take(5).Select(Triple), five.Relationships.Select(Triple));
    }

    [Fact]
    public async Task ANeighbourhoodOfNoRelationshipsStillHasTheNodeAndItsExactCount()
    {
        var neighbourhood = (await Store.GetNeighbourhoodAsync("sdg-target-3.8", 0))!;

        Assert.Equal("sdg-target-3.8", neighbourhood.Node.Id);
        Assert.Empty(neighbourhood.Relationships);
        Assert.Equal((await Store.GetNeighbourhoodAsync("sdg-target-3.8", 500))!.Relationships.Count, neighbourhood.RelationshipCount);
        Assert.True(neighbourhood.RelationshipCount > 10, $"sdg-target-3.8 has {neighbourhood.RelationshipCount} relationships");
    }

    [Fact]
    public async Task AnUnknownIdHasNoNeighbourhood()
    {
        Assert.Null(await Store.GetNeighbourhoodAsync("no-such-entity", 50));
    }

    /// <summary>
    /// A node's relationships of a type come a page at a time, by the other end's id, for several nodes in one call,
    /// with each node's exact total; a page after a cursor goes on where the last ended; the other end's label narrows
    /// both the page and the total.
    /// </summary>
    [Fact]
    public async Task RelatedPagesListEachNodesRelationshipsByTheOtherEndsId_WithExactTotals()
    {
        var delivered = (await Store.GetRelationshipsAsync(["who", "ilo"], RelationshipTypes.Delivers, Direction.Outgoing))
            .GroupBy(r => r.FromId).ToDictionary(g => g.Key, g => g.Select(r => r.ToId).Order(StringComparer.Ordinal).ToList());

        var firstPages = await Store.GetRelatedPagesAsync(["who", "ilo", "no-such-node"], RelationshipTypes.Delivers, Direction.Outgoing, null, 4, null);
        var whosNext = (await Store.GetRelatedPagesAsync(["who"], RelationshipTypes.Delivers, Direction.Outgoing, null, 4, delivered["who"][3]))["who"];

        Assert.Equal(delivered["who"].Take(4), firstPages["who"].Items.Select(r => r.ToId));
        Assert.Equal((true, delivered["who"].Count), (firstPages["who"].HasNextPage, (int)firstPages["who"].TotalCount));
        Assert.Equal(delivered["ilo"].Take(4), firstPages["ilo"].Items.Select(r => r.ToId));
        Assert.Equal(delivered["who"].Skip(4).Take(4), whosNext.Items.Select(r => r.ToId));
        Assert.All(firstPages["who"].Items, r => Assert.Equal(("who", RelationshipTypes.Delivers), (r.FromId, r.Type)));
        Assert.Equal(0, firstPages.GetValueOrDefault("no-such-node")?.TotalCount ?? 0);

        var tagged = await Store.GetRelationshipsAsync(["universal-health-coverage"], RelationshipTypes.HasTheme, Direction.Incoming);
        var deliverables = (await Store.GetNodesAsync([.. tagged.Select(r => r.FromId)])).Where(n => n.Label == NodeLabels.Deliverable).Select(n => n.Id).Order(StringComparer.Ordinal).ToList();
        var theme = (await Store.GetRelatedPagesAsync(["universal-health-coverage"], RelationshipTypes.HasTheme, Direction.Incoming, NodeLabels.Deliverable, 100, null))["universal-health-coverage"];
        Assert.NotEqual(tagged.Count, deliverables.Count);
        Assert.Equal(deliverables, theme.Items.Select(r => r.FromId));
        Assert.Equal((false, deliverables.Count), (theme.HasNextPage, (int)theme.TotalCount));
    }

    /// <summary>A document's facts come a page at a time in a fixed order, and the pages put together are all of them.</summary>
    [Fact]
    public async Task ADocumentsFactsComeAPageAtATime_ByIdAndByTypeStartAndEnd()
    {
        var firstNodes = await Store.GetDocumentNodesAsync("iom-tajikistan", 3, null);
        var nextNodes = await Store.GetDocumentNodesAsync("iom-tajikistan", 3, firstNodes.Items[^1].Id);
        var firstRelationships = await Store.GetDocumentRelationshipsAsync("iom-tajikistan", 3, null);
        var last = firstRelationships.Items[^1];
        var nextRelationships = await Store.GetDocumentRelationshipsAsync("iom-tajikistan", 3, new RelationshipKey(last.Type, last.FromId, last.ToId));
        var (nodes, relationships) = await DocumentFactsReader.ReadAllAsync(Store, "iom-tajikistan");

        Assert.Equal(nodes.Select(n => n.Id).Order(StringComparer.Ordinal), nodes.Select(n => n.Id));
        Assert.Equal(nodes.Take(6).Select(n => n.Id), firstNodes.Items.Concat(nextNodes.Items).Select(n => n.Id));
        Assert.Equal((true, nodes.Count), (firstNodes.HasNextPage, (int)firstNodes.TotalCount));
        Assert.DoesNotContain(nodes, n => n.Id == "iom-tajikistan" || n.Provenance.DocumentId != "iom-tajikistan");
        static (string, string, string) Key(GraphRelationship r) => (r.Type, r.FromId, r.ToId);
        Assert.Equal(relationships.Take(6).Select(Key), firstRelationships.Items.Concat(nextRelationships.Items).Select(Key));
        Assert.Equal(relationships.Select(Key).Order(), relationships.Select(Key));
        Assert.Equal(relationships.Count, (int)firstRelationships.TotalCount);
        Assert.Contains(relationships, r => r.Type == RelationshipTypes.HasTheme && r.FromId == "iom" && r.ToId == "iom-capacity-building");
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
    public async Task SearchTakesTheLastWordAsTheBeginningOfAWord_AndTheOthersWhole()
    {
        Assert.Contains(await Store.SearchAsync(new SearchQuery("health workf")), h => h.Node.Id == "health-workforce");
        Assert.DoesNotContain(await Store.SearchAsync(new SearchQuery("healt workforce")), h => h.Node.Id == "health-workforce");
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

        Assert.Equal(6, portfolio.Count);
        Assert.All(portfolio, item =>
        {
            Assert.Equal(2021, item.Year);
            Assert.Equal(["1", "8"], item.GoalCodes);
            Assert.Equal(["1.3", "8.3", "8.5"], item.TargetCodes);
        });
    }

    // One meaning of "aligned" (AlignmentPaths): the portfolio, the deliverables filter and goal coverage count the same work.

    /// <summary>
    /// For every agency and SDG goal, under each path and basis, the portfolio, the deliverables filter and goal coverage
    /// count the same work (<see cref="AlignmentAgreement"/>).
    /// </summary>
    [Theory]
    [InlineData(AlignmentPaths.All)]
    [InlineData(AlignmentPaths.Direct)]
    [InlineData(AlignmentPaths.ViaTarget)]
    [InlineData(AlignmentPaths.ViaOutcome)]
    [InlineData(AlignmentPaths.Direct | AlignmentPaths.ViaTarget)]
    public async Task ThePortfolioTheListFilterAndCoverageCountTheSameWorkOnEveryGoal(AlignmentPaths paths)
    {
        var compared = await AlignmentAgreement.AssertAsync(Store, paths);

        Assert.True(compared >= (paths == AlignmentPaths.Direct ? 2 : 20), $"{compared} pieces of work compared");
    }

    /// <summary>
    /// WHO's work on goal 3 by path, checked against the sources by hand: one deliverable aligned with the goal itself
    /// (the National Health Strategy 2030), nine with its targets (seven with 3.8, two with 3.c), nine only through the
    /// outcomes of the UHC Partnership they serve; nineteen in all.
    /// </summary>
    [Theory]
    [InlineData(AlignmentPaths.All, 19)]
    [InlineData(AlignmentPaths.Direct, 1)]
    [InlineData(AlignmentPaths.ViaTarget, 9)]
    [InlineData(AlignmentPaths.ViaOutcome, 9)]
    [InlineData(AlignmentPaths.Direct | AlignmentPaths.ViaTarget, 10)]
    public async Task WhosWorkOnGoal3CountsTheSameByEveryPathInEveryView(AlignmentPaths paths, int expected)
    {
        var rule = new AlignmentRule(paths, null);

        var portfolio = await Store.GetPortfolioAsync("who", rule);
        var listed = await Store.ListNodesAsync(new NodeListQuery(
            NodeLabels.Deliverable,
            new AllOf([
                new FieldCondition(NodeField.Related(RelationshipTypes.Delivers, Direction.Incoming), FilterOperator.Equals, ["who"]),
                new FieldCondition(NodeField.Aligned(rule), FilterOperator.Equals, ["sdg-goal-3"]),
            ])));

        Assert.Equal(27, portfolio.Count);
        Assert.Equal(expected, portfolio.Count(i => i.GoalCodes.Contains("3")));
        Assert.Equal(expected, listed.TotalCount);
    }

    [Fact]
    public async Task SevenOfWhosDeliverablesAreAlignedWithTarget3_8Themselves()
    {
        var direct = new AlignmentRule(AlignmentPaths.Direct, null);

        var portfolio = await Store.GetPortfolioAsync("who", direct);

        Assert.Equal(7, portfolio.Count(i => i.TargetCodes.Contains("3.8")));
    }

    // Listing nodes: filters, ordering and keyset pagination.

    private static readonly NodeField s_deliveredBy = NodeField.Related(RelationshipTypes.Delivers, Direction.Incoming);

    private static NodeFilter Where(NodeField field, FilterOperator op, params object[] values) => new FieldCondition(field, op, values);

    private Task<NodePage> DeliverablesAsync(NodeFilter? filter = null, IReadOnlyList<NodeOrder>? order = null) =>
        Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, filter, order));

    private static List<string> Ids(NodePage page) => [.. page.Nodes.Select(n => n.Id)];

    [Fact]
    public async Task WhosDeliverablesOnTrackAreExactlyFive()
    {
        var page = await DeliverablesAsync(new AllOf([
            Where(s_deliveredBy, FilterOperator.Equals, "who"),
            Where(NodeField.Property("status"), FilterOperator.Equals, "ON_TRACK"),
        ]));

        Assert.Equal(
            ["who-hf-uhc-reforms", "who-hwf-strategy", "who-knowledge-translation", "who-media-visibility", "who-phc-services-improvement"],
            Ids(page));
        Assert.Equal(5, page.TotalCount);
        Assert.False(page.HasNextPage);
        Assert.False(page.HasPreviousPage);
    }

    [Fact]
    public async Task ListedNodesCarryTheirWriteStamp_TheSeedWroteThem()
    {
        var page = await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Organization, First: 3));

        Assert.Equal(3, page.Nodes.Count);
        Assert.All(page.Nodes, n =>
        {
            Assert.NotNull(n.Stamp);
            Assert.Equal("seed", n.Stamp.UpdatedBy);
            Assert.True(n.Stamp.CreatedAt <= n.Stamp.UpdatedAt);
        });
        Assert.Equal(page.Nodes.Select(n => n.Stamp), (await Store.GetNodesAsync([.. Ids(page)])).OrderBy(n => n.Id, StringComparer.Ordinal).Select(n => n.Stamp));
    }

    [Fact]
    public async Task DeliverablesOrderedByYearDescendingThenName_PutThoseWithoutAYearFirst_AndBreakTiesById()
    {
        var order = new[] { new NodeOrder(NodeField.Property("year"), Descending: true), new NodeOrder(NodeField.Name) };

        var page = await DeliverablesAsync(order: order);

        var ids = Ids(page);
        Assert.Equal(36, ids.Count);
        // A missing year sorts as the empty string: after every number, so first when descending.
        Assert.Equal(["who-access-analysis", "who-access-analysis-2"], ids.Take(2));
        Assert.Equal(
            ["ilo-local-coordination-assessment", "ilo-sp-employment-staff-training", "ilo-informal-workers-survey",
             "ilo-sp-budget-institutional-review", "ilo-sp-budget-review", "ilo-social-security-webinars"],
            ids.Skip(30));
        Assert.All(page.Nodes.Zip(page.Nodes.Skip(1)), pair =>
            Assert.True(CompareKeys(NodeKey.Of(pair.First, order), NodeKey.Of(pair.Second, order), order) < 0, $"{pair.First.Id} before {pair.Second.Id}"));
    }

    [Fact]
    public async Task PagingWithoutTheTotal_GivesTheSamePagesAsWithIt()
    {
        var order = new[] { new NodeOrder(NodeField.Property("year"), Descending: true), new NodeOrder(NodeField.Name) };
        var filter = Where(s_deliveredBy, FilterOperator.In, "who", "ilo");
        var counted = new List<NodePage>();
        var uncounted = new List<NodePage>();
        NodeKey? after = null;
        do
        {
            counted.Add(await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, filter, order, First: 4, After: after)));
            uncounted.Add(await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, filter, order, First: 4, After: after) { CountTotal = false }));
            after = NodeKey.Of(counted[^1].Nodes[^1], order);
        }
        while (counted[^1].HasNextPage);

        Assert.True(counted.Count > 2);
        Assert.Equal(counted.Select(Ids), uncounted.Select(Ids));
        Assert.Equal(counted.Select(p => (p.HasNextPage, p.HasPreviousPage)), uncounted.Select(p => (p.HasNextPage, p.HasPreviousPage)));
        // Counting reads the whole list, so a store skips it when not asked: the page's total is then -1.
        Assert.All(uncounted, p => Assert.Equal(-1, p.TotalCount));
    }

    [Fact]
    public async Task StatusesSortInTheOrderWorkGoesThroughThem_PagedOrNot_WithWorkWithoutAStatusLast()
    {
        var ranked = (RankedField)NodeField.Ranked("status", Vocabulary.StatusOrder);
        NodeOrder[] order = [new(ranked), new(NodeField.Name)];
        var all = (await DeliverablesAsync(order: order)).Nodes;

        var paged = new List<GraphNode>();
        NodeKey? after = null;
        NodePage page;
        do
        {
            page = await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, Order: order, First: 4, After: after));
            paged.AddRange(page.Nodes);
            after = page.Nodes.Count > 0 ? NodeKey.Of(page.Nodes[^1], order) : null;
        }
        while (page.HasNextPage);

        var expected = all.OrderBy(n => ranked.Rank(n.GetString("status"))).ThenBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Id, StringComparer.Ordinal);
        Assert.Equal(expected.Select(n => n.Id), all.Select(n => n.Id));
        Assert.Equal(all.Select(n => n.Id), paged.Select(n => n.Id));

        // The seed's work is on track or has no status: work without one comes after, where sorting the codes as text put it first.
        Assert.Equal(["ON_TRACK", ""], all.Select(n => n.GetString("status") ?? "").Distinct());
        Assert.Equal(Vocabulary.Statuses.Order(StringComparer.Ordinal), Vocabulary.StatusOrder.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PagingForwardSevenAtATimeVisitsEveryDeliverableOnceInOrder_AndPagingBackwardAgrees()
    {
        var order = new[] { new NodeOrder(NodeField.Property("year"), Descending: true), new NodeOrder(NodeField.Name) };
        var all = Ids(await DeliverablesAsync(order: order));

        var forward = new List<NodePage>();
        NodeKey? after = null;
        do
        {
            forward.Add(await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, Order: order, First: 6, After: after)));
            after = NodeKey.Of(forward[^1].Nodes[^1], order);
        }
        while (forward[^1].HasNextPage);

        var backward = new List<NodePage>();
        NodeKey? before = null;
        do
        {
            backward.Insert(0, await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, Order: order, Last: 6, Before: before)));
            before = NodeKey.Of(backward[0].Nodes[0], order);
        }
        while (backward[0].HasPreviousPage);

        Assert.Equal(6, forward.Count);
        Assert.Equal(all, forward.SelectMany(Ids));
        Assert.Equal(forward.Select(Ids), backward.Select(Ids));
        Assert.Equal([false, true, true, true, true, true], forward.Select(p => p.HasPreviousPage));
        Assert.Equal([true, true, true, true, true, false], forward.Select(p => p.HasNextPage));
        Assert.Equal([false, true, true, true, true, true], backward.Select(p => p.HasPreviousPage));
        Assert.Equal([true, true, true, true, true, false], backward.Select(p => p.HasNextPage));
        Assert.All(forward.Concat(backward), p => Assert.Equal(36, p.TotalCount));
    }

    [Fact]
    public async Task BetweenTwoCursorsOnlyTheNodesStrictlyBetweenThemCount()
    {
        var all = (await DeliverablesAsync()).Nodes;
        NodeKey Key(int i) => NodeKey.Of(all[i], []);

        var firstThree = await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, First: 3, After: Key(2), Before: Key(8)));
        var lastThree = await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, Last: 3, After: Key(2), Before: Key(8)));
        var allBetween = await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, After: Key(2), Before: Key(8)));

        Assert.Equal(all.Skip(3).Take(3).Select(n => n.Id), Ids(firstThree));
        Assert.Equal(all.Skip(5).Take(3).Select(n => n.Id), Ids(lastThree));
        Assert.Equal(all.Skip(3).Take(5).Select(n => n.Id), Ids(allBetween));
        Assert.Equal(36, allBetween.TotalCount);
        // Beyond each cursor the list goes on, so both ways lead somewhere (Relay's hasPreviousPage after `after`
        // and hasNextPage before `before`).
        Assert.All(new[] { firstThree, lastThree, allBetween }, p => Assert.True(p.HasNextPage && p.HasPreviousPage));
    }

    [Fact]
    public async Task TheTargetsOfGoal8AreTwelve_InTheFrameworksOrder()
    {
        var page = await Store.ListNodesAsync(new NodeListQuery(
            NodeLabels.SdgTarget,
            Where(NodeField.Related(RelationshipTypes.HasTarget, Direction.Incoming), FilterOperator.Equals, "sdg-goal-8"),
            [new NodeOrder(NodeField.Property("position"))]));

        Assert.Equal(12, page.TotalCount);
        Assert.Equal(
            ["8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7", "8.8", "8.9", "8.10", "8.a", "8.b"],
            page.Nodes.Select(n => n.GetString("code")));
    }

    [Fact]
    public async Task ContainsIgnoresCase_InNames_ListsAndAccentedText()
    {
        var names = await DeliverablesAsync(Where(NodeField.Name, FilterOperator.Contains, "Uhc MONITORING"));
        var aliases = await Store.ListNodesAsync(new NodeListQuery(
            NodeLabels.Organization, Where(NodeField.Property("aliases"), FilterOperator.Contains, "ministry")));
        var french = await Store.ListNodesAsync(new NodeListQuery(
            NodeLabels.Theme, Where(NodeField.Property("originalLabel"), FilterOperator.Contains, "INDÉPENDANTS")));

        Assert.Equal(
            ["who-uhc-monitoring-arrangements", "who-uhc-monitoring-capacity-building", "who-uhc-monitoring-capacity-building-2",
             "who-uhc-monitoring-costed-plan", "who-uhc-monitoring-matrix"],
            Ids(names));
        Assert.Equal(["mof", "mohsp"], Ids(aliases));
        Assert.Equal(["ilo-tag-self-employed-workers"], Ids(french));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("') OR 1=1 --")]
    public async Task FilterValuesAreMatchedAsText_NeverAsPatternsOrSql(string text)
    {
        var contains = await DeliverablesAsync(Where(NodeField.Name, FilterOperator.Contains, text));
        var equals = await DeliverablesAsync(Where(NodeField.Property("status"), FilterOperator.Equals, text));

        Assert.Equal(0, contains.TotalCount);
        Assert.Equal(0, equals.TotalCount);
        Assert.Equal(36, (await DeliverablesAsync()).TotalCount);
    }

    [Fact]
    public async Task NotOnTrackIncludesWhosDeliverablesWithoutAStatus()
    {
        var page = await DeliverablesAsync(new AllOf([
            Where(s_deliveredBy, FilterOperator.Equals, "who"),
            new NotFilter(Where(NodeField.Property("status"), FilterOperator.Equals, "ON_TRACK")),
        ]));

        Assert.Equal(22, page.TotalCount);
        Assert.DoesNotContain(page.Nodes, n => n.GetString("status") == "ON_TRACK");
        Assert.All(page.Nodes, n => Assert.StartsWith("who-", n.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnyOfJoinsIlosDeliverablesWithThoseOnTrack()
    {
        var page = await DeliverablesAsync(new AnyOf([
            Where(s_deliveredBy, FilterOperator.In, "ilo", "no-such-agency"),
            Where(NodeField.Property("status"), FilterOperator.Equals, "ON_TRACK"),
        ]));

        Assert.Equal(
            ["ilo-informal-workers-survey", "ilo-local-coordination-assessment", "ilo-social-security-webinars", "ilo-sp-budget-institutional-review",
             "ilo-sp-budget-review", "ilo-sp-employment-staff-training", "who-hf-uhc-reforms", "who-hwf-strategy", "who-knowledge-translation",
             "who-media-visibility", "who-phc-services-improvement"],
            Ids(page));
    }

    /// <summary>Work in a place is work in every place it is part of: a region's work in its country, a site's in its country.</summary>
    [Theory]
    [InlineData("place-3505000", "who-hf-uhc-reforms")] // Sughd itself
    [InlineData("place-tjk", "who-hf-uhc-reforms")] // Sughd is part of Tajikistan
    [InlineData("place-kazakhstan", "who-phc-services-improvement")] // the demonstration platform is in Kazakhstan
    [InlineData("place-3507000", "")] // no work is placed in Khatlon
    [InlineData("place-3505242", "")] // work in Sughd is not work in each of its districts
    public async Task WorkInAPlaceIsFoundByThePlaceAndEveryPlaceItIsPartOf(string place, string expected)
    {
        var page = await DeliverablesAsync(Where(NodeField.Within, FilterOperator.Equals, place));
        var both = await DeliverablesAsync(Where(NodeField.Within, FilterOperator.In, place, "place-kazakhstan"));

        Assert.Equal(expected.Length == 0 ? [] : [expected], Ids(page));
        Assert.Equal(page.TotalCount, page.Nodes.Count);
        Assert.Equal(Ids(page).Append("who-phc-services-improvement").Distinct().Order(StringComparer.Ordinal), Ids(both));
    }

    /// <summary>
    /// Work active in a period, from its year when it has no dates: ILO's six deliverables of 2021 are active in 2021 and
    /// in any period that touches it, in no other; the rest of the seed has no year or dates and is in no period, so NOT
    /// gives it back (the complement).
    /// </summary>
    [Theory]
    [InlineData("2021-01-01", "2021-12-31", 6)]
    [InlineData("2021-12-31", "2021-12-31", 6)]
    [InlineData("2019-01-01", "2021-01-01", 6)]
    [InlineData("2022-01-01", "9999-12-31", 0)]
    [InlineData("0001-01-01", "2020-12-31", 0)]
    public async Task WorkActiveInAPeriodIsFoundByItsYear_AndNotGivesTheRest(string from, string to, int expected)
    {
        var all = await DeliverablesAsync();
        var active = await DeliverablesAsync(NodeField.ActiveBetween(from, to));
        var inactive = await DeliverablesAsync(new NotFilter(NodeField.ActiveBetween(from, to)));

        Assert.Equal(expected, active.TotalCount);
        Assert.All(active.Nodes, n => Assert.Equal(2021, n.GetInt64(NodeProperties.Year)));
        Assert.Equal(Ids(all), Ids(active).Concat(Ids(inactive)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InWithNoValuesMatchesNothing_AndWithValuesMatchesThoseThatExist()
    {
        var none = await DeliverablesAsync(new FieldCondition(NodeField.Id, FilterOperator.In, []));
        var some = await DeliverablesAsync(Where(NodeField.Id, FilterOperator.In, "who-jar-2017", "ilo-sp-budget-review", "no-such-deliverable"));

        Assert.Empty(none.Nodes);
        Assert.Equal(0, none.TotalCount);
        Assert.Equal(["ilo-sp-budget-review", "who-jar-2017"], Ids(some));
    }

    [Fact]
    public async Task RangeConditionsCompareNumbersWithNumbers_AndNeverTextWithNumbers()
    {
        var from2021 = await DeliverablesAsync(Where(NodeField.Property("year"), FilterOperator.GreaterThanOrEqual, 2021L));
        var before2021 = await DeliverablesAsync(Where(NodeField.Property("year"), FilterOperator.LessThan, 2021L));
        var statusAboveANumber = await DeliverablesAsync(Where(NodeField.Property("status"), FilterOperator.GreaterThan, 0L));

        Assert.Equal(6, from2021.TotalCount);
        Assert.All(from2021.Nodes, n => Assert.StartsWith("ilo-", n.Id, StringComparison.Ordinal));
        Assert.Equal(0, before2021.TotalCount);
        Assert.Equal(0, statusAboveANumber.TotalCount);
    }

    [Fact]
    public async Task FiltersThatCannotBeTranslatedAreRefused()
    {
        _ = Store; // a store that is not available here skips the test now, not inside an assertion
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            DeliverablesAsync(Where(NodeField.Property("status') OR 1=1 --"), FilterOperator.Equals, "x")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            DeliverablesAsync(Where(s_deliveredBy, FilterOperator.Contains, "wh")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            DeliverablesAsync(Where(NodeField.Name, FilterOperator.Equals, "a", "b")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            DeliverablesAsync(order: [new NodeOrder(s_deliveredBy)]));
    }

    /// <summary>The list order the contract defines: numbers before text (a missing property is ''), then id ascending.</summary>
    private static int CompareKeys(NodeKey x, NodeKey y, IReadOnlyList<NodeOrder> order)
    {
        for (var i = 0; i < order.Count; i++)
        {
            var c = CompareSortValues(x.SortValues[i], y.SortValues[i]);
            if (c != 0)
            {
                return order[i].Descending ? -c : c;
            }
        }

        return string.CompareOrdinal(x.Id, y.Id);
    }

    private static int CompareSortValues(object x, object y) => (x, y) switch
    {
        (string a, string b) => string.CompareOrdinal(a, b),
        (string, _) => 1,
        (_, string) => -1,
        _ => Convert.ToDouble(x, System.Globalization.CultureInfo.InvariantCulture)
            .CompareTo(Convert.ToDouble(y, System.Globalization.CultureInfo.InvariantCulture)),
    };

    // Contributions: who works towards a goal or target.

    [Fact]
    public async Task Target8_3IsIlosAlone_ItsOutcomeByStatementAndTheDeliverablesServingIt()
    {
        var contributions = await Store.GetContributionsAsync(["sdg-target-8.3"]);

        Assert.Equal(
            [
                ("ilo-informal-workers-survey", true), ("ilo-local-coordination-assessment", true), ("ilo-social-security-webinars", true),
                ("ilo-sp-budget-institutional-review", true), ("ilo-sp-budget-review", true), ("ilo-sp-employment-staff-training", true), ("ilo-tjk128", false),
            ],
            contributions.Select(c => (c.Contribution.Item.Id, c.Contribution.ViaOutcome)));
        Assert.All(contributions, c =>
        {
            Assert.Equal("sdg-target-8.3", c.SdgId);
            Assert.Equal("ilo", c.Contribution.AgencyId);
            Assert.Equal(Basis.Stated, c.Contribution.Basis);
        });
        Assert.Equal(NodeLabels.Outcome, contributions[^1].Contribution.Item.Label);
    }

    [Fact]
    public async Task Target3_8HasWhoAndIomBehindIt_AllByInference()
    {
        var contributions = await Store.GetContributionsAsync(["sdg-target-3.8"]);

        Assert.Equal(["iom", "who"], contributions.Select(c => c.Contribution.AgencyId).Distinct());
        Assert.Contains(contributions, c => c.Contribution is { AgencyId: "iom", ViaOutcome: false, Item.Id: "iom-migration-health-objective" });
        Assert.Contains(contributions, c => c.Contribution is { AgencyId: "iom", ViaOutcome: true, Item.Id: "iom-public-campaigns" });
        Assert.Contains(contributions, c => c.Contribution is { AgencyId: "who", ViaOutcome: false, Item.Id: "who-hf-uhc-reforms" });
        Assert.Contains(contributions, c => c.Contribution is { AgencyId: "who", ViaOutcome: true, Item.Id: "who-jar-2017" });
        Assert.All(contributions, c => Assert.Equal(Basis.Inferred, c.Contribution.Basis));
        Assert.Empty(await Store.GetContributionsAsync(["sdg-target-3.8"], Basis.Stated));
    }

    [Fact]
    public async Task Goal8CountsIlosOutcomeOnce_ThoughItAlignsWithTheGoalAndTwoOfItsTargets()
    {
        var contributions = await Store.GetContributionsAsync(["sdg-goal-8"]);

        var outcome = Assert.Single(contributions, c => c.Contribution.Item.Id == "ilo-tjk128");
        Assert.Equal(("sdg-goal-8", "ilo", Basis.Stated, false), (outcome.SdgId, outcome.Contribution.AgencyId, outcome.Contribution.Basis, outcome.Contribution.ViaOutcome));
        Assert.Equal(7, contributions.Count);
        Assert.Empty(await Store.GetContributionsAsync(["sdg-goal-8"], Basis.Inferred));
    }

    [Fact]
    public async Task ContributionsForSeveralSdgsComeInOneAnswer_OrderedBySdgAgencyAndItem()
    {
        var contributions = await Store.GetContributionsAsync(["sdg-target-8.3", "sdg-goal-3", "sdg-target-3.8", "no-such-target"]);

        var keys = contributions.Select(c => (c.SdgId, c.Contribution.AgencyId, c.Contribution.Item.Id)).ToList();
        Assert.Equal(["sdg-goal-3", "sdg-target-3.8", "sdg-target-8.3"], keys.Select(k => k.SdgId).Distinct());
        Assert.Equal(
            keys.OrderBy(k => k.SdgId, StringComparer.Ordinal).ThenBy(k => k.AgencyId, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal),
            keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task Goal3sContributionsAreThoseOfItsTargets_AndOfTheGoalItself()
    {
        var targets = await Store.ListNodesAsync(new NodeListQuery(
            NodeLabels.SdgTarget, Where(NodeField.Related(RelationshipTypes.HasTarget, Direction.Incoming), FilterOperator.Equals, "sdg-goal-3")));
        var byTarget = await Store.GetContributionsAsync([.. Ids(targets)]);

        var byGoal = await Store.GetContributionsAsync(["sdg-goal-3"]);

        var goalItself = Assert.Single(byGoal, c => c.Contribution.Item.Id == "who-health-strategy-2030");
        Assert.Equal(("who", Basis.Inferred, false), (goalItself.Contribution.AgencyId, goalItself.Contribution.Basis, goalItself.Contribution.ViaOutcome));
        Assert.Equal(
            byTarget.Select(c => (c.Contribution.AgencyId, c.Contribution.Item.Id)).Append(("who", "who-health-strategy-2030")).Distinct().Order(),
            byGoal.Select(c => (c.Contribution.AgencyId, c.Contribution.Item.Id)).Order());
        Assert.Equal(["iom", "who"], byGoal.Select(c => c.Contribution.AgencyId).Distinct());
    }

    [Fact]
    public async Task ContributionsToEachTargetOfGoal3AgreeWithItsCoverage()
    {
        var coverage = (await Store.GetGoalCoverageAsync("3"))!;
        var contributions = await Store.GetContributionsAsync([.. coverage.Targets.Select(t => t.Target.Id)]);

        Assert.All(coverage.Targets, t => Assert.Equal(
            t.Contributions.OrderBy(c => (c.AgencyId, c.Item.Id)),
            contributions.Where(c => c.SdgId == t.Target.Id).Select(c => c.Contribution)));
    }
}
