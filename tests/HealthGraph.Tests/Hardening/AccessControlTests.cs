using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json.Nodes;
using HealthGraph.Tests.Support;
using HealthGraph.Web.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HealthGraph.Tests.Hardening;

/// <summary>Reads are public; every write, and the change log, need an authenticated editor; refused writes write nothing.</summary>
public sealed class AccessControlTests : IDisposable
{
    private const string Upsert = """
        mutation($input: UpsertDeliverableInput!) { upsertDeliverable(input: $input) { created change { by } } }
        """;

    private const string Changes = "{ changes(first: 10) { sequence by operation subject } }";

    private static readonly object s_input = new
    {
        input = new
        {
            id = "who-access-test",
            agencyId = "who",
            title = "Access control test deliverable",
            kind = "ACTIVITY",
            source = new { basis = "INFERRED", reason = "Written by the access control tests." },
        },
    };

    private readonly CapturingLoggerProvider _logs = new();
    private readonly HealthGraphApp _app;

    public AccessControlTests() => _app = new HealthGraphApp().WithLogging(_logs);

    public void Dispose() => _app.Dispose();

    private static Action<HttpRequestHeaders> ApiKey(string key) => h => h.Add(ApiKeyAuthenticationHandler.Header, key);

    private static Action<HttpRequestHeaders> Bearer(string token) => h => h.Authorization = new AuthenticationHeaderValue("Bearer", token);

