using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HealthGraph.Tests.Support;
using HealthGraph.Web.Security;

namespace HealthGraph.Tests.Web;

/// <summary>
/// The result cache and ETags on the real Neo4j: two API instances on one database (as two replicas behind a load
/// balancer), the second's write making the first's next read fresh.
/// </summary>
[Collection(Neo4jTests.Name)]
[Trait(Neo4jTests.Category, Neo4jTests.Name)]
public sealed class ResultCacheOnNeo4j(Neo4jServerFixture server, SeededNeo4jStore seeded) : IClassFixture<SeededNeo4jStore>
{
    private sealed class Instance(IReadOnlyDictionary<string, string> settings) : HealthGraphApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => settings.Append(KeyValuePair.Create("HealthGraph:SeedOnFirstRun", "false"));

        protected override bool CountsStoreCalls => false;
    }

    [Fact]
    public async Task ASecondInstancesWriteMakesTheFirstsNextReadFresh_AndItsETagChange()
    {
        Assert.NotNull(seeded.Store);
        await using var first = new Instance(server.Settings);
        await using var second = new Instance(server.Settings);
        var text = await File.ReadAllTextAsync(RepositoryFiles.PathOf("schema", "documents", "Entity.graphql"));
        var url = $"/graphql?documentId=sha256:{HealthGraph.Api.Engine.Execution.PersistedDocumentStore.Hash(text)}&variables={Uri.EscapeDataString("""{"id":"who-hwf-strategy"}""")}";
        using var client = first.CreateClient();
        async Task<(HttpStatusCode Status, string? ETag, string Body)> GetAsync(string? etag = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
            if (etag is not null)
            {
                request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
            }

            using var response = await client.SendAsync(request);
            return (response.StatusCode, response.Headers.ETag?.ToString(), await response.Content.ReadAsStringAsync());
        }

        var before = await GetAsync();
        var again = await GetAsync(before.ETag);
        var audit = JsonNode.Parse((await (await first.PostAsync("""{ deliverable(id: "who-hwf-strategy") { audit { updatedAt } } }""")).Content.ReadAsStringAsync()))!;
        using (var edit = await second.PostAsync(
            """mutation($at: DateTimeOffset!) { updateDeliverable(input: { id: "who-hwf-strategy", expectedUpdatedAt: $at, title: "Renamed by the second instance" }) { errors { __typename } } }""",
            new { at = (string)audit["data"]!["deliverable"]!["audit"]!["updatedAt"]! },
            headers: h => h.Add(ApiKeyAuthenticationHandler.Header, HealthGraphApp.EditorKey)))
        {
            Assert.DoesNotContain("Error", await edit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var after = await GetAsync(before.ETag);

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.NotNull(before.ETag);
        Assert.Equal(HttpStatusCode.NotModified, again.Status);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.NotEqual(before.ETag, after.ETag);
        Assert.DoesNotContain("Renamed by the second instance", before.Body, StringComparison.Ordinal);
        Assert.Contains("Renamed by the second instance", after.Body, StringComparison.Ordinal);
    }
}
