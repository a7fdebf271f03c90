using System.Text.Json.Nodes;
using HealthGraph.Ingest.Iati;
using HealthGraph.Store;
using HealthGraph.Tests.Ingest.Iati;
using HealthGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGraph.Tests.Api;

/// <summary>
/// createDeliverable, updateDeliverable and deleteDeliverable through the real host, each test on a fresh store: every
/// case that upsertDeliverable destroys keeps its data, and every problem comes back typed in the payload's errors.
/// </summary>
public sealed class DeliverableEditTests : IDisposable
{
    private readonly HealthGraphApp _app = new() { ApiKey = HealthGraphApp.EditorKey };

    public void Dispose() => _app.Dispose();

    private const string Fields = """
        changed
        deliverable { id title status statusLabel year items note deliveredBy { nodes { id } } themes { nodes { id } } outcomes { nodes { id } }
          provenance { basis document { id } excerpt reason } audit { updatedAt updatedBy } }
        change { operation subject entity { id } }
        errors { __typename ... on UserError { code message }
          ... on InvalidInputError { field reason } ... on ConflictError { id current { updatedAt updatedBy } } ... on NotFoundError { id } }
        """;

    private const string Create = $"mutation($input: CreateDeliverableInput!) {{ createDeliverable(input: $input) {{ {Fields} }} }}";

    private const string Update = $"mutation($input: UpdateDeliverableInput!) {{ updateDeliverable(input: $input) {{ {Fields} }} }}";

    private const string Delete = $"mutation($input: DeleteDeliverableInput!) {{ deleteDeliverable(input: $input) {{ {Fields} }} }}";

    private static readonly object s_reason = new { basis = "INFERRED", reason = "Recorded by the DCC secretariat from the partners' meeting." };

    private async Task<JsonNode> PayloadAsync(string mutation, object input)
    {
        var json = await _app.QueryAsync(mutation, new { input });
        Assert.True(json["errors"] is null, json.ToJsonString());
        return json["data"]!.AsObject().Single().Value!;
    }

    private async Task<JsonNode?> DeliverableAsync(string id) =>
        (await _app.DataAsync(
            """
            query($id: ID!) { deliverable(id: $id) { id title status statusLabel year items note iatiIdentifier amounts { value }
              deliveredBy { nodes { id } } themes { nodes { id } } provenance { basis excerpt } audit { updatedAt } } }
            """,
            new { id }))["deliverable"];

    private static string UpdatedAt(JsonNode deliverable) => (string)deliverable["audit"]!["updatedAt"]!;

    private static List<(string Type, string? Field, string? Reason)> Errors(JsonNode payload) =>
        [.. payload["errors"]!.AsArray().Select(e => ((string)e!["__typename"]!, (string?)e["field"], (string?)e["reason"]))];

