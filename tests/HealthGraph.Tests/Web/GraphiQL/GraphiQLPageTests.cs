using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HealthGraph.Web.GraphiQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Net.Http.Headers;

namespace HealthGraph.Tests.Web.GraphiQL;

/// <summary>
/// The GraphiQL page at /graphql: which requests get it, what it loads, and how its embedded files are served.
/// A minimal host maps the page and the files under a PathBase, as a deployment behind a path prefix would.
/// </summary>
public sealed partial class GraphiQLPageTests : IClassFixture<GraphiQLPageTests.GraphiQLHost>
{
    private const string ChromeAccept =
        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

    private const string FirefoxAccept =
        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/png,image/svg+xml,*/*;q=0.8";

    private readonly GraphiQLHost _host;

    public GraphiQLPageTests(GraphiQLHost host) => _host = host;

    [Theory]
    [InlineData("GET", ChromeAccept, true)]
    [InlineData("GET", FirefoxAccept, true)]
    [InlineData("GET", "text/html", true)]
    [InlineData("GET", "text/*", true)]
    [InlineData("GET", "application/json;q=0.5, text/html", true)]
    [InlineData("GET", "text/html, */*;q=0.9", true)]
    [InlineData("GET", null, false)]
    [InlineData("GET", "", false)]
    [InlineData("GET", "*/*", false)]
    [InlineData("GET", "application/json", false)]
    [InlineData("GET", "application/graphql-response+json, application/json;q=0.9", false)]
    [InlineData("GET", "text/html, application/json", false)]
    [InlineData("GET", "text/html, application/graphql-response+json", false)]
    [InlineData("GET", "text/html;q=0.5, application/json", false)]
    [InlineData("GET", "text/html, application/*", false)]
    [InlineData("GET", "text/html;q=0", false)]
    [InlineData("GET", "text/html;q=0, */*", false)]
    [InlineData("GET", "not a media type", false)]
    [InlineData("POST", "text/html", false)]
    [InlineData("HEAD", ChromeAccept, false)]
    public void ABrowserRequestIsAGetThatPrefersHtmlToEveryGraphQLResponseType(string method, string? accept, bool expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        Assert.Equal(expected, GraphiQLEndpoints.IsBrowserRequest(context.Request));
    }

    [Fact]
    public void TheBuildEmbedsEveryFileThePageLoads()
    {
        Assert.Empty(GraphiQLAssets.Embedded.Missing);
    }

