using HealthGraph.Graph;
using HealthGraph.Ingest.Seed;
using HealthGraph.Ingest.Synthetic;
using HealthGraph.Store;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Store;

/// <summary>
/// The work behind SDG nodes on a synthetic portfolio (thousands of alignments, items reaching a target both
/// themselves and through an outcome): bounded answers keep exact counts, and the counts agree with a recomputation
/// from the relationships themselves.
/// </summary>
public sealed class SdgWorkOnSyntheticDataTests(SdgWorkOnSyntheticDataTests.SyntheticStore synthetic)
    : IClassFixture<SdgWorkOnSyntheticDataTests.SyntheticStore>
{
    private IGraphStore Store => synthetic.Temporary.Store;

    /// <summary>The seed's agreement (<see cref="AlignmentAgreement"/>) on 2,000 synthetic deliverables: every agency, goal, path and basis.</summary>
    [Theory]
    [InlineData(AlignmentPaths.All)]
    [InlineData(AlignmentPaths.ViaTarget)]
    [InlineData(AlignmentPaths.ViaOutcome)]
    [InlineData(AlignmentPaths.Direct | AlignmentPaths.ViaTarget)]
    public async Task ThePortfolioTheListFilterAndCoverageCountTheSameWorkOnEveryGoal(AlignmentPaths paths)
    {
        var compared = await AlignmentAgreement.AssertAsync(Store, paths);

        Assert.True(compared > 1_000, $"{compared} pieces of work compared");
    }

    [Fact]
    public async Task Goal8CoverageBoundedToFiveHasTheFullAnswersCounts_AndTheFirstFiveOfEachList()
    {
        var bounded = (await Store.GetGoalCoverageAsync("8", first: 5))!;
        var full = (await Store.GetGoalCoverageAsync("8"))!;

        Assert.Equal(full.Targets.Select(t => t.Target.Id), bounded.Targets.Select(t => t.Target.Id));
        Assert.Contains(full.Targets, t => t.Work.ContributionCount > 100);
        foreach (var (b, f) in bounded.Targets.Zip(full.Targets))
        {
            AssertBoundedView(b.Work, f.Work, 5);
        }

        AssertBoundedView(bounded.GoalWork, full.GoalWork, 5);
    }

    [Fact]
    public async Task Goal8CoverageCountsEqualARecomputationFromTheRelationships()
    {
        var coverage = (await Store.GetGoalCoverageAsync("8", first: 3))!;
        var full = (await Store.GetGoalCoverageAsync("8"))!;
        var expected = await RecomputeAsync([.. coverage.Targets.Select(t => t.Target.Id)]);

        foreach (var (target, all) in coverage.Targets.Zip(full.Targets))
        {
            var pairs = expected.GetValueOrDefault(target.Target.Id) ?? [];
            var labels = await LabelsAsync(pairs.Select(p => p.Item));
            Assert.Equal(pairs.Count, target.Work.ContributionCount);
            Assert.Equal(pairs.Select(p => p.Agency).Distinct().Order(StringComparer.Ordinal), target.AgencyIds);
            Assert.Equal(labels.Count(l => l.Value == NodeLabels.Deliverable), target.Work.DeliverableCount);
            Assert.Equal(labels.Count(l => l.Value == NodeLabels.Outcome), target.Work.OutcomeCount);
            Assert.Equal(pairs.Order(), all.Contributions.Select(c => (c.AgencyId, c.Item.Id)).Order());
        }
    }

    [Fact]
    public async Task ContributionsBoundedToSevenArePrefixesOfTheFullLists_InTheSameOrderOnEveryCall()
    {
        string[] sdgs = ["sdg-goal-3", "sdg-target-3.8", "sdg-target-8.2", "sdg-goal-8"];

        var bounded = (await Store.GetSdgWorkAsync(sdgs, first: 7)).ToDictionary(w => w.SdgId);
        var again = (await Store.GetSdgWorkAsync(sdgs, first: 7)).ToDictionary(w => w.SdgId);
        var full = (await Store.GetSdgWorkAsync(sdgs)).ToDictionary(w => w.SdgId);

        Assert.Equal(sdgs.Order(), full.Keys.Order());
        foreach (var sdg in sdgs)
        {
            AssertBoundedView(bounded[sdg], full[sdg], 7);
            Assert.Equal(bounded[sdg].Contributions, again[sdg].Contributions);
            Assert.Equal(
                full[sdg].Contributions.OrderBy(c => c.AgencyId, StringComparer.Ordinal).ThenBy(c => c.Item.Id, StringComparer.Ordinal),
                full[sdg].Contributions);
            Assert.Equal(full[sdg].Contributions.Count, full[sdg].Contributions.Select(c => (c.AgencyId, c.Item.Id)).Distinct().Count());
        }

        // A goal counts the work behind its targets too; the coverage's goal level is the goal's own alignments only.
        Assert.True(full["sdg-goal-8"].ContributionCount >= full["sdg-target-8.2"].ContributionCount);
    }

    [Fact]
    public async Task AnItemReachingATargetItselfAndThroughAnOutcomeIsListedOnce_WithItsDirectLink()
    {
        var full = (await Store.GetGoalCoverageAsync("8"))!;
        var relationships = await RelationshipsAsync([.. full.Targets.Select(t => t.Target.Id)]);

        // Synthetic deliverables (every synthetic link is inferred, so only the direction decides) aligned with a target
        // themselves that also serve an outcome aligned with the same target.
        var both = full.Targets
            .SelectMany(t => relationships.Aligned[t.Target.Id]
                .Where(item => item.StartsWith(SyntheticSeed.IdPrefix, StringComparison.Ordinal))
                .Where(item => relationships.Serves.TryGetValue(item, out var outcomes) && outcomes.Any(o => relationships.Aligned[t.Target.Id].Contains(o)))
                .Select(item => (Target: t, Item: item)))
            .ToList();
        Assert.NotEmpty(both);
        Assert.All(both, x =>
        {
            var listed = Assert.Single(x.Target.Contributions, c => c.Item.Id == x.Item);
            Assert.False(listed.ViaOutcome);
        });
    }

    private static void AssertBoundedView(SdgWork bounded, SdgWork full, int first)
    {
        Assert.Equal(full.SdgId, bounded.SdgId);
        Assert.Equal(full.AgencyIds, bounded.AgencyIds);
        Assert.Equal(full.Status, bounded.Status);
        Assert.Equal((full.ContributionCount, full.DeliverableCount, full.OutcomeCount), (bounded.ContributionCount, bounded.DeliverableCount, bounded.OutcomeCount));
        Assert.Equal(full.Contributions.Count, full.ContributionCount);
        Assert.Equal(full.DeliverableIds.Count, full.DeliverableCount);
        Assert.Equal(full.OutcomeIds.Count, full.OutcomeCount);
        Assert.Equal(full.Contributions.Take(first), bounded.Contributions);
        Assert.Equal(full.DeliverableIds.Take(first), bounded.DeliverableIds);
        Assert.Equal(full.OutcomeIds.Take(first), bounded.OutcomeIds);
    }

    private sealed record Relationships(
        Dictionary<string, HashSet<string>> Aligned,
        Dictionary<string, List<string>> Serves,
        Dictionary<string, List<string>> ServedBy,
        Dictionary<string, List<string>> DeliveredBy,
        Dictionary<string, List<string>> ManagersOf);

    /// <summary>The relationships the work behind the targets is made of, read one type at a time.</summary>
    private async Task<Relationships> RelationshipsAsync(IReadOnlyCollection<string> targetIds)
    {
        var aligned = targetIds.ToDictionary(t => t, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var r in await Store.GetRelationshipsAsync(targetIds, RelationshipTypes.AlignsWith, Direction.Incoming))
        {
            aligned[r.ToId].Add(r.FromId);
        }

        var items = aligned.Values.SelectMany(i => i).ToHashSet(StringComparer.Ordinal);
        var servedBy = Group(await Store.GetRelationshipsAsync(items, RelationshipTypes.Serves, Direction.Incoming), r => r.ToId, r => r.FromId);
        var serves = Group(await Store.GetRelationshipsAsync(items, RelationshipTypes.Serves, Direction.Outgoing), r => r.FromId, r => r.ToId);
        var deliverables = items.Concat(servedBy.Values.SelectMany(d => d)).ToHashSet(StringComparer.Ordinal);
        var deliveredBy = Group(await Store.GetRelationshipsAsync(deliverables, RelationshipTypes.Delivers, Direction.Incoming), r => r.ToId, r => r.FromId);
        var frameworks = Group(await Store.GetRelationshipsAsync(items, RelationshipTypes.InFramework, Direction.Outgoing), r => r.FromId, r => r.ToId);
        var managers = Group(
            await Store.GetRelationshipsAsync([.. frameworks.Values.SelectMany(f => f).Distinct()], RelationshipTypes.ManagedBy, Direction.Outgoing),
            r => r.FromId,
            r => r.ToId);
        var outcomes = (await LabelsAsync(frameworks.Keys)).Where(l => l.Value == NodeLabels.Outcome).Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        var managersOf = frameworks
            .Where(f => outcomes.Contains(f.Key))
            .ToDictionary(f => f.Key, f => f.Value.SelectMany(x => managers.GetValueOrDefault(x) ?? []).ToList(), StringComparer.Ordinal);
        return new Relationships(aligned, serves, servedBy, deliveredBy, managersOf);
    }

    /// <summary>
    /// Per target, the (agency, item) pairs behind it, as the README defines them: an aligned item for each agency it
    /// is work of (deliverer, deliverer of a deliverable serving it, manager of its framework), and a delivered
    /// deliverable serving an aligned item for its deliverer.
    /// </summary>
    private async Task<Dictionary<string, HashSet<(string Agency, string Item)>>> RecomputeAsync(IReadOnlyCollection<string> targetIds)
    {
        var r = await RelationshipsAsync(targetIds);
        List<string> Deliverers(string item) => r.DeliveredBy.GetValueOrDefault(item) ?? [];
        return r.Aligned.ToDictionary(
            a => a.Key,
            a =>
            {
                var pairs = new HashSet<(string, string)>();
                foreach (var item in a.Value)
                {
                    var serving = r.ServedBy.GetValueOrDefault(item) ?? [];
                    var agencies = Deliverers(item)
                        .Concat(serving.SelectMany(Deliverers))
                        .Concat(r.ManagersOf.GetValueOrDefault(item) ?? []);
                    pairs.UnionWith(agencies.Select(agency => (agency, item)));
                    pairs.UnionWith(serving.SelectMany(d => Deliverers(d).Select(agency => (agency, d))));
                }

                return pairs;
            },
            StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, string>> LabelsAsync(IEnumerable<string> ids) =>
        (await Store.GetNodesAsync([.. ids.Distinct()])).ToDictionary(n => n.Id, n => n.Label, StringComparer.Ordinal);

    private static Dictionary<string, List<string>> Group(IEnumerable<GraphRelationship> relationships, Func<GraphRelationship, string> key, Func<GraphRelationship, string> value) =>
        relationships.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(value).ToList(), StringComparer.Ordinal);

    /// <summary>The shipped seed plus 2,000 synthetic deliverables, loaded once for the class.</summary>
    public sealed class SyntheticStore : IAsyncLifetime
    {
        public TemporaryStore Temporary { get; } = new();

        public async Task InitializeAsync()
        {
            var result = await new Seeder(Temporary.Store).SeedAsync(TemporaryStore.SeedDirectory, (2_000, 42));
            Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        }

        public Task DisposeAsync()
        {
            Temporary.Dispose();
            return Task.CompletedTask;
        }
    }
}
