using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HealthGraph.Store;
using HealthGraph.Store.Sqlite;
using HealthGraph.Tests.Support;
using HealthGraph.Web.Security;
using HealthGraph.Web.Transport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HealthGraph.Tests.Web;

/// <summary>
/// Query answers are kept for one version of the graph and never served stale: a write through the API, through a
/// command in another process and through a second store on the same file each make the next read fresh; an
/// authenticated caller's answer is never another's; a public GET is validated by its ETag (304); memory stays bounded.
/// </summary>
public sealed class ResultCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("healthgraph-cache-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Database => Path.Combine(_folder, "graph.db");

    private HealthGraphApp App(params (string Key, string Value)[] settings)
    {
        var app = new HealthGraphApp();
        app.With["Sqlite:Path"] = Database;
        foreach (var (key, value) in settings)
        {
            app.With[key] = value;
        }

        return app;
    }

    private static async Task<JsonNode> DataAsync(HealthGraphApp app, string query, string? key = null)
    {
        using var response = await app.PostAsync(query, headers: key is null ? null : h => h.Add(ApiKeyAuthenticationHandler.Header, key));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static IReadOnlyDictionary<string, object> Figures(HealthGraphApp app) => app.Services.GetRequiredService<ResultCache>().Statistics();

    private const string Title = """{ deliverable(id: "who-hwf-strategy") { title } }""";

    private static string TitleOf(JsonNode body) => (string)body["data"]!["deliverable"]!["title"]!;

    [Fact]
    public async Task ARepeatedReadIsAnsweredFromTheCache_AndAWriteThroughTheApiMakesTheNextOneFresh()
    {
        await using var app = App();
        var first = TitleOf(await DataAsync(app, Title));
        var again = TitleOf(await DataAsync(app, Title));
        Assert.Equal(first, again);
        Assert.Equal(1L, Figures(app)["hits"]);

        var (_, at) = await AuditAsync(app);
        using var edit = await app.PostAsync(
            """mutation($at: DateTimeOffset!) { updateDeliverable(input: { id: "who-hwf-strategy", expectedUpdatedAt: $at, title: "Renamed through the API" }) { errors { __typename } } }""",
            new { at }, headers: h => h.Add(ApiKeyAuthenticationHandler.Header, HealthGraphApp.EditorKey));

        Assert.Equal("Renamed through the API", TitleOf(await DataAsync(app, Title)));
    }

    [Fact]
    public async Task AWriteByAnotherProcess_OrThroughASecondStoreOnTheSameFile_MakesTheNextReadFresh()
    {
        await using var app = App();
        var keys = """{ apiKeys(first: 10) { name } }""";
        Assert.Empty((await DataAsync(app, keys, HealthGraphApp.EditorKey))["data"]!["apiKeys"]!.AsArray());
        Assert.Empty((await DataAsync(app, keys, HealthGraphApp.EditorKey))["data"]!["apiKeys"]!.AsArray()); // kept

        // A command in another process writes the same file.
        using (var issue = await HealthGraphProcess.RunAsync("apikey", "issue", "--name", "iom-focal-point", "--organisation", "iom", $"--Sqlite:Path={Database}"))
        {
            Assert.True(issue.ExitCode == 0, issue.Output);
        }

        Assert.Equal(["iom-focal-point"], (await DataAsync(app, keys, HealthGraphApp.EditorKey))["data"]!["apiKeys"]!.AsArray().Select(k => (string)k!["name"]!));

        // A second store on the same file (another API instance would have one) changes the graph.
        var before = TitleOf(await DataAsync(app, Title));
        using (var second = new SqliteGraphStore(Options.Create(new SqliteStoreOptions { Path = Database }), TimeProvider.System))
        {
            var node = (await second.GetNodesAsync(["who-hwf-strategy"])).Single();
            await second.ApplyAsync(new GraphChange("key:second-instance", "updateDeliverable", node.Id,
                [node with { Name = "Renamed by a second store", Properties = new Dictionary<string, object?>(node.Properties) { ["title"] = "Renamed by a second store" }, Stamp = null }], [], []));
        }

        Assert.NotEqual("Renamed by a second store", before);
        Assert.Equal("Renamed by a second store", TitleOf(await DataAsync(app, Title)));
    }

    [Fact]
    public async Task AnAuthenticatedAnswerIsNeverServedToAnotherCaller()
    {
        await using var app = App();
        const string viewer = "{ viewer { name } }";
        const string audit = """{ agency(id: "who") { audit { updatedBy } } }""";

        var secretariat = await DataAsync(app, viewer, HealthGraphApp.EditorKey);
        var focalPoint = await DataAsync(app, viewer, HealthGraphApp.WhoEditorKey);
        var anonymous = await DataAsync(app, viewer);
        var auditByEditor = await DataAsync(app, audit, HealthGraphApp.EditorKey);
        var auditByAnonymous = await DataAsync(app, audit);

        Assert.Equal("key:dcc-secretariat", (string?)secretariat["data"]!["viewer"]!["name"]);
        Assert.Equal("key:who-focal-point", (string?)focalPoint["data"]!["viewer"]!["name"]);
        Assert.Null((string?)anonymous["data"]!["viewer"]!["name"]);
        Assert.Equal("seed", (string?)auditByEditor["data"]!["agency"]!["audit"]!["updatedBy"]);
        Assert.Equal("UNAUTHENTICATED", (string?)auditByAnonymous["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task APublicGetIsValidatedByItsETag_WhichChangesWithTheGraph_AndAnAuthenticatedOneIsKeptByNoCache()
    {
        await using var app = App();
        var text = await File.ReadAllTextAsync(RepositoryFiles.PathOf("schema", "documents", "GoalCoverage.graphql"));
        var url = $"/graphql?documentId=sha256:{HealthGraph.Api.Engine.Execution.PersistedDocumentStore.Hash(text)}&variables={Uri.EscapeDataString("""{"goal":"8"}""")}";
        using var client = app.CreateClient();
        async Task<HttpResponseMessage> GetAsync(string? etag = null, string? key = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
            if (etag is not null)
            {
                request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
            }

            if (key is not null)
            {
                request.Headers.Add(ApiKeyAuthenticationHandler.Header, key);
            }

            return await client.SendAsync(request);
        }

        using var first = await GetAsync();
        var etag = first.Headers.ETag?.ToString();
        using var revalidated = await GetAsync(etag);
        using var otherTag = await GetAsync("\"0123456789abcdef0123456789abcdef\"");
        using var authenticated = await GetAsync(etag, HealthGraphApp.EditorKey);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(etag);
        Assert.Equal("public, no-cache", first.Headers.CacheControl?.ToString());
        Assert.Contains("Authorization", first.Headers.Vary);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, otherTag.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
        Assert.Null(authenticated.Headers.ETag);
        Assert.Equal("no-store, private", authenticated.Headers.CacheControl?.ToString());

        // After a write the old ETag no longer matches: the answer comes again, with a new one.
        using (await app.PostAsync("""mutation { linkAlignment(input: { workId: "who-hwf-strategy", sdgCode: "8.8", source: { basis: INFERRED, reason: "For the test." } }) { changed } }""",
                   headers: h => h.Add(ApiKeyAuthenticationHandler.Header, HealthGraphApp.EditorKey)))
        {
        }

        using var changed = await GetAsync(etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task ManyDistinctQueriesStayWithinTheMemoryBound_AndTheCacheCanBeTurnedOff()
    {
        await using var app = App(("GraphQL:ResultCache:MaxBytes", "4096"));
        for (var i = 0; i < 200; i++)
        {
            await DataAsync(app, $$"""{ search(text: "health", first: {{1 + (i % 20)}}) { __typename } statistics { entityCount } a{{i}}: __typename }""");
        }

        var figures = Figures(app);
        Assert.True((long)figures["bytes"] <= 4096, $"{figures["bytes"]} bytes kept, at most 4096 allowed");
        Assert.True((int)figures["entries"] > 0);

        await using var off = App(("GraphQL:ResultCache:Enabled", "false"));
        await DataAsync(off, Title);
        await DataAsync(off, Title);
        Assert.Equal((0L, 0L), ((long)Figures(off)["hits"], (long)Figures(off)["misses"]));
    }

    private static async Task<(string Title, string At)> AuditAsync(HealthGraphApp app)
    {
        var body = await DataAsync(app, """{ deliverable(id: "who-hwf-strategy") { title audit { updatedAt } } }""");
        return (TitleOf(body), (string)body["data"]!["deliverable"]!["audit"]!["updatedAt"]!);
    }
}
