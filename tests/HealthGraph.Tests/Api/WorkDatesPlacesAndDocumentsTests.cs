using System.Text.Json.Nodes;
using HealthGraph.Tests.Support;
using HealthGraph.Web.Security;

namespace HealthGraph.Tests.Api;

/// <summary>
/// What the explorer's forms write besides a deliverable's fields: when and where the work happens (the dates the
/// period filters read, the places the regions' answers read), and a new source document whose text a STATED link quotes.
/// </summary>
public sealed class WorkDatesPlacesAndDocumentsTests : IDisposable
{
    private readonly HealthGraphApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<JsonNode> SendAsync(string query, object? variables = null, string key = HealthGraphApp.WhoEditorKey)
    {
        using var response = await _app.PostAsync(query, variables, headers: h => h.Add(ApiKeyAuthenticationHandler.Header, key));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private const string Create = """
        mutation($input: CreateDeliverableInput!) {
          createDeliverable(input: $input) { deliverable { id periodStart periodEnd places(first: 10) { nodes { id } } audit { updatedAt } } errors { ... on InvalidInputError { field reason } } }
        }
        """;

    private static object Work(string id, string? start, string? end, params string[] places) => new
    {
        input = new
        {
            id,
            title = "Nurses' refresher courses in Khatlon",
            kind = "PROJECT",
            agencyIds = new[] { "who" },
            startDate = start,
            endDate = end,
            placeIds = places,
            source = new { basis = "INFERRED", reason = "Entered by a focal point for the test." },
        },
    };

    private static (string Field, string Reason)[] Problems(JsonNode payload) =>
        [.. payload["errors"]!.AsArray().Select(e => ((string)e!["field"]!, (string)e["reason"]!))];

    [Fact]
    public async Task WorkGetsItsDatesAndPlaces_WhichThePeriodAndPlaceFiltersRead_AndBadOnesAreRefusedAtTheirField()
    {
        var created = (await SendAsync(Create, Work("who-khatlon-nurses", "2025-03", "2026", "place-3507000")))["data"]!["createDeliverable"]!;
        var inKhatlon2025 = await SendAsync("""{ deliverables(first: 50, where: { activeIn: { from: "2025-06-01", to: "2025-06-30" }, place: { eq: "place-3507000" } }) { nodes { id } } }""");
        var notADate = (await SendAsync(Create, Work("who-bad-date", "March 2025", null)))["data"]!["createDeliverable"]!;
        var backwards = (await SendAsync(Create, Work("who-backwards", "2025-06", "2024", "no-such-place")))["data"]!["createDeliverable"]!;

        var work = created["deliverable"]!;
        Assert.Equal(("2025-03-01", "2026-12-31"), ((string?)work["periodStart"], (string?)work["periodEnd"]));
        Assert.Equal(["place-3507000"], work["places"]!["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
        Assert.Contains(inKhatlon2025["data"]!["deliverables"]!["nodes"]!.AsArray(), n => (string?)n!["id"] == "who-khatlon-nurses");
        Assert.Equal([("input.startDate", "NOT_A_DATE")], Problems(notADate));
        Assert.Equal([("input.endDate", "ENDS_BEFORE_START"), ("input.placeIds[0]", "UNKNOWN_PLACE")], Problems(backwards).Order());

        // An edit moves and clears them: the period follows its dates, and the places are replaced.
        var updated = (await SendAsync(
            """
            mutation($at: DateTimeOffset!) {
              updateDeliverable(input: { id: "who-khatlon-nurses", expectedUpdatedAt: $at, startDate: "2027", endDate: null, placeIds: [] }) {
                deliverable { periodStart periodEnd places(first: 10) { nodes { id } } } errors { __typename }
              }
            }
            """, new { at = (string)work["audit"]!["updatedAt"]! }))["data"]!["updateDeliverable"]!;
        Assert.Empty(updated["errors"]!.AsArray());
        Assert.Equal(("2027-01-01", null), ((string?)updated["deliverable"]!["periodStart"], (string?)updated["deliverable"]!["periodEnd"]));
        Assert.Empty(updated["deliverable"]!["places"]!["nodes"]!.AsArray());
    }

    [Fact]
    public async Task AnEditorAddsASourceDocument_AndStatesALinkWithItsOwnWords()
    {
        const string create = """
            mutation($input: CreateDocumentInput!) {
              createDocument(input: $input) { document { id title url publisher { id } text } errors { __typename ... on UserError { code } ... on InvalidInputError { field reason } } }
            }
            """;
        const string text = "Annual report 2025. In 2025 WHO trained 300 nurses in Khatlon in primary health care. The work continues in 2026.";
        var input = new { input = new { id = "moh-annual-report-2025", title = "Ministry of Health annual report 2025", kind = "WEB_PAGE", publisherId = "who", url = "https://moh.tj/report-2025", language = "en", text } };

        var added = (await SendAsync(create, input))["data"]!["createDocument"]!;
        var again = (await SendAsync(create, input))["data"]!["createDocument"]!;
        var bad = (await SendAsync(create, new { input = new { id = "bad-doc", title = "", kind = "WEB_PAGE", url = "ftp://x", text = "", language = "English" } }))["data"]!["createDocument"]!;
        const string link = """
            mutation($excerpt: String!) {
              linkAlignment(input: { workId: "who-hwf-strategy", sdgCode: "3.c", source: { basis: STATED, documentId: "moh-annual-report-2025", excerpt: $excerpt } }) {
                alignment { provenance { excerpt document { id } } } errors { ... on InvalidInputError { field reason } }
              }
            }
            """;
        var stated = (await SendAsync(link, new { excerpt = "WHO trained 300 nurses in Khatlon" }))["data"]!["linkAlignment"]!;
        var notInIt = (await SendAsync(link, new { excerpt = "WHO trained 3,000 nurses" }))["data"]!["linkAlignment"]!;

        Assert.Empty(added["errors"]!.AsArray());
        Assert.Equal(("https://moh.tj/report-2025", "who", text), ((string?)added["document"]!["url"], (string?)added["document"]!["publisher"]!["id"], (string?)added["document"]!["text"]));
        Assert.Equal("ConflictError", (string?)again["errors"]![0]!["__typename"]);
        Assert.Equal(
            [("input.language", "NOT_A_LANGUAGE"), ("input.text", "NOT_EMPTY"), ("input.title", "NOT_EMPTY"), ("input.url", "NOT_A_URL")],
            bad["errors"]!.AsArray().Select(e => ((string)e!["field"]!, (string)e["reason"]!)).Order());
        Assert.Equal("moh-annual-report-2025", (string?)stated["alignment"]!["provenance"]!["document"]!["id"]);
        Assert.Equal(("input.source.excerpt", "EXCERPT_NOT_IN_DOCUMENT"), ((string?)notInIt["errors"]![0]!["field"], (string?)notInIt["errors"]![0]!["reason"]));
    }
}
