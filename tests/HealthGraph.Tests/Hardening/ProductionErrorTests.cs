using System.Text.Json.Nodes;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Hardening;

/// <summary>
/// How a server failure reads to a client in Production (every other in-process host test runs in Development, which
/// shows exception details): a stable code and a plain message, with nothing of the exception (its message, type or
/// stack), which goes to the log only.
/// </summary>
public sealed class ProductionErrorTests
{
    private const string Secret = "cannot open /srv/healthgraph/private/graph.db";

    private static async Task<JsonNode> FailingSearchAsync(string environment)
    {
        using var app = new HealthGraphApp { Environment = environment };
        await app.DataAsync("{ statistics { entityCount } }"); // the host is up and its store made
        app.Counter.BeforeSearch = _ => throw new InvalidOperationException(Secret);
        return await app.QueryAsync("""{ search(text: "health") { entity { id } } }""");
    }

    [Fact]
    public async Task InProductionAFailureGivesItsCodeAndAPlainMessage_AndNothingOfTheException()
    {
        var answer = await FailingSearchAsync("Production");

        var error = Assert.Single(answer["errors"]!.AsArray())!;
        Assert.Equal(("INTERNAL_SERVER_ERROR", "The server failed to answer this field; the failure is logged."), ((string)error["extensions"]!["code"]!, (string)error["message"]!));
        Assert.Equal(["search"], error["path"]!.AsArray().Select(p => (string)p!));
        Assert.DoesNotContain(Secret, answer.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), answer.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(answer["data"]); // search is non-null, so its null reaches the root, as the GraphQL spec says
    }

    [Fact]
    public async Task InDevelopmentTheSameFailureShowsTheException_SoTheProductionTestCanTellTheDifference()
    {
        var answer = await FailingSearchAsync("Development");

        Assert.Contains(Secret, answer.ToJsonString(), StringComparison.Ordinal);
    }
}
