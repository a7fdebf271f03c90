using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Api;

/// <summary>
/// Every contribution of the seed's goal coverage carries the alignment it stands on (its source document and excerpt,
/// or its reason) and, for work that counts through an outcome, that outcome: a donor can trace each figure to its
/// source without a second query.
/// </summary>
public sealed class ContributionProvenanceTests(HealthGraphApp app) : IClassFixture<HealthGraphApp>
{
    private const string Coverage = """
        query($goal: String!) { goalCoverage(goal: $goal, first: 100) {
          goalLevelCount goalLevel { ...contribution }
          targets { target { id } contributionCount contributions { ...contribution } } } }
        fragment contribution on Contribution {
          basis reason viaOutcome work { ... on Deliverable { id outcomes(first: 10) { nodes { id } } } ... on Outcome { id } }
          outcome { id } path
          alignment { type from { id } to { id } provenance { basis reason excerpt document { id } } } }
        """;

    [Fact]
    public async Task EveryContributionOfEveryGoalNamesTheAlignmentItStandsOn_AndTheOutcomeItGoesThrough()
    {
        var checkedCount = (Stated: 0, ViaOutcome: 0, All: 0);
        for (var goal = 1; goal <= 17; goal++)
        {
            var coverage = (await app.DataAsync(Coverage, new { goal = goal.ToString(System.Globalization.CultureInfo.InvariantCulture) }))["goalCoverage"]!;
            Assert.Equal((int)coverage["goalLevelCount"]!, coverage["goalLevel"]!.AsArray().Count);
            Assert.All(coverage["targets"]!.AsArray(), t => Assert.Equal((int)t!["contributionCount"]!, t["contributions"]!.AsArray().Count));
            var sdgOfContributions = coverage["goalLevel"]!.AsArray().Select(c => ($"sdg-goal-{goal}", c!))
                .Concat(coverage["targets"]!.AsArray().SelectMany(t => t!["contributions"]!.AsArray().Select(c => ((string)t["target"]!["id"]!, c!))));
            foreach (var (sdg, contribution) in sdgOfContributions)
            {
                var work = (string)contribution["work"]!["id"]!;
                var alignment = contribution["alignment"];
                Assert.True(alignment is not null, $"{work} on {sdg}: no alignment");
                Assert.Equal("ALIGNS_WITH", (string?)alignment["type"]);
                Assert.Equal((string?)contribution["basis"], (string?)alignment["provenance"]!["basis"]);
                Assert.Equal((string?)contribution["reason"], (string?)alignment["provenance"]!["reason"]);
                if ((string)contribution["basis"]! == "STATED")
                {
                    Assert.False(string.IsNullOrEmpty((string?)alignment["provenance"]!["excerpt"]), $"{work} on {sdg}: a stated alignment without its excerpt");
                    Assert.NotNull(alignment["provenance"]!["document"]);
                    checkedCount.Stated++;
                }

                if ((bool)contribution["viaOutcome"]!)
                {
                    var outcome = (string?)contribution["outcome"]?["id"];
                    Assert.True(outcome is not null, $"{work} on {sdg}: through which outcome?");
                    Assert.Equal(outcome, (string?)alignment["from"]!["id"]);
                    Assert.Contains(outcome, contribution["work"]!["outcomes"]!["nodes"]!.AsArray().Select(o => (string?)o!["id"]));
                    checkedCount.ViaOutcome++;
                }
                else
                {
                    Assert.Null(contribution["outcome"]);
                    Assert.Equal(work, (string?)alignment["from"]!["id"]);
                }

                var to = (string)alignment["to"]!["id"]!;
                Assert.True(to == sdg || sdg.StartsWith("sdg-goal-", StringComparison.Ordinal), $"{work} on {sdg}: aligned with {to}");
                Assert.Equal((bool)contribution["viaOutcome"]! ? "VIA_OUTCOME" : to == sdg ? "DIRECT" : "VIA_TARGET", (string?)contribution["path"]);
                checkedCount.All++;
            }
        }

        // The seed has every kind: stated links with their excerpts, and work that counts through outcomes.
        Assert.True(checkedCount is { Stated: > 0, ViaOutcome: > 0, All: > 50 }, checkedCount.ToString());
    }

    [Fact]
    public async Task AnEntitysRelationshipListsCarryEachRelationshipWithItsSource()
    {
        var data = await app.DataAsync("""
            { deliverable(id: "who-hwf-strategy") { id
                deliveredBy { edges { node { id } relationship { type from { id } to { id } provenance { basis excerpt document { id } } } } }
                themes { edges { node { id } relationship { type from { id } to { id } provenance { basis } } } } }
              deliverables(first: 1) { edges { relationship { type } } } }
            """);

        var deliverer = Assert.Single(data["deliverable"]!["deliveredBy"]!["edges"]!.AsArray())!;
        Assert.Equal(("DELIVERS", "who", "who-hwf-strategy", "STATED"),
            ((string)deliverer["relationship"]!["type"]!, (string)deliverer["relationship"]!["from"]!["id"]!, (string)deliverer["relationship"]!["to"]!["id"]!,
            (string)deliverer["relationship"]!["provenance"]!["basis"]!));
        Assert.False(string.IsNullOrEmpty((string?)deliverer["relationship"]!["provenance"]!["excerpt"]));
        var themes = data["deliverable"]!["themes"]!["edges"]!.AsArray();
        Assert.NotEmpty(themes);
        Assert.All(themes, t => Assert.Equal(("HAS_THEME", "who-hwf-strategy", (string)t!["node"]!["id"]!),
            ((string)t!["relationship"]!["type"]!, (string)t["relationship"]!["from"]!["id"]!, (string)t["relationship"]!["to"]!["id"]!)));
        Assert.Null(data["deliverables"]!["edges"]![0]!["relationship"]);
    }

    /// <summary>
    /// WHO's contributions to goal 3 by path, as checked by hand against the sources (the portfolio's 19: one deliverable
    /// aligned with the goal itself, nine with its targets, nine through the UHC Partnership's expected results they
    /// serve), and the four expected results themselves, aligned with target 3.8.
    /// </summary>
    [Fact]
    public async Task EachContributionSaysItsPath_WhosGoal3IsOneDirectNineThroughTargetsNineThroughOutcomes()
    {
        var contributions = (await app.DataAsync("""
            { sdgGoal(code: "3") { contributions(first: 500) { agency { id } path work { __typename } } } }
            """))["sdgGoal"]!["contributions"]!.AsArray();

        var byPath = contributions.Where(c => (string)c!["agency"]!["id"]! == "who")
            .GroupBy(c => $"{(string)c!["work"]!["__typename"]!} {(string)c["path"]!}")
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(
            new Dictionary<string, int> { ["Deliverable DIRECT"] = 1, ["Deliverable VIA_OUTCOME"] = 9, ["Deliverable VIA_TARGET"] = 9, ["Outcome VIA_TARGET"] = 4 },
            byPath);
    }
}