    private static List<string> Ids(JsonNode? connection) => [.. connection!["nodes"]!.AsArray().Select(n => (string)n!["id"]!).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task CreateMakesADeliverableOfSeveralAgencies_AndAnIdInUseIsAConflictNamingItsVersion()
    {
        var input = new
        {
            id = "dcc-phc-managers-training",
            agencyIds = new[] { "who", "ilo" },
            title = "Training of primary health care managers",
            kind = "ACTIVITY",
            themeIds = new[] { "health-workforce" },
            source = s_reason,
        };

        var created = await PayloadAsync(Create, input);
        var again = await PayloadAsync(Create, input with { title = "Another title" });

        Assert.Empty(Errors(created));
        Assert.Equal(["ilo", "who"], Ids(created["deliverable"]!["deliveredBy"]));
        Assert.Equal(("createDeliverable", "dcc-phc-managers-training"), ((string)created["change"]!["operation"]!, (string)created["change"]!["entity"]!["id"]!));
        Assert.Equal([("ConflictError", null, null)], Errors(again));
        Assert.Equal(UpdatedAt(created["deliverable"]!), (string?)again["errors"]![0]!["current"]!["updatedAt"]);
        Assert.Null(again["deliverable"]);
        Assert.Equal("Training of primary health care managers", (string?)(await DeliverableAsync("dcc-phc-managers-training"))!["title"]);
    }

    [Fact]
    public async Task AnInvalidCreateReportsEachFieldInItsPayload_AndWritesNothing()
    {
        var before = await _app.DataAsync("{ statistics { entityCount relationshipCount } }");

        var payload = await PayloadAsync(Create, new
        {
            id = "Bad Id!",
            agencyIds = Array.Empty<string>(),
            title = "",
            kind = "ACTIVITY",
            year = 1800,
            themeIds = new[] { "no-such-theme" },
            source = new { basis = "STATED" },
        });

        Assert.Equal(
            [
                ("InvalidInputError", "input.agencyIds", "NOT_EMPTY"), ("InvalidInputError", "input.id", "INVALID_ID"),
                ("InvalidInputError", "input.source.documentId", "REQUIRED_FOR_STATED"), ("InvalidInputError", "input.source.excerpt", "REQUIRED_FOR_STATED"),
                ("InvalidInputError", "input.themeIds[0]", "UNKNOWN_THEME"), ("InvalidInputError", "input.title", "NOT_EMPTY"),
                ("InvalidInputError", "input.year", "INCLUSIVE_BETWEEN"),
            ],
            Errors(payload).Order());
        Assert.All(payload["errors"]!.AsArray(), e => Assert.Equal("INVALID_INPUT", (string?)e!["code"]));
        Assert.False((bool)payload["changed"]!);
        Assert.Equal(before.ToJsonString(), (await _app.DataAsync("{ statistics { entityCount relationshipCount } }")).ToJsonString());
    }

    [Fact]
    public async Task AnUpdateChangesWhatItNames_KeepsTheRest_AndClearsAnExplicitNull()
    {
        var seeded = (await DeliverableAsync("who-hwf-strategy"))!;

        var payload = await PayloadAsync(Update, new Dictionary<string, object?>
        {
            ["id"] = "who-hwf-strategy",
            ["expectedUpdatedAt"] = UpdatedAt(seeded),
            ["note"] = "Discussed at the DCC health group, March 2025.",
            ["statusLabel"] = null,
        });

        Assert.Empty(Errors(payload));
        var now = (await DeliverableAsync("who-hwf-strategy"))!;
        Assert.Equal("Discussed at the DCC health group, March 2025.", (string?)now["note"]);
        Assert.Null((string?)now["statusLabel"]);
        foreach (var kept in new[] { "title", "status", "year", "items", "deliveredBy", "themes", "provenance" })
        {
            Assert.Equal(seeded[kept]?.ToJsonString(), now[kept]?.ToJsonString());
        }
    }

    [Fact]
    public async Task ReplacingTheAgenciesKeepsTheLinkItKeeps_WithItsSource_AndAddsTheNewOne()
    {
        var seeded = (await DeliverableAsync("who-hwf-strategy"))!;
        var store = _app.Services.GetRequiredService<IGraphStore>();
        async Task<Dictionary<string, HealthGraph.Graph.Provenance>> DeliverersAsync() =>
            (await store.GetRelationshipsAsync(["who-hwf-strategy"], HealthGraph.Graph.RelationshipTypes.Delivers, Direction.Incoming))
            .ToDictionary(r => r.FromId, r => r.Provenance);
        var before = await DeliverersAsync();

        var payload = await PayloadAsync(Update, new { id = "who-hwf-strategy", expectedUpdatedAt = UpdatedAt(seeded), agencyIds = new[] { "who", "ilo" }, source = s_reason });

        Assert.Empty(Errors(payload));
        Assert.Equal(["ilo", "who"], Ids(payload["deliverable"]!["deliveredBy"]));
        var after = await DeliverersAsync();
        Assert.Equal(HealthGraph.Graph.Basis.Stated, before["who"].Basis);
        Assert.Equal(before["who"], after["who"]);
        Assert.Equal(HealthGraph.Graph.Basis.Inferred, after["ilo"].Basis);
    }

    [Fact]
    public async Task AnUpdateOfAnOldVersionIsAConflict_ThatNamesTheVersionNow_AndWritesNothing()
    {
        var seeded = (await DeliverableAsync("who-hwf-strategy"))!;
        var first = await PayloadAsync(Update, new { id = "who-hwf-strategy", expectedUpdatedAt = UpdatedAt(seeded), status = "ACHIEVED" });

        var second = await PayloadAsync(Update, new { id = "who-hwf-strategy", expectedUpdatedAt = UpdatedAt(seeded), status = "SUSPENDED" });
        var missing = await PayloadAsync(Update, new { id = "no-such-work", expectedUpdatedAt = UpdatedAt(seeded), status = "SUSPENDED" });

        Assert.Equal([("ConflictError", null, null)], Errors(second));
        var conflict = second["errors"]![0]!;
        Assert.Equal(("CONFLICT", UpdatedAt(first["deliverable"]!), HealthGraphApp.EditorWriter),
            ((string)conflict["code"]!, (string)conflict["current"]!["updatedAt"]!, (string)conflict["current"]!["updatedBy"]!));
        Assert.Equal("ACHIEVED", (string?)(await DeliverableAsync("who-hwf-strategy"))!["status"]);
        Assert.Equal([("NotFoundError", null, null)], Errors(missing));

        var third = await PayloadAsync(Update, new { id = "who-hwf-strategy", expectedUpdatedAt = (string)conflict["current"]!["updatedAt"]!, status = "SUSPENDED" });
        Assert.Empty(Errors(third));
        Assert.Equal("SUSPENDED", (string?)third["deliverable"]!["status"]);
    }

    [Fact]
    public async Task AnUpdateCannotClearATitleOrEveryAgency()
    {
        var seeded = (await DeliverableAsync("who-hwf-strategy"))!;

        var payload = await PayloadAsync(Update, new Dictionary<string, object?>
        {
            ["id"] = "who-hwf-strategy",
            ["expectedUpdatedAt"] = UpdatedAt(seeded),
            ["title"] = null,
            ["agencyIds"] = Array.Empty<string>(),
        });

        Assert.Equal([("InvalidInputError", "input.agencyIds", "NOT_EMPTY"), ("InvalidInputError", "input.title", "NOT_EMPTY")], Errors(payload).Order());
        Assert.Equal(seeded.ToJsonString(), (await DeliverableAsync("who-hwf-strategy"))!.ToJsonString());
    }

    [Fact]
    public async Task AnImportedActivityKeepsWhatItsImportOwns_AndTakesANote()
    {
        await _app.DataAsync("{ statistics { entityCount } }");
        var import = await new IatiImporter(_app.Services.GetRequiredService<IGraphStore>()).ImportAsync([IatiFiles.AnnotatedExample], skipInvalid: false);
        Assert.True(import.Written, string.Join("\n", import.Problems));
        var id = IatiGraphMapper.DeliverableId(IatiFiles.ExampleIdentifier, "AA-AAA-123456789");
        var imported = (await DeliverableAsync(id))!;

        var owned = await PayloadAsync(Update, new { id, expectedUpdatedAt = UpdatedAt(imported), title = "A better title", themeIds = Array.Empty<string>(), note = "Checked" });
        var noted = await PayloadAsync(Update, new { id, expectedUpdatedAt = UpdatedAt(imported), note = "Checked with the publisher." });
        var deleted = await PayloadAsync(Delete, new { id, expectedUpdatedAt = UpdatedAt((await DeliverableAsync(id))!) });

        Assert.Equal([("InvalidInputError", "input.themeIds", "OWNED_BY_IMPORT"), ("InvalidInputError", "input.title", "OWNED_BY_IMPORT")], Errors(owned).Order());
        Assert.Empty(Errors(noted));
        Assert.Equal([("InvalidInputError", "input.id", "OWNED_BY_IMPORT")], Errors(deleted));
        var now = (await DeliverableAsync(id))!;
        Assert.Equal("Checked with the publisher.", (string?)now["note"]);
        foreach (var kept in new[] { "title", "iatiIdentifier", "amounts", "deliveredBy", "themes", "provenance" })
        {
            Assert.Equal(imported[kept]?.ToJsonString(), now[kept]?.ToJsonString());
        }
    }

    [Fact]
    public async Task ADeleteRemovesTheDeliverableAndItsLinks_OnlyAtTheVersionRead_AndTheAgencyStays()
    {
        var created = await PayloadAsync(Create, new { id = "dcc-screening-days", agencyIds = new[] { "iom" }, title = "Screening days", kind = "ACTIVITY", themeIds = new[] { "health-workforce" }, source = s_reason });
        var version = UpdatedAt(created["deliverable"]!);
        await PayloadAsync(Update, new { id = "dcc-screening-days", expectedUpdatedAt = version, note = "Moved to 2026." });

        var stale = await PayloadAsync(Delete, new { id = "dcc-screening-days", expectedUpdatedAt = version });
        var current = UpdatedAt((await DeliverableAsync("dcc-screening-days"))!);
        var deleted = await PayloadAsync(Delete, new { id = "dcc-screening-days", expectedUpdatedAt = current });
        var again = await PayloadAsync(Delete, new { id = "dcc-screening-days", expectedUpdatedAt = current });

        Assert.Equal([("ConflictError", null, null)], Errors(stale));
        Assert.Empty(Errors(deleted));
        Assert.True((bool)deleted["changed"]!);
        Assert.Null(deleted["deliverable"]);
        Assert.Null(deleted["change"]!["entity"]);
        Assert.Equal([("NotFoundError", null, null)], Errors(again));
        Assert.Null(await DeliverableAsync("dcc-screening-days"));
        var agency = await _app.DataAsync("""{ agency(id: "iom") { id deliverables(first: 100) { nodes { id } } } }""");
        Assert.DoesNotContain("dcc-screening-days", Ids(agency["agency"]!["deliverables"]));
        var theme = await _app.DataAsync("""{ theme(id: "health-workforce") { id } }""");
        Assert.Equal("health-workforce", (string?)theme["theme"]!["id"]);
    }

    [Fact]
    public async Task TheViewerIsWhoTheKeyNames_AndNobodyWithoutOne()
    {
        using var anonymous = new HealthGraphApp();

        var editor = await _app.DataAsync("{ viewer { authenticated name roles } }");
        var nobody = await anonymous.DataAsync("{ viewer { authenticated name roles } }");

        Assert.Equal((true, HealthGraphApp.EditorWriter, "[\"administrator\",\"editor\"]"),
            ((bool)editor["viewer"]!["authenticated"]!, (string?)editor["viewer"]!["name"], editor["viewer"]!["roles"]!.ToJsonString()));
        Assert.Equal((false, null, "[]"),
            ((bool)nobody["viewer"]!["authenticated"]!, (string?)nobody["viewer"]!["name"], nobody["viewer"]!["roles"]!.ToJsonString()));
    }
}