    private async Task<(HttpStatusCode Status, JsonNode Body, HttpResponseMessage Response)> SendAsync(
        string query, Action<HttpRequestHeaders>? headers = null, object? variables = null, string accept = "application/graphql-response+json")
    {
        var response = await _app.PostAsync(query, variables, accept, headers);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!, response);
    }

    private static string? Code(JsonNode body) => (string?)body["errors"]?[0]?["extensions"]?["code"];

    private async Task<bool> DeliverableExistsAsync()
    {
        var (_, body, _) = await SendAsync("""{ deliverable(id: "who-access-test") { id } }""");
        return body["data"]!["deliverable"] is not null;
    }

    [Fact]
    public async Task AnAnonymousMutationIsRefusedWith401AndAChallenge_AndWritesNothing()
    {
        var (status, body, response) = await SendAsync(Upsert, variables: s_input);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(AccessDeniedError.UnauthenticatedCode, Code(body));
        Assert.Contains("authenticated caller", (string?)body["errors"]![0]!["message"], StringComparison.Ordinal);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Null(body["data"]);
        Assert.False(await DeliverableExistsAsync());
    }

    [Fact]
    public async Task ARefusedCallerGetsOnlyTheAccessError_NotWhatElseIsWrongWithTheDocument()
    {
        var misspelt = new { input = new { id = "who-access-test", agencyId = "who", titel = "Misspelt", kind = "ACTIVITY" } };

        var anonymous = await SendAsync(Upsert, variables: misspelt);
        var reader = await SendAsync(
            """mutation { upsertDeliverable(input: { id: "x", agencyId: "who", titel: "Misspelt", kind: ACTIVITY }) { created } }""",
            ApiKey(HealthGraphApp.ReaderKey));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal([AccessDeniedError.UnauthenticatedCode], anonymous.Body["errors"]!.AsArray().Select(e => (string?)e!["extensions"]!["code"]));
        Assert.Equal(HttpStatusCode.Forbidden, reader.Status);
        Assert.Equal([AccessDeniedError.ForbiddenCode], reader.Body["errors"]!.AsArray().Select(e => (string?)e!["extensions"]!["code"]));
        Assert.DoesNotContain("title", reader.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAuthenticatedCallerWithoutTheEditorRoleIsForbidden_AndWritesNothing()
    {
        var (status, body, _) = await SendAsync(Upsert, ApiKey(HealthGraphApp.ReaderKey), s_input);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(AccessDeniedError.ForbiddenCode, Code(body));
        Assert.Contains(HealthGraphApp.ReaderName, (string?)body["errors"]![0]!["message"], StringComparison.Ordinal);
        Assert.False(await DeliverableExistsAsync());
    }

    [Fact]
    public async Task AnEditorsApiKeyWrites_AndTheChangeLogNamesTheKeyByItsConfiguredName()
    {
        var (status, body, _) = await SendAsync(Upsert, ApiKey(HealthGraphApp.EditorKey), s_input);
        var (_, log, _) = await SendAsync(Changes, ApiKey(HealthGraphApp.EditorKey));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("key:dcc-secretariat", (string?)body["data"]!["upsertDeliverable"]!["change"]!["by"]);
        var entry = log["data"]!["changes"]![0]!;
        Assert.Equal(("key:dcc-secretariat", "upsertDeliverable", "who-access-test"), ((string?)entry["by"], (string?)entry["operation"], (string?)entry["subject"]));
        Assert.True(await DeliverableExistsAsync());
    }

    [Fact]
    public async Task AnEditorsBearerTokenWrites_UnderItsIssuerAndSubject_WhateverNameItClaims()
    {
        var posingAsTheSeedTool = TestTokens.Create("user-17", name: "seed", roles: [Roles.Editor], claims: [new Claim("organisation", "who")]);
        var posingAsAKey = TestTokens.Create("user-18", name: HealthGraphApp.EditorWriter, roles: [Roles.Editor],
            claims: [new Claim(Callers.ClaimType, HealthGraphApp.EditorWriter), new Claim("organisation", "who")]);

        var (first, firstBody, _) = await SendAsync(Upsert, Bearer(posingAsTheSeedTool), s_input);
        var (second, secondBody, _) = await SendAsync(
            """mutation { setDeliverableStatus(input: { id: "who-access-test", status: FINALISATION }) { change { by } } }""",
            Bearer(posingAsAKey));
        var (_, audit, _) = await SendAsync("""{ deliverable(id: "who-access-test") { audit { updatedBy } } }""", ApiKey(HealthGraphApp.EditorKey));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first, second));
        Assert.Equal($"token:{TestTokens.Issuer}|user-17", (string?)firstBody["data"]!["upsertDeliverable"]!["change"]!["by"]);
        Assert.Equal($"token:{TestTokens.Issuer}|user-18", (string?)secondBody["data"]!["setDeliverableStatus"]!["change"]!["by"]);
        Assert.Equal($"token:{TestTokens.Issuer}|user-18", (string?)audit["data"]!["deliverable"]!["audit"]!["updatedBy"]);
    }

    [Fact]
    public async Task ATokenWithoutASubjectIsRefusedWith401SayingWhy()
    {
        var token = TestTokens.Create(subject: null, name: "Dilnoza Karimova", roles: [Roles.Editor]);

        var (status, body, _) = await SendAsync(Upsert, Bearer(token), s_input);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(AccessDeniedError.UnauthenticatedCode, Code(body));
        Assert.Contains("no subject (sub)", (string?)body["errors"]![0]!["message"], StringComparison.Ordinal);
        Assert.False(await DeliverableExistsAsync());
    }

    [Fact]
    public async Task TwoApiKeysWithOneName_StopTheStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([
            new("Auth:ApiKeys:0:Name", "dcc-secretariat"), new("Auth:ApiKeys:0:Hash", ApiKeys.Hash("first")),
            new("Auth:ApiKeys:1:Name", "dcc-secretariat"), new("Auth:ApiKeys:1:Hash", ApiKeys.Hash("second"))]);
        builder.AddHealthGraphAccessControl();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Auth:ApiKeys:*:Name must differ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChangeLogIsForEditorsOnly()
    {
        var anonymous = await SendAsync(Changes);
        var reader = await SendAsync(Changes, ApiKey(HealthGraphApp.ReaderKey));
        var editor = await SendAsync(Changes, ApiKey(HealthGraphApp.EditorKey));

        Assert.Equal((HttpStatusCode.Unauthorized, AccessDeniedError.UnauthenticatedCode), (anonymous.Status, Code(anonymous.Body)));
        Assert.Equal((HttpStatusCode.Forbidden, AccessDeniedError.ForbiddenCode), (reader.Status, Code(reader.Body)));
        Assert.Equal(HttpStatusCode.OK, editor.Status);
        Assert.NotNull(editor.Body["data"]!["changes"]);
    }

    [Fact]
    public async Task WhoChangedAnEntityLastIsForEditorsOnly_WhenItChangedIsPublic()
    {
        const string withWriter = """{ agency(id: "who") { audit { createdAt updatedAt updatedBy } } }""";
        const string throughTheInterface = """{ node(id: "who") { ... on Entity { audit { updatedBy } } } }""";

        var anonymous = await SendAsync(withWriter);
        var reader = await SendAsync(throughTheInterface, ApiKey(HealthGraphApp.ReaderKey));
        var editor = await SendAsync(withWriter, ApiKey(HealthGraphApp.EditorKey));
        var times = await SendAsync("""{ agency(id: "who") { audit { createdAt updatedAt } } }""");

        Assert.Equal((HttpStatusCode.Unauthorized, AccessDeniedError.UnauthenticatedCode), (anonymous.Status, Code(anonymous.Body)));
        Assert.Contains("'updatedBy'", (string?)anonymous.Body["errors"]![0]!["message"], StringComparison.Ordinal);
        Assert.Null(anonymous.Body["data"]);
        Assert.Equal((HttpStatusCode.Forbidden, AccessDeniedError.ForbiddenCode), (reader.Status, Code(reader.Body)));
        Assert.Equal(HttpStatusCode.OK, editor.Status);
        Assert.Equal("seed", (string?)editor.Body["data"]!["agency"]!["audit"]!["updatedBy"]);
        Assert.Equal(HttpStatusCode.OK, times.Status);
        Assert.NotNull((string?)times.Body["data"]!["agency"]!["audit"]!["updatedAt"]);
    }

    [Theory]
    [InlineData("expired", "has expired")]
    [InlineData("audience", "another audience")]
    [InlineData("issuer", "issuer this server does not trust")]
    [InlineData("signature", "signature does not verify")]
    [InlineData("garbage", "not a well-formed JWT")]
    public async Task ABadBearerTokenIsRefusedWith401SayingWhy_EvenForAQuery(string flaw, string reason)
    {
        var token = flaw switch
        {
            "expired" => TestTokens.Create("user-1", roles: [Roles.Editor], expires: DateTime.UtcNow.AddHours(-1)),
            "audience" => TestTokens.Create("user-1", roles: [Roles.Editor], audience: "another-api"),
            "issuer" => TestTokens.Create("user-1", roles: [Roles.Editor], issuer: "https://evil.example.com"),
            "signature" => TestTokens.Create("user-1", roles: [Roles.Editor], signingKey: "another-signing-key-of-at-least-32-characters!"),
            _ => "not.a.jwt",
        };

        var (status, body, _) = await SendAsync("{ statistics { entityCount } }", Bearer(token));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(AccessDeniedError.UnauthenticatedCode, Code(body));
        Assert.Contains(reason, (string?)body["errors"]![0]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenThatExpiredTwoMinutesAgo_IsRefused_TheClockSkewAllowedIsHalfAMinuteByDefault()
    {
        var token = TestTokens.Create("user-1", roles: [Roles.Editor], expires: DateTime.UtcNow.AddMinutes(-2));

        var (status, body, _) = await SendAsync("{ statistics { entityCount } }", Bearer(token));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("has expired", (string?)body["errors"]![0]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheClockSkewAllowedIsASetting()
    {
        using var app = new HealthGraphApp { With = { ["Auth:Jwt:ClockSkew"] = "00:03:00" } };
        var token = TestTokens.Create("user-1", roles: [Roles.Editor], expires: DateTime.UtcNow.AddMinutes(-2));

        using var response = await app.PostAsync("{ statistics { entityCount } }", headers: Bearer(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownApiKeyIsRefused_AndNoKeyEverReachesTheLog()
    {
        const string unknown = "hg_this-key-was-never-issued-0123456789abcdefghijkl";

        var (status, body, _) = await SendAsync(Upsert, ApiKey(unknown), s_input);
        await SendAsync(Upsert, ApiKey(HealthGraphApp.EditorKey), s_input);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("The API key is not recognised.", (string?)body["errors"]![0]!["message"]);
        Assert.NotEmpty(_logs.Messages);
        Assert.DoesNotContain(_logs.Messages, m => m.Contains(unknown, StringComparison.Ordinal) || m.Contains(HealthGraphApp.EditorKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACachedMutationDocumentIsStillCheckedForEveryCaller()
    {
        var editor = await SendAsync(Upsert, ApiKey(HealthGraphApp.EditorKey), s_input);
        var anonymous = await SendAsync(Upsert, variables: s_input); // the same text: its parsed document is cached now

        Assert.Equal(HttpStatusCode.OK, editor.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, AccessDeniedError.UnauthenticatedCode), (anonymous.Status, Code(anonymous.Body)));
    }

    [Fact]
    public async Task WithPlainJsonTheRefusalIsA200WithTheSameError()
    {
        var (status, body, _) = await SendAsync(Upsert, variables: s_input, accept: "application/json");

        Assert.Equal(HttpStatusCode.OK, status); // the spec's rule for application/json
        Assert.Equal(AccessDeniedError.UnauthenticatedCode, Code(body));
        Assert.False(await DeliverableExistsAsync());
    }

    [Fact]
    public async Task WhenReadsNeedAKey_AnonymousQueriesAndTheSdlAreRefused_AndAnyKeyReads()
    {
        using var app = new HealthGraphApp { With = { ["Auth:RequireAuthenticatedReads"] = "true" } };
        using var anonymous = await app.PostAsync("{ statistics { entityCount } }");
        using var reader = await app.PostAsync("{ statistics { entityCount } }", headers: ApiKey(HealthGraphApp.ReaderKey));
        using var sdl = await app.CreateClient().GetAsync("/graphql/schema.graphql");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(AccessDeniedError.UnauthenticatedCode, await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reader.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, sdl.StatusCode);
    }

    [Fact]
    public async Task WhenReadsNeedAKey_AnAnonymousQueryWithAMistakeGetsOnlyTheAccessError()
    {
        using var app = new HealthGraphApp { With = { ["Auth:RequireAuthenticatedReads"] = "true" } };

        using var response = await app.PostAsync("""{ agenc(id: "who") { id } }""");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal([AccessDeniedError.UnauthenticatedCode], body["errors"]!.AsArray().Select(e => (string?)e!["extensions"]!["code"]));
    }

    [Theory]
    [InlineData("Auth:ApiKeys:0:Hash", "my-plain-key", "Auth:ApiKeys:*:Hash must be 'sha256:'")]
    [InlineData("Auth:Jwt:SigningKey", "too-short", "Auth:Jwt:SigningKey must be at least 32 characters")]
    [InlineData("Auth:Jwt:Issuer", "https://id.example.org|tenant", "Auth:Jwt:Issuer must not hold '|'")]
    [InlineData("Auth:Jwt:ClockSkew", "00:10:00", "Auth:Jwt:ClockSkew must be between 00:00:00 and 00:05:00")]
    [InlineData("Auth:Jwt:ClockSkew", "-00:00:01", "Auth:Jwt:ClockSkew must be between 00:00:00 and 00:05:00")]
    public async Task AWrongAccessSettingStopsTheStart_NamingIt(string key, string value, string message)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new(key, value)]);
        builder.AddHealthGraphAccessControl();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApiKeysAreRandomAndStoredAsTheirSha256()
    {
        var key = ApiKeys.Create();
        var other = ApiKeys.Create();

        Assert.NotEqual(key, other);
        Assert.StartsWith("hg_", key, StringComparison.Ordinal);
        Assert.True(ApiKeys.IsHash(ApiKeys.Hash(key)));
        Assert.Equal("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", ApiKeys.Hash("test")); // SHA-256("test")
    }
}