    [Fact]
    public async Task ThePageIsUtf8Html_TitledForHealthGraph_UnderAPolicyThatAllowsOnlySelfHostedScriptsAndStyles()
    {
        var response = await _host.Client.GetAsync("/hg/graphql");
        var html = await response.Content.ReadAsStringAsync();
        var csp = Assert.Single(response.Headers.GetValues(HeaderNames.ContentSecurityPolicy));
        var startupNonce = StartupScriptNonce().Match(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("<title>HealthGraph · GraphiQL</title>", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-", csp, StringComparison.Ordinal);
        Assert.True(startupNonce.Success, "the start-up script carries a nonce");
        Assert.Contains($"style-src 'self' 'nonce-{startupNonce.Groups["nonce"].Value}';", csp, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineScript(), html);
    }

    [Fact]
    public async Task EachPageGetsItsOwnStyleNonce()
    {
        var first = await _host.Client.GetAsync("/hg/graphql");
        var second = await _host.Client.GetAsync("/hg/graphql");

        Assert.NotEqual(
            first.Headers.GetValues(HeaderNames.ContentSecurityPolicy).Single(),
            second.Headers.GetValues(HeaderNames.ContentSecurityPolicy).Single());
    }

    [Fact]
    public async Task ThePageGivesGraphiQLTheEndpointBelowThePathBase_AndTheDefaultQuery()
    {
        var html = await _host.Client.GetStringAsync("/hg/graphql");
        var configJson = PageConfig().Match(html).Groups["json"].Value;

        using var config = JsonDocument.Parse(configJson);

        Assert.Equal("/hg/graphql", config.RootElement.GetProperty("url").GetString());
        Assert.Equal(GraphiQLEndpoints.DefaultQuery, config.RootElement.GetProperty("defaultQuery").GetString());
    }

    [Fact]
    public async Task EveryFileThePageLoadsIsServed_InPageOrder_WithItsContentType()
    {
        var html = await _host.Client.GetStringAsync("/hg/graphql");
        var urls = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();

        Assert.Equal(
            ["graphiql.min.css", "healthgraph-graphiql.css", "react.production.min.js", "react-dom.production.min.js", "graphiql.min.js", "healthgraph-graphiql.js"],
            urls.Select(u => u[(u.LastIndexOf('/') + 1)..]));
        foreach (var url in urls)
        {
            Assert.Matches(@"^/hg/graphql/graphiql/[0-9a-f]{16}/[a-z.-]+$", url);
            var response = await _host.Client.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(
                url.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8",
                response.Content.Headers.ContentType?.ToString());
            Assert.True(body.Length > 0, $"{url} has content");
        }
    }

    [Fact]
    public async Task TheScriptsAreThePackagesBrowserBuilds_ExposingTheGlobalsTheStartupScriptUses()
    {
        var html = await _host.Client.GetStringAsync("/hg/graphql");
        var urls = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        string Url(string file) => urls.Single(u => u.EndsWith("/" + file, StringComparison.Ordinal));

        var react = await _host.Client.GetStringAsync(Url("react.production.min.js"));
        var reactDom = await _host.Client.GetStringAsync(Url("react-dom.production.min.js"));
        var graphiql = await _host.Client.GetStringAsync(Url("graphiql.min.js"));

        Assert.Contains("@license React", react, StringComparison.Ordinal);
        Assert.Contains("react-dom.production.min.js", reactDom, StringComparison.Ordinal);
        // GraphiQL's UMD wrapper: a global GraphiQL built on the React and ReactDOM globals.
        Assert.Contains(".GraphiQL=t(e.React,e.ReactDOM)", graphiql, StringComparison.Ordinal);
        Assert.Contains("createFetcher", graphiql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileIsCachedForAYear_BecauseItsUrlChangesWithItsContent()
    {
        var url = await AssetUrlAsync("graphiql.min.js");

        var response = await _host.Client.GetAsync(url);
        var version = url.Split('/')[^2];

        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal($"\"{version}\"", response.Headers.ETag?.ToString());
        Assert.False(response.Headers.ETag!.IsWeak);
    }

    [Fact]
    public async Task ARevalidationWithTheCurrentETagIs304NotModified()
    {
        var url = await AssetUrlAsync("healthgraph-graphiql.js");
        var etag = (await _host.Client.GetAsync(url)).Headers.ETag!.ToString();

        using var revalidation = new HttpRequestMessage(HttpMethod.Get, url);
        revalidation.Headers.TryAddWithoutValidation(HeaderNames.IfNoneMatch, etag);
        var response = await _host.Client.SendAsync(revalidation);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task ARevalidationWithAnotherETagGetsTheFile()
    {
        var url = await AssetUrlAsync("healthgraph-graphiql.js");

        using var revalidation = new HttpRequestMessage(HttpMethod.Get, url);
        revalidation.Headers.TryAddWithoutValidation(HeaderNames.IfNoneMatch, "\"0000000000000000\"");
        var response = await _host.Client.SendAsync(revalidation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("GraphiQL.createFetcher", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrowserThatAcceptsGzipGetsTheSameFileGzipped_UnderItsOwnETag()
    {
        var url = await AssetUrlAsync("graphiql.min.css");
        var plain = await _host.Client.GetAsync(url);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation(HeaderNames.AcceptEncoding, "gzip, deflate, br, zstd");
        var gzipped = await _host.Client.SendAsync(request);
        var compressed = await gzipped.Content.ReadAsByteArrayAsync();
        using var decompressed = new MemoryStream();
        await using (var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(decompressed);
        }

        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
        Assert.Contains(HeaderNames.AcceptEncoding, gzipped.Headers.Vary);
        Assert.True(compressed.Length < decompressed.Length, "the gzipped file is smaller");
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), decompressed.ToArray());
        Assert.NotEqual(plain.Headers.ETag, gzipped.Headers.ETag);
    }

    [Theory]
    [InlineData("/hg/graphql/graphiql/{version}/unknown.js")]
    [InlineData("/hg/graphql/graphiql/0000000000000000/graphiql.min.js")]
    [InlineData("/hg/graphql/graphiql/{version}/GRAPHIQL.MIN.JS")]
    [InlineData("/hg/graphql/graphiql/graphiql.min.js")]
    public async Task AnUnknownFileOrVersionIs404(string path)
    {
        var version = (await AssetUrlAsync("graphiql.min.js")).Split('/')[^2];

        var response = await _host.Client.GetAsync(path.Replace("{version}", version, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WithoutGraphiQLsFiles_ThePageExplainsThatTheyAreMissingAndHowToGetThem()
    {
        var ownFilesOnly = new GraphiQLAssets(GraphiQLAssets.Embedded.All.Where(a => a.Name.StartsWith("healthgraph-", StringComparison.Ordinal)));
        var context = new DefaultHttpContext();
        context.Request.PathBase = "/hg";
        context.Response.Body = new MemoryStream();

        await GraphiQLEndpoints.WriteGraphiQLPageAsync(context, "/graphql", ownFilesOnly);
        var html = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());

        Assert.Equal("text/html; charset=utf-8", context.Response.ContentType);
        Assert.Contains("GraphiQL's assets are missing", html, StringComparison.Ordinal);
        Assert.Contains("<code>graphiql.min.js</code>", html, StringComparison.Ordinal);
        Assert.Contains("npm ci", html, StringComparison.Ordinal);
        Assert.Contains("<code>/hg/graphql</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", context.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> AssetUrlAsync(string file)
    {
        var html = await _host.Client.GetStringAsync("/hg/graphql");
        return AssetReference().Matches(html).Select(m => m.Groups["url"].Value).Single(u => u.EndsWith("/" + file, StringComparison.Ordinal));
    }

    [GeneratedRegex("(?:src|href)=\"(?<url>[^\"]+)\"")]
    private static partial Regex AssetReference();

    [GeneratedRegex("""<script src="[^"]+/healthgraph-graphiql\.js" nonce="(?<nonce>[^"]+)" defer></script>""")]
    private static partial Regex StartupScriptNonce();

    [GeneratedRegex("""<script type="application/json" id="healthgraph-graphiql-config">(?<json>.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex PageConfig();

    // A <script> with content that is not a JSON data block would need 'unsafe-inline'.
    [GeneratedRegex("""<script(?![^>]*type="application/json")[^>]*>[^<]+</script>""")]
    private static partial Regex InlineScript();

    /// <summary>A minimal host that serves the page at /graphql and its files, behind the PathBase /hg.</summary>
    public sealed class GraphiQLHost : IAsyncLifetime
    {
        private WebApplication? _app;

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseTestServer();
            _app = builder.Build();
            _app.UsePathBase("/hg");
            _app.UseRouting();
            _app.MapGraphiQLAssets("/graphql");
            _app.MapGet("/graphql", context => GraphiQLEndpoints.WriteGraphiQLPageAsync(context, "/graphql"));
            await _app.StartAsync();
            Client = _app.GetTestClient();
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }
}
