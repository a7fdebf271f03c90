using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Web.Exports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace HealthGraph.Tests.Support;

/// <summary>
/// One meaning of "aligned" (<see cref="AlignmentPaths"/>): for every agency and SDG goal of a store, under each basis,
/// the portfolio's deliverables on the goal, the deliverables list filtered by agency and alignedWith, and (for every
/// path) goal coverage's deliverables of that agency are the same set. Coverage also counts as an agency's work what
/// its deliverables serve; that is left out here, where the question is the agency's own deliverables. The alignment
/// export lists links (the work's own, to a goal or its targets): for those paths, the deliverables in its rows by goal
/// are the same set too.
/// </summary>
public static class AlignmentAgreement
{
    /// <returns>How many (agency, goal, deliverable) memberships were compared.</returns>
    public static async Task<int> AssertAsync(IGraphStore store, AlignmentPaths paths)
    {
        var goals = (await store.ListNodesAsync(new NodeListQuery(NodeLabels.SdgGoal))).Nodes;
        var agencies = (await store.ListNodesAsync(new NodeListQuery(NodeLabels.Organization))).Nodes.Select(n => n.Id).ToList();
        var compared = 0;
        foreach (var basis in new Basis?[] { null }.Concat(Enum.GetValues<Basis>().Cast<Basis?>()))
        {
            var rule = new AlignmentRule(paths, basis);
            var coverage = paths == AlignmentPaths.All
                ? (await store.GetSdgWorkAsync([.. goals.Select(g => g.Id)], basis)).ToDictionary(w => w.SdgId, StringComparer.Ordinal)
                : null;
            foreach (var agency in agencies)
            {
                var portfolio = await store.GetPortfolioAsync(agency, rule);
                if (portfolio.Count == 0)
                {
                    continue;
                }

                await AssertGroupedAsync(store, agency, rule, portfolio);
                var delivered = portfolio.Select(i => i.DeliverableId).ToHashSet(StringComparer.Ordinal);
                var exported = paths == (AlignmentPaths.Direct | AlignmentPaths.ViaTarget) ? await ExportedAsync(store, agency, basis) : null;
                foreach (var goal in goals)
                {
                    var code = goal.GetString("code")!;
                    string[] inPortfolio = [.. portfolio.Where(i => i.GoalCodes.Contains(code)).Select(i => i.DeliverableId).Order(StringComparer.Ordinal)];
                    var listed = await store.ListNodesAsync(new NodeListQuery(
                        NodeLabels.Deliverable,
                        new AllOf([
                            new FieldCondition(NodeField.Related(RelationshipTypes.Delivers, Direction.Incoming), FilterOperator.Equals, [agency]),
                            new FieldCondition(NodeField.Aligned(rule), FilterOperator.Equals, [goal.Id]),
                        ]),
                        [new NodeOrder(NodeField.Id)]));

                    Assert.True(
                        inPortfolio.SequenceEqual(listed.Nodes.Select(n => n.Id)),
                        $"{agency}, goal {code}, {paths}, {basis?.ToString() ?? "either"}: portfolio [{string.Join(", ", inPortfolio)}], list [{string.Join(", ", listed.Nodes.Select(n => n.Id))}]");
                    Assert.Equal(inPortfolio.Length, listed.TotalCount);
                    if (coverage is not null)
                    {
                        string[] covered =
                        [
                            .. (coverage.GetValueOrDefault(goal.Id)?.Contributions ?? [])
                                .Where(c => c.AgencyId == agency && delivered.Contains(c.Item.Id))
                                .Select(c => c.Item.Id).Distinct().Order(StringComparer.Ordinal),
                        ];
                        Assert.True(
                            inPortfolio.SequenceEqual(covered),
                            $"{agency}, goal {code}, {basis?.ToString() ?? "either"}: portfolio [{string.Join(", ", inPortfolio)}], coverage [{string.Join(", ", covered)}]");
                    }

                    if (exported is not null)
                    {
                        string[] rows = [.. (exported.GetValueOrDefault(code) ?? []).Order(StringComparer.Ordinal)];
                        Assert.True(
                            inPortfolio.SequenceEqual(rows),
                            $"{agency}, goal {code}, {basis?.ToString() ?? "either"}: portfolio [{string.Join(", ", inPortfolio)}], export [{string.Join(", ", rows)}]");
                    }

                    compared += inPortfolio.Length;
                }
            }
        }

        return compared;
    }

    /// <summary>
    /// The store's grouping of the portfolio (<see cref="IGraphStore.GetPortfolioGroupsAsync"/>, which Neo4j computes on the
    /// server) is <see cref="PortfolioGrouping"/> applied to its items: every group's count, and its first two ids from the
    /// start and after the portfolio's middle deliverable.
    /// </summary>
    private static async Task AssertGroupedAsync(IGraphStore store, string agency, AlignmentRule rule, IReadOnlyList<PortfolioItem> portfolio)
    {
        var middle = portfolio.Select(i => i.DeliverableId).Order(StringComparer.Ordinal).ElementAt(portfolio.Count / 2);
        foreach (var after in new[] { null, middle })
        {
            static string Describe(IEnumerable<PortfolioGroup> groups) => string.Join("; ", groups
                .OrderBy(g => g.Facet).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Facet} {g.Key ?? "(none)"}: {g.Count} [{string.Join(", ", g.Ids)}]"));
            var expected = Describe(PortfolioGrouping.Of(portfolio, 2, after));
            var grouped = Describe(await store.GetPortfolioGroupsAsync(agency, rule, 2, after));
            Assert.True(expected == grouped, $"{agency}, {rule}, after {after ?? "(start)"}:{Environment.NewLine}items: {expected}{Environment.NewLine}store: {grouped}");
        }
    }

    /// <summary>The alignment export's deliverables of one agency under a basis, by the goal column of their rows.</summary>
    private static async Task<Dictionary<string, HashSet<string>>> ExportedAsync(IGraphStore store, string agency, Basis? basis)
    {
        var export = new AlignmentExport();
        var query = new Dictionary<string, StringValues> { ["agency"] = agency };
        if (basis is { } b)
        {
            query["basis"] = Provenance.ToCode(b);
        }

        var columns = export.Columns.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        var byGoal = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await foreach (var rows in export.RowsAsync(new ExportParameters(new QueryCollection(query), export.Parameters, 100), store, CancellationToken.None))
        {
            foreach (var row in rows.Where(r => (string?)r[columns["workType"]] == "DELIVERABLE" && r[columns["goal"]] is string && r[columns["indicator"]] is null))
            {
                var goal = (string)row[columns["goal"]]!;
                (byGoal.TryGetValue(goal, out var work) ? work : byGoal[goal] = new(StringComparer.Ordinal)).Add((string)row[columns["workId"]]!);
            }
        }

        return byGoal;
    }
}
