using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HealthGraph.Tests.Support;
using HealthGraph.Web.Security;

namespace HealthGraph.Tests.Hardening;

/// <summary>
/// Who may edit what, through the API: an editor belongs to organisations and changes their work only; an
/// administrator changes everything and issues, lists and revokes keys, which the store keeps as hashes and which stop
/// working on their next request once revoked.
/// </summary>
public sealed class EditorScopeTests : IDisposable
{
    private readonly HealthGraphApp _app = new();

    public void Dispose() => _app.Dispose();

    private static Action<HttpRequestHeaders> Key(string key) => h => h.Add(ApiKeyAuthenticationHandler.Header, key);

    private async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(string query, string? key, object? variables = null)
    {
        using var response = await _app.PostAsync(query, variables, headers: key is null ? null : Key(key));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private const string Link = """
        mutation($work: ID!) {
          linkAlignment(input: { workId: $work, sdgCode: "3.c", source: { basis: INFERRED, reason: "Health workforce work serves target 3.c." } }) {
            errors { __typename ... on UserError { code message } ... on ForbiddenError { id } }
            alignment { target { code } }
          }
        }
        """;

    private const string Create = """
        mutation($agencies: [ID!]!) {
          createDeliverable(input: { id: "scope-test-work", title: "Nurses' refresher courses in Khatlon", kind: PROJECT, agencyIds: $agencies,
                                     source: { basis: INFERRED, reason: "Entered by a focal point for the test." } }) {
            errors { __typename ... on UserError { code message } }
            deliverable { id }
          }
        }
        """;

    private static JsonNode Payload(JsonNode body, string field) => body["data"]![field]!;

    private static string[] Errors(JsonNode payload) => [.. payload["errors"]!.AsArray().Select(e => (string)e!["code"]!)];

    [Fact]
    public async Task AnEditorOfWhoChangesWhosWork_AndIsRefusedOnIlosWithTheReason()
    {
        var viewer = await SendAsync("{ viewer { name roles organizationIds } }", HealthGraphApp.WhoEditorKey);
        var own = Payload((await SendAsync(Link, HealthGraphApp.WhoEditorKey, new { work = "who-hwf-strategy" })).Body, "linkAlignment");
        var others = Payload((await SendAsync(Link, HealthGraphApp.WhoEditorKey, new { work = "ilo-sp-budget-review" })).Body, "linkAlignment");
        var created = Payload((await SendAsync(Create, HealthGraphApp.WhoEditorKey, new { agencies = new[] { "who", "iom" } })).Body, "createDeliverable");
        var notTheirs = Payload((await SendAsync(Create.Replace("scope-test-work", "scope-test-ilo"), HealthGraphApp.WhoEditorKey, new { agencies = new[] { "ilo" } })).Body, "createDeliverable");
        var byAdministrator = Payload((await SendAsync(Link, HealthGraphApp.EditorKey, new { work = "ilo-sp-budget-review" })).Body, "linkAlignment");
        var (_, ilo) = await SendAsync("""{ deliverable(id: "ilo-sp-budget-review") { alignments { target { code } } } }""", null);
        var (_, missing) = await SendAsync("""{ deliverable(id: "scope-test-ilo") { id } }""", null);

        Assert.Equal("key:who-focal-point", (string?)viewer.Body["data"]!["viewer"]!["name"]);
        Assert.Equal(["who"], viewer.Body["data"]!["viewer"]!["organizationIds"]!.AsArray().Select(o => (string)o!));
        Assert.Empty(Errors(own));
        Assert.Equal("3.c", (string?)own["alignment"]!["target"]!["code"]);
        Assert.Equal(["FORBIDDEN"], Errors(others));
        Assert.Equal(("ForbiddenError", "ilo-sp-budget-review"), ((string?)others["errors"]![0]!["__typename"], (string?)others["errors"]![0]!["id"]));
        Assert.Contains("the work of ilo", (string?)others["errors"]![0]!["message"], StringComparison.Ordinal);
        Assert.Contains("key:who-focal-point edits the work of who only", (string?)others["errors"]![0]!["message"], StringComparison.Ordinal);
        Assert.Empty(Errors(created));
        Assert.Equal(["FORBIDDEN"], Errors(notTheirs));
        Assert.Null(missing["data"]!["deliverable"]);
        Assert.Empty(Errors(byAdministrator));
        Assert.Single(ilo["data"]!["deliverable"]!["alignments"]!.AsArray(), a => (string?)a!["target"]?["code"] == "3.c");
    }

    [Fact]
    public async Task AnAdministratorIssuesAnEditorsKey_WhichWorksForItsOrganisation_UntilRevoked()
    {
        const string issue = """
            mutation($input: IssueApiKeyInput!) {
              issueApiKey(input: $input) { key apiKey { name roles organizationIds createdBy revokedAt } errors { __typename ... on UserError { code message } ... on InvalidInputError { field reason } } }
            }
            """;
        var input = new { input = new { name = "iom-focal-point", role = "EDITOR", organizationIds = new[] { "iom" } } };

        var (byEditorStatus, byEditor) = await SendAsync(issue, HealthGraphApp.WhoEditorKey, input);
        var issued = Payload((await SendAsync(issue, HealthGraphApp.EditorKey, input)).Body, "issueApiKey");
        var again = Payload((await SendAsync(issue, HealthGraphApp.EditorKey, input)).Body, "issueApiKey");
        var noOrganisation = Payload((await SendAsync(issue, HealthGraphApp.EditorKey, new { input = new { name = "nobody", role = "EDITOR" } })).Body, "issueApiKey");
        var unknown = Payload((await SendAsync(issue, HealthGraphApp.EditorKey, new { input = new { name = "x-focal-point", role = "EDITOR", organizationIds = new[] { "no-such-org" } } })).Body, "issueApiKey");
        var configured = Payload((await SendAsync(issue, HealthGraphApp.EditorKey, new { input = new { name = HealthGraphApp.WhoEditorName, role = "ADMINISTRATOR" } })).Body, "issueApiKey");
        var key = (string)issued["key"]!;

        Assert.Equal((HttpStatusCode.Forbidden, "FORBIDDEN"), (byEditorStatus, (string?)byEditor["errors"]![0]!["extensions"]!["code"]));
        Assert.StartsWith("hg_", key, StringComparison.Ordinal);
        Assert.Equal(("iom-focal-point", "key:dcc-secretariat"), ((string?)issued["apiKey"]!["name"], (string?)issued["apiKey"]!["createdBy"]));
        Assert.Equal(["iom"], issued["apiKey"]!["organizationIds"]!.AsArray().Select(o => (string)o!));
        Assert.Equal(("NAME_TAKEN", "input.name"), ((string?)again["errors"]![0]!["reason"], (string?)again["errors"]![0]!["field"]));
        Assert.Null(again["key"]);
        Assert.Equal("NO_ORGANIZATION", (string?)noOrganisation["errors"]![0]!["reason"]);
        Assert.Equal(("UNKNOWN_ORGANIZATION", "input.organizationIds[0]"), ((string?)unknown["errors"]![0]!["reason"], (string?)unknown["errors"]![0]!["field"]));
        Assert.Equal("NAME_TAKEN", (string?)configured["errors"]![0]!["reason"]);

        // The issued key works at once, for its organisation's work only, and the change is recorded under its name.
        var viewer = (await SendAsync("{ viewer { name roles organizationIds } }", key)).Body["data"]!["viewer"]!;
        var own = Payload((await SendAsync(Link, key, new { work = "iom-migration-health-objective" })).Body, "linkAlignment");
        var whos = Payload((await SendAsync(Link, key, new { work = "who-hwf-strategy" })).Body, "linkAlignment");
        Assert.Equal(("key:iom-focal-point", "editor"), ((string?)viewer["name"], (string?)viewer["roles"]![0]));
        Assert.Empty(Errors(own));
        Assert.Equal(["FORBIDDEN"], Errors(whos));

        // Listed for administrators only, with what the store keeps (never the key).
        var (listedByEditorStatus, _) = await SendAsync("{ apiKeys(first: 10) { name } }", HealthGraphApp.WhoEditorKey);
        var listed = (await SendAsync("{ apiKeys(first: 10) { name roles organizationIds revokedAt } }", HealthGraphApp.EditorKey)).Body["data"]!["apiKeys"]!.AsArray();
        Assert.Equal(HttpStatusCode.Forbidden, listedByEditorStatus);
        Assert.Equal(["iom-focal-point"], listed.Select(k => (string)k!["name"]!));

        // Revoked: refused on its very next request, and listed as revoked by whom.
        var revoked = Payload((await SendAsync("""mutation { revokeApiKey(name: "iom-focal-point") { apiKey { revokedAt revokedBy } errors { __typename } } }""", HealthGraphApp.EditorKey)).Body, "revokeApiKey");
        var (afterStatus, after) = await SendAsync("{ viewer { name } }", key);
        var noSuch = Payload((await SendAsync("""mutation { revokeApiKey(name: "no-such-key") { errors { __typename } } }""", HealthGraphApp.EditorKey)).Body, "revokeApiKey");
        Assert.Equal("key:dcc-secretariat", (string?)revoked["apiKey"]!["revokedBy"]);
        Assert.NotNull((string?)revoked["apiKey"]!["revokedAt"]);
        Assert.Equal(HttpStatusCode.Unauthorized, afterStatus);
        Assert.Contains("'iom-focal-point' was revoked", (string?)after["errors"]![0]!["message"], StringComparison.Ordinal);
        Assert.Equal("NotFoundError", (string?)noSuch["errors"]![0]!["__typename"]);
    }

    [Fact]
    public async Task ImportingAWorkbookNeedsAnAdministrator()
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/import/workbook?file=w.csv") { Content = new StringContent("title\n") };
        request.Headers.Add(ApiKeyAuthenticationHandler.Header, HealthGraphApp.WhoEditorKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("administrator", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
