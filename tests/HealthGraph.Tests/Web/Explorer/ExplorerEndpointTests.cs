using System.Net;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Tests.Support;
using HealthGraph.Web.Explorer;
using Microsoft.Extensions.Options;

namespace HealthGraph.Tests.Web.Explorer;

/// <summary>
/// How the host serves the explorer: the page (with the GraphQL endpoint's configured path written into it), its
/// files, the redirect, and the explanation when the build had no Node.js. A small stand-in build in a temporary
/// folder plays the page, so these tests do not depend on npm; the browser tests (tests/explorer-e2e) run the real one.
/// </summary>
public sealed class ExplorerEndpointTests : IDisposable
{
    private readonly DirectoryInfo _build = Directory.CreateTempSubdirectory("healthgraph-explore-");

    public ExplorerEndpointTests()
    {
        File.WriteAllText(
            Path.Combine(_build.FullName, "index.html"),
            $"<!doctype html><head>{ExplorerEndpoints.EndpointMeta}{ExplorerEndpoints.SignInMeta}</head><script src=\"./assets/app-1a2b.js\"></script>");
        Directory.CreateDirectory(Path.Combine(_build.FullName, "assets"));
        File.WriteAllText(Path.Combine(_build.FullName, "assets", "app-1a2b.js"), "console.log('explorer');");
    }

    public void Dispose() => _build.Delete(recursive: true);

    private HealthGraphApp App(string? directory, string graphQLPath = "/graphql")
    {
        var app = new HealthGraphApp();
        app.With[$"{ExplorerOptions.Section}:{nameof(ExplorerOptions.Directory)}"] = directory ?? Path.Combine(_build.FullName, "missing");
        app.With["GraphQL:Path"] = graphQLPath;
        return app;
    }

    [Fact]
    public async Task ThePageIsServedWithTheEndpointsPathWrittenIn_AndItsSecurityHeaders()
    {
        await using var app = App(_build.FullName, graphQLPath: "/api/graphql");
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/explore/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("""<meta name="healthgraph-graphql" content="/api/graphql" />""", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ExplorerEndpoints.EndpointMeta, html, StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAnIdentityProvider_ThePageNamesItAndItsClient_AndMayTalkToItOnly()
    {
        await using var app = App(_build.FullName);
        app.With["Auth:Jwt:Authority"] = "https://id.council.example.org/realms/dcc";
        app.With[$"{ExplorerOptions.Section}:{nameof(ExplorerOptions.SignInClientId)}"] = "healthgraph-explorer";
        await using var without = App(_build.FullName);
        using var client = app.CreateClient();
        using var plain = without.CreateClient();

        using var response = await client.GetAsync("/explore/");
        using var plainResponse = await plain.GetAsync("/explore/");
        var html = await response.Content.ReadAsStringAsync();
        var plainHtml = await plainResponse.Content.ReadAsStringAsync();

        Assert.Contains("""<meta name="healthgraph-sign-in" content="https://id.council.example.org/realms/dcc healthgraph-explorer" />""", html, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' https://id.council.example.org;", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.DoesNotContain("healthgraph-sign-in", plainHtml, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", string.Join(";", plainResponse.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAddressWithoutASlashRedirectsToThePage_KeepingItsQuery()
    {
        await using var app = App(_build.FullName);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/explore?lang=en");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/explore/?lang=en", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ThePagesFilesAreServed_CachedForAYearUnderAssets()
    {
        await using var app = App(_build.FullName);
        using var client = app.CreateClient();

        using var script = await client.GetAsync("/explore/assets/app-1a2b.js");
        using var missing = await client.GetAsync("/explore/assets/app-0000.js");

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", script.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task WithoutABuild_ThePageExplainsHowToGetIt()
    {
        await using var app = App(directory: null);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/explore/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The explorer has not been built", html, StringComparison.Ordinal);
        Assert.Contains("Node.js", html, StringComparison.Ordinal);
    }
}

/// <summary>Manifests of persisted documents (what GraphQL Code Generator writes for the explorer) beside .graphql files.</summary>
public sealed class PersistedDocumentManifestTests : IDisposable
{
    private const string Statistics = "query Statistics { statistics { entityCount } }";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("healthgraph-persisted-");

    public void Dispose() => _folder.Delete(recursive: true);

    private PersistedDocumentStore Store() =>
        new(Options.Create(new GraphQLEndpointOptions { PersistedDocumentsPath = _folder.FullName }));

    [Fact]
    public async Task AManifestsDocumentsAreRegisteredByTheirHash_BesideTheGraphQLFiles()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "Statistics.graphql"), "{ statistics { entityCount } }");
        await File.WriteAllTextAsync(
            Path.Combine(_folder.FullName, "explorer.json"),
            $$"""{ "sha256:{{PersistedDocumentStore.Hash(Statistics)}}": "{{Statistics}}" }""");

        var store = Store();

        Assert.Equal(2, store.Count);
        Assert.Equal(Statistics, await store.GetQueryAsync("sha256", PersistedDocumentStore.Hash(Statistics), default));
    }

    [Fact]
    public async Task AManifestWhoseIdIsNotItsDocumentsHash_StopsTheStart_NamingTheFileAndTheId()
    {
        var wrong = "sha256:" + new string('a', 64);
        var manifest = Path.Combine(_folder.FullName, "explorer.json");
        await File.WriteAllTextAsync(manifest, $$"""{ "{{wrong}}": "{{Statistics}}" }""");

        var error = Assert.Throws<InvalidOperationException>(Store);

        Assert.Contains(manifest, error.Message, StringComparison.Ordinal);
        Assert.Contains(wrong, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManifestThatIsNotAnObjectOfTexts_StopsTheStart_NamingTheFile()
    {
        var manifest = Path.Combine(_folder.FullName, "explorer.json");
        await File.WriteAllTextAsync(manifest, """["query { statistics { nodeCount } }"]""");

        var error = Assert.Throws<InvalidOperationException>(Store);

        Assert.Contains(manifest, error.Message, StringComparison.Ordinal);
    }
}
