using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Web;

/// <summary>The GraphQL-over-HTTP rules: methods, media types and status codes, to the specification.</summary>
public sealed class HttpTransportTests(HealthGraphApp app) : IClassFixture<HealthGraphApp>
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private const string Json = "application/json";

    private async Task<(HttpStatusCode Status, string? MediaType, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string url, string? body = null, string? contentType = Json, string? accept = GraphQLResponse, string? origin = null)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true)
        {
            json = JsonNode.Parse(text);
        }

        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, json, response);
    }

    private static string Get(string query) => $"/graphql?query={Uri.EscapeDataString(query)}";

    [Fact]
    public async Task AQueryOverGetAnswers200WithData()
    {
        var (status, mediaType, body, _) = await SendAsync(HttpMethod.Get, Get("""{ agency(id: "iom") { shortName } }"""));

        Assert.Equal((HttpStatusCode.OK, GraphQLResponse), (status, mediaType));
        Assert.Equal("IOM", (string?)body!["data"]!["agency"]!["shortName"]);
    }

    [Fact]
    public async Task AMutationOverGetIsRefusedWith405AndAllowPost_AndNothingIsWritten()
    {
        var (status, _, body, response) = await SendAsync(HttpMethod.Get,
            Get("""mutation { setDeliverableStatus(input: { id: "who-hwf-strategy", status: CLOSED }) { changed } }"""));
        var after = await app.DataAsync("""{ deliverable(id: "who-hwf-strategy") { status } }""");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Equal("OPERATION_NOT_ALLOWED_OVER_GET", (string?)body!["errors"]![0]!["extensions"]!["code"]);
        Assert.Equal("ON_TRACK", (string?)after["deliverable"]!["status"]);
    }

    [Fact]
    public async Task AnotherMethodIsRefusedWith405AndAllowGetPost()
    {
        var (status, _, _, response) = await SendAsync(HttpMethod.Put, "/graphql", """{"query":"{ statistics { entityCount } }"}""");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData(GraphQLResponse, GraphQLResponse)]
    [InlineData(Json, Json)]
    [InlineData(null, Json)]
    [InlineData("*/*", Json)]
    [InlineData("application/json;q=0.5, application/graphql-response+json", GraphQLResponse)]
    [InlineData("application/graphql-response+json;q=0.1, application/json", Json)]
    // Ranked as GraphiQL's page is (MediaRanges): a type takes the quality of the most specific range that matches it.
    [InlineData("application/json;q=0.5, */*", GraphQLResponse)]
    [InlineData("application/*;q=0.2, application/json", Json)]
    [InlineData("application/graphql-response+json;q=0, */*", Json)]
    public async Task TheResponseMediaTypeFollowsTheAcceptHeader(string? accept, string expected)
    {
        var (status, mediaType, _, response) = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"{ statistics { entityCount } }"}""", accept: accept);

        Assert.Equal((HttpStatusCode.OK, expected), (status, mediaType));
        Assert.Equal("utf-8", response.Content.Headers.ContentType!.CharSet);
    }

    [Fact]
    public async Task AnAcceptHeaderThatAllowsNeitherJsonTypeGets406()
    {
        var (status, _, _, _) = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"{ statistics { entityCount } }"}""", accept: "text/csv");

        Assert.Equal(HttpStatusCode.NotAcceptable, status);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    [InlineData(null)]
    public async Task ABodyThatIsNotJsonGets415(string? contentType)
    {
        var (status, _, body, _) = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"{ statistics { entityCount } }"}""", contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", (string?)body!["errors"]![0]!["extensions"]!["code"]);
    }

    [Theory]
    [InlineData("{not json", "INVALID_JSON")]
    [InlineData("[1, 2]", "BAD_REQUEST")]
    [InlineData("""{"query": 42}""", "BAD_REQUEST")]
    [InlineData("""{"query": {"a": 1}}""", "BAD_REQUEST")]
    [InlineData("""{"query": "{ statistics { entityCount } }", "variables": [1]}""", "BAD_REQUEST")]
    [InlineData("""{"query": "{ statistics { entityCount } }", "operationName": true}""", "BAD_REQUEST")]
    [InlineData("""{"variables": {}}""", "QUERY_MISSING")]
    [InlineData("", "INVALID_JSON")]
    public async Task AMalformedRequestGets400WithWhatWasWrong_UnderEitherMediaType(string body, string code)
    {
        foreach (var accept in new[] { GraphQLResponse, Json })
        {
            var (status, _, json, _) = await SendAsync(HttpMethod.Post, "/graphql", body, accept: accept);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(code, (string?)json!["errors"]![0]!["extensions"]!["code"]);
        }
    }

    [Theory]
    [InlineData("{ statistics { entityCount }", "SYNTAX_ERROR")]
    [InlineData("{ noSuchField }", "FIELDS_ON_CORRECT_TYPE")]
    public async Task ADocumentThatFailsToParseOrValidateIs400WithGraphQLResponse_But200WithJson(string query, string code)
    {
        var body = System.Text.Json.JsonSerializer.Serialize(new { query });
        var strict = await SendAsync(HttpMethod.Post, "/graphql", body, accept: GraphQLResponse);
        var legacy = await SendAsync(HttpMethod.Post, "/graphql", body, accept: Json);

        Assert.Equal(HttpStatusCode.BadRequest, strict.Status);
        Assert.Equal(HttpStatusCode.OK, legacy.Status);
        Assert.Equal(code, (string?)strict.Body!["errors"]![0]!["extensions"]!["code"]);
        Assert.Null(strict.Body["data"]);
    }

    [Fact]
    public async Task VariablesOfTheWrongTypeAre400WithGraphQLResponse()
    {
        var (status, _, body, _) = await SendAsync(HttpMethod.Post, "/graphql",
            """{"query":"query($id: ID!) { agency(id: $id) { name } }","variables":{"id":{"nested":true}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_VALUE", (string?)body!["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task AFieldErrorDuringExecutionIs200WithPartialData()
    {
        var (status, _, body, _) = await SendAsync(HttpMethod.Post, "/graphql",
            """{"query":"{ agency(id: \"who\") { shortName } organization(id: \"ilo\") { deliverables(after: \"not a cursor\") { totalCount } } }"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("WHO", (string?)body!["data"]!["agency"]!["shortName"]);
        Assert.Null(body["data"]!["organization"]); // the error nulls the nearest nullable field above it
        Assert.Equal("INVALID_CURSOR", (string?)body["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task UnknownRequestKeysAreIgnored()
    {
        var (status, _, body, _) = await SendAsync(HttpMethod.Post, "/graphql",
            """{"query":"{ statistics { entityCount } }","somethingElse":{"x":1},"id":7}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((int)body!["data"]!["statistics"]!["entityCount"]! > 500);
    }

    [Fact]
    public async Task APersistedDocumentRunsByItsSha256Id_AndAnUnknownIdIsARequestError()
    {
        var text = await File.ReadAllTextAsync(RepositoryFiles.PathOf("schema", "documents", "GoalCoverage.graphql"));
        var id = "sha256:" + HealthGraph.Api.Engine.Execution.PersistedDocumentStore.Hash(text);

        var known = await SendAsync(HttpMethod.Post, "/graphql", $$$"""{"documentId":"{{{id}}}","variables":{"goal":"8"}}""");
        var unknown = await SendAsync(HttpMethod.Post, "/graphql", $$"""{"documentId":"sha256:{{new string('0', 64)}}"}""");

        Assert.Equal(HttpStatusCode.OK, known.Status);
        Assert.Equal("8", (string?)known.Body!["data"]!["goalCoverage"]!["goal"]!["code"]);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("DOCUMENT_NOT_FOUND", (string?)unknown.Body!["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task TheSdlIsServedAtItsUrl()
    {
        using var client = app.CreateClient();

        var sdl = await client.GetStringAsync("/graphql/schema.graphql");

        Assert.Contains("type Query {", sdl, StringComparison.Ordinal);
        Assert.Contains("partnerOverlaps(", sdl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrowserOpeningTheEndpointGetsGraphiQL()
    {
        var (status, mediaType, _, response) = await SendAsync(HttpMethod.Get, "/graphql", accept: "text/html,application/xhtml+xml,*/*;q=0.8");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal((HttpStatusCode.OK, "text/html"), (status, mediaType));
        Assert.Contains("GraphiQL", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorsAllowsTheConfiguredOriginOnly()
    {
        var allowed = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"{ statistics { entityCount } }"}""", origin: "https://explorer.example.org");
        var other = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"{ statistics { entityCount } }"}""", origin: "https://evil.example.com");

        Assert.Equal(["https://explorer.example.org"], allowed.Response.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.False(other.Response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ACorsPreflightFromTheConfiguredOriginIsAnswered_AllowingAnApiKey_ButNeverCredentials()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", "https://explorer.example.org");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type, x-api-key");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("x-api-key", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials")); // no cookies: callers send a token or key
    }
}

/// <summary>Persisted-documents-only mode: a production front end sends hashes, never query text.</summary>
public sealed class PersistedOnlyApp : HealthGraphApp
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("GraphQL:PersistedDocumentsOnly", "true")];
}

public sealed class PersistedDocumentsOnlyTests(PersistedOnlyApp app) : IClassFixture<PersistedOnlyApp>
{
    [Fact]
    public async Task QueryTextIsRefused_AndAPersistedDocumentStillRuns()
    {
        var text = await File.ReadAllTextAsync(RepositoryFiles.PathOf("schema", "documents", "Portfolio.graphql"));

        using var refused = await app.PostAsync("{ statistics { entityCount } }");
        var persisted = await app.CreateClient().PostAsync("/graphql", new StringContent(
            $$$"""{"documentId":"sha256:{{{HealthGraph.Api.Engine.Execution.PersistedDocumentStore.Hash(text)}}}","variables":{"agencyId":"ilo"}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("DOCUMENT_ID_MISSING", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, persisted.StatusCode);
        Assert.Contains("\"deliverableCount\":6", await persisted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
