using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Api;

/// <summary>An SDG goal, target or indicator is found by its code or its id alike, and a goal filter is exact.</summary>
public sealed class SdgLookupTests(HealthGraphApp app) : IClassFixture<HealthGraphApp>
{
    [Theory]
    [InlineData("sdgGoal", "3", "sdg-goal-3")]
    [InlineData("sdgTarget", "3.8", "sdg-target-3.8")]
    [InlineData("sdgTarget", "3.c", "sdg-target-3.c")]
    [InlineData("sdgIndicator", "3.8.1", "sdg-indicator-3.8.1")]
    public async Task ALookupTakesTheCodeOrTheId(string field, string code, string id)
    {
        var data = await app.DataAsync($$"""{ byCode: {{field}}(code: "{{code}}") { id code } byId: {{field}}(code: "{{id}}") { id code } wrongKind: {{field}}(code: "sdg-goal-30") { id } }""");

        Assert.Equal((id, code), ((string?)data["byCode"]?["id"], (string?)data["byCode"]?["code"]));
        Assert.Equal(data["byCode"]!.ToJsonString(), data["byId"]!.ToJsonString());
        Assert.Null(data["wrongKind"]);
    }

    [Fact]
    public async Task GoalCoverageTakesTheGoalsNumberOrItsId()
    {
        const string Coverage = "query($goal: String!) { goalCoverage(goal: $goal) { goal { id } targets { target { code } agencyCount } } }";

        var byNumber = await app.DataAsync(Coverage, new { goal = "8" });
        var byId = await app.DataAsync(Coverage, new { goal = "sdg-goal-8" });

        Assert.Equal("sdg-goal-8", (string?)byNumber["goalCoverage"]!["goal"]!["id"]);
        Assert.Equal(byNumber.ToJsonString(), byId.ToJsonString());
    }

    [Fact]
    public async Task TheGoalFilterIsExact_WhereGoalCodeContainsMatchedGoalsTenToSeventeen()
    {
        var data = await app.DataAsync("""
            { goal1: sdgTargets(where: { goal: { eq: "1" } }, first: 100) { totalCount nodes { code } }
              goal1ById: sdgTargets(where: { goal: { in: ["sdg-goal-1", "17"] } }, first: 100) { totalCount }
              contains1: sdgTargets(where: { goalCode: { contains: "1" } }, first: 100) { totalCount } }
            """);

        var codes = data["goal1"]!["nodes"]!.AsArray().Select(n => (string)n!["code"]!).ToList();
        Assert.Equal(["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"], codes);
        Assert.Equal(7 + 19, (int)data["goal1ById"]!["totalCount"]!);
        Assert.True((int)data["contains1"]!["totalCount"]! > 7 + 19, "goalCode contains '1' matches goals 1 and 10 to 17");
    }
}
