using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Hardening;

/// <summary>
/// Every response of the real host over real HTTP (Kestrel), answers and errors alike, tells browsers not to sniff
/// content types and not to send a referrer, and does not name the server software.
/// </summary>
public sealed class SecurityHeaderTests(KestrelHealthGraphApp app) : IClassFixture<KestrelHealthGraphApp>
{
    public static TheoryData<string, string, string?, HttpStatusCode> Requests => new()
    {
        { "POST", "/graphql", """{"query":"{ statistics { entityCount } }"}""", HttpStatusCode.OK },
        { "POST", "/graphql", """{"query": """, HttpStatusCode.BadRequest },
        { "PUT", "/graphql", null, HttpStatusCode.MethodNotAllowed },
        { "GET", "/graphql/schema.graphql", null, HttpStatusCode.OK },
        { "GET", "/graphql/graphiql/0000000000000000/graphiql.min.js", null, HttpStatusCode.NotFound },
        { "GET", "/health/live", null, HttpStatusCode.OK },
        { "GET", "/health/ready", null, HttpStatusCode.OK },
        { "GET", "/export/deliverables.csv?agency=who", null, HttpStatusCode.OK },
        { "GET", "/export/deliverables.xls", null, HttpStatusCode.NotFound },
        { "GET", "/export/deliverables.xlsx", null, HttpStatusCode.OK },
        { "GET", "/no-such-page", null, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task EveryResponseCarriesNoSniffAndNoReferrer_AndNoServerHeader(string method, string path, string? body, HttpStatusCode status)
    {
        using var client = app.CreateSocketClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task TheGraphiQLPageAndTheExplorerCarryThemToo()
    {
        using var client = app.CreateSocketClient();
        using var graphiQL = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        graphiQL.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var page = await client.SendAsync(graphiQL);
        using var explorer = await client.GetAsync(new Uri("/explore/", UriKind.Relative)); // the page, or the page that says it was not built

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/html", explorer.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(page);
        AssertSecurityHeaders(explorer);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["no-referrer"], response.Headers.GetValues("Referrer-Policy"));
        Assert.Empty(response.Headers.Server);
    }
}
