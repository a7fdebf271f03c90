using System.Net;
using System.Text.Json.Nodes;
using GraphQLParser;
using GraphQLParser.AST;
using HealthGraph.Tests.Support;
using Xunit.Abstractions;

namespace HealthGraph.Tests.Hardening;

/// <summary>
/// Bad input against the real host over real HTTP (Kestrel on a loopback port): every row gets its own 4xx, or 200
/// with a GraphQL error where the GraphQL-over-HTTP specification says so, with a stable code and a message that says
/// what was wrong; none gets a 500; and after every row the server still answers, with the graph unchanged.
/// </summary>
public sealed class BadInputTests(KestrelHealthGraphApp app, ITestOutputHelper output) : IClassFixture<KestrelHealthGraphApp>
{
    /// <summary>A normal query whose answer must not change: the counts, an agency, and a status a GET mutation would change.</summary>
    private const string Probe = """{ statistics { entityCount relationshipCount } agency(id: "who") { shortName } deliverable(id: "who-hwf-strategy") { status } }""";

    public static TheoryData<string> Names => [.. BadInputs.Battery.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task BadInputGetsASpecificAnswer_AndTheServerStaysUpWithItsDataIntact(string input)
    {
        var row = BadInputs.Battery[input];
        using var client = app.CreateSocketClient();
        var before = await DataAsync(client, Probe);

        var (status, body) = await SendAsync(client, row.Request());
        var error = body?["errors"]?[0];
        output.WriteLine($"| {row.Name} | {(int)status} | {error?["extensions"]?["code"]} | {error?["message"]} |");

        Assert.NotEqual(HttpStatusCode.InternalServerError, status);
        Assert.Equal(row.Status, status);
        if (row.Code is not null)
        {
            Assert.Equal(row.Code, (string?)error?["extensions"]?["code"]);
            Assert.Contains(row.Message!, (string?)error?["message"] ?? "", StringComparison.Ordinal);
        }

        if (row.SameAs is not null)
        {
            Assert.True(body?["errors"] is null, body?["errors"]?.ToJsonString());
            Assert.True(JsonNode.DeepEquals(await DataAsync(client, row.SameAs), body?["data"]), body?.ToJsonString());
        }

        var after = await DataAsync(client, Probe);
        Assert.True(JsonNode.DeepEquals(before, after), $"{before.ToJsonString()} became {after.ToJsonString()}");
        Assert.Equal("WHO", (string?)after["agency"]!["shortName"]);
    }

    [Fact]
    public void TheHostListensOnALoopbackPortOverRealHttp()
    {
        Assert.Equal(Uri.UriSchemeHttp, app.Address.Scheme);
        Assert.True(app.Address.IsLoopback);
        Assert.NotEqual(0, app.Address.Port);
    }

    [Fact]
    public async Task DeepQueryBuildsAValidQueryOfTheGivenDepth()
    {
        using var client = app.CreateSocketClient();

        var data = await DataAsync(client, BadInputs.DeepQuery(6));

        Assert.Equal(6, Depth(Parser.Parse(BadInputs.DeepQuery(6)).Definitions.OfType<GraphQLOperationDefinition>().Single().SelectionSet));
        Assert.Equal(200, Depth(Parser.Parse(BadInputs.DeepQuery(200), new ParserOptions { MaxDepth = 1000 }).Definitions.OfType<GraphQLOperationDefinition>().Single().SelectionSet));
        Assert.Equal("who", (string?)data["agency"]!["deliverables"]!["nodes"]![0]!["deliveredBy"]!["nodes"]![0]!["id"]);
        Assert.Equal(4, Depth(Parser.Parse(BadInputs.DeepQuery(4)).Definitions.OfType<GraphQLOperationDefinition>().Single().SelectionSet));
        Assert.True((int)(await DataAsync(client, BadInputs.DeepQuery(3)))["agency"]!["deliverables"]!["totalCount"]! > 0);
    }

    [Fact]
    public async Task ManyAliasesBuildsAValidQueryWithThatManyFields()
    {
        using var client = app.CreateSocketClient();

        var data = await DataAsync(client, BadInputs.ManyAliases(3));

        Assert.Equal(10_000, Parser.Parse(BadInputs.ManyAliases(10_000)).Definitions.OfType<GraphQLOperationDefinition>().Single().SelectionSet.Selections.Count);
        Assert.Equal(["a0", "a1", "a2"], data.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task LargeBodyBuildsAValidRequestOfTheGivenSize()
    {
        using var client = app.CreateSocketClient();
        var body = BadInputs.LargeBody(64 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };

        var (status, json) = await SendAsync(client, request);

        Assert.Equal(64 * 1024, body.Length);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((int)json!["data"]!["statistics"]!["entityCount"]! > 500);
    }

    private static int Depth(GraphQLSelectionSet? selections) =>
        selections is null ? 0 : 1 + selections.Selections.OfType<GraphQLField>().Max(f => Depth(f.SelectionSet));

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
        }
    }

    private static async Task<JsonNode> DataAsync(HttpClient client, string query)
    {
        var (status, body) = await SendAsync(client, BadInputs.Query(query));
        Assert.True(status == HttpStatusCode.OK && body?["errors"] is null, $"{(int)status}: {body?.ToJsonString()}");
        return body!["data"]!;
    }
}
