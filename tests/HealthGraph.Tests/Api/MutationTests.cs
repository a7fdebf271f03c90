using System.Text.Json.Nodes;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Api;

/// <summary>The secretariat's edits, through the real host on a fresh store per test.</summary>
public sealed class MutationTests : IDisposable
{
    private readonly HealthGraphApp _app = new() { ApiKey = HealthGraphApp.EditorKey };

    public void Dispose() => _app.Dispose();

    private const string Upsert = """
        mutation($input: UpsertDeliverableInput!) { upsertDeliverable(input: $input) {
          created changed deliverable { id title status year deliveredBy { nodes { id } } themes { nodes { id } } audit { updatedBy } }
          change { by operation subject created } } }
        """;

    private static object NewDeliverable(string title = "Training of primary health care managers") => new
    {
        id = "who-phc-managers-training",
        agencyId = "who",
        title,
        kind = "ACTIVITY",
        status = "IMPLEMENTATION",
        year = 2024,
        themeIds = new[] { "health-workforce" },
        source = new { basis = "INFERRED", reason = "Recorded by the DCC secretariat from the partners' meeting." },
    };

    [Fact]
    public async Task UpsertingANewDeliverableCreatesIt_LinkedToItsAgency_AndRecordsWhoAndWhen()
    {
        var data = await _app.DataAsync(Upsert, new { input = NewDeliverable() });

        var payload = data["upsertDeliverable"]!;
        Assert.True((bool)payload["created"]!);
        Assert.True((bool)payload["changed"]!);
        Assert.Equal(["who"], CoordinationQueryTests.Ids(payload["deliverable"]!["deliveredBy"]!["nodes"]));
        Assert.Equal(["health-workforce"], CoordinationQueryTests.Ids(payload["deliverable"]!["themes"]!["nodes"]));
        Assert.Equal(HealthGraphApp.EditorWriter, (string?)payload["deliverable"]!["audit"]!["updatedBy"]);
        Assert.Equal((HealthGraphApp.EditorWriter, "upsertDeliverable", "who-phc-managers-training"),
            ((string)payload["change"]!["by"]!, (string)payload["change"]!["operation"]!, (string)payload["change"]!["subject"]!));

        var agency = await _app.DataAsync("""{ agency(id: "who") { deliverables(first: 100) { nodes { id } } } }""");
        Assert.Contains("who-phc-managers-training", CoordinationQueryTests.Ids(agency["agency"]!["deliverables"]!["nodes"]));
    }

    [Fact]
    public async Task RepeatingTheSameUpsertChangesNothing_AndAChangedTitleUpdatesInPlace()
    {
        await _app.DataAsync(Upsert, new { input = NewDeliverable() });

        var again = (await _app.DataAsync(Upsert, new { input = NewDeliverable() }))["upsertDeliverable"]!;
        var renamed = (await _app.DataAsync(Upsert, new { input = NewDeliverable("Training of PHC managers") }))["upsertDeliverable"]!;

        Assert.False((bool)again["created"]!);
        Assert.False((bool)again["changed"]!);
        Assert.False((bool)renamed["created"]!);
        Assert.True((bool)renamed["changed"]!);
        Assert.Equal("Training of PHC managers", (string?)renamed["deliverable"]!["title"]);
        var count = await _app.DataAsync("""{ deliverables(where: { id: { eq: "who-phc-managers-training" } }) { totalCount } }""");
        Assert.Equal(1, (int)count["deliverables"]!["totalCount"]!);
    }

    [Fact]
    public async Task AnInvalidUpsertReportsEveryProblemWithItsFieldAndCode_AndWritesNothing()
    {
        var before = await StatisticsAsync();
        var input = new
        {
            id = "Bad Id!",
            agencyId = "no-such-agency",
            title = "",
            kind = "ACTIVITY",
            year = 1800,
            themeIds = new[] { "health-workforce", "no-such-theme" },
            source = new { basis = "STATED" },
        };

        var json = await _app.QueryAsync(Upsert, new { input });

        Assert.Null(json["data"]!["upsertDeliverable"]);
        var errors = json["errors"]!.AsArray().Select(e => ((string)e!["extensions"]!["field"]!, (string)e["extensions"]!["reason"]!)).ToHashSet();
        Assert.All(json["errors"]!.AsArray(), e => Assert.Equal("INVALID_INPUT", (string?)e!["extensions"]!["code"]));
        Assert.Equal(
            new HashSet<(string, string)>
            {
                ("input.id", "INVALID_ID"),
                ("input.title", "NOT_EMPTY"),
                ("input.year", "INCLUSIVE_BETWEEN"),
                ("input.source.documentId", "REQUIRED_FOR_STATED"),
                ("input.source.excerpt", "REQUIRED_FOR_STATED"),
                ("input.agencyId", "UNKNOWN_ORGANIZATION"),
                ("input.themeIds[1]", "UNKNOWN_THEME"),
            },
            errors);
        Assert.Equal(before, await StatisticsAsync());
    }

    [Fact]
    public async Task AStatedAlignmentMustQuoteItsDocument()
    {
        var json = await _app.QueryAsync("""
            mutation { linkAlignment(input: { workId: "who-hwf-strategy", sdgCode: "3.c",
              source: { basis: STATED, documentId: "who-uhcp-tajikistan", excerpt: "words this page never says" } }) { changed } }
            """);

        var error = Assert.Single(json["errors"]!.AsArray())!;
        Assert.Equal(("input.source.excerpt", "EXCERPT_NOT_IN_DOCUMENT"), ((string)error["extensions"]!["field"]!, (string)error["extensions"]!["reason"]!));
    }

    [Fact]
    public async Task LinkingAnAlignmentPutsTheWorkInTheTargetsCoverage_AndUnlinkingTakesItOut()
    {
        const string Coverage = """{ goalCoverage(goal: "8") { targets { target { code } agencies { id } } } }""";
        var linked = await _app.DataAsync("""
            mutation { linkAlignment(input: { workId: "who-hwf-strategy", sdgCode: "8.5",
              source: { basis: INFERRED, reason: "A health workforce strategy is about decent work for health workers." } }) {
              changed alignment { code basis provenance { reason } } } }
            """);
        var afterLink = await _app.DataAsync(Coverage);
        var unlinked = await _app.DataAsync("""mutation { unlinkAlignment(input: { workId: "who-hwf-strategy", sdgCode: "8.5" }) { changed alignment { code } } }""");
        var afterUnlink = await _app.DataAsync(Coverage);

        Assert.True((bool)linked["linkAlignment"]!["changed"]!);
        Assert.Equal("INFERRED", (string?)linked["linkAlignment"]!["alignment"]!["basis"]);
        Assert.Equal(["ilo", "who"], AgenciesOf(afterLink, "8.5"));
        Assert.True((bool)unlinked["unlinkAlignment"]!["changed"]!);
        Assert.Null(unlinked["unlinkAlignment"]!["alignment"]);
        Assert.Equal(["ilo"], AgenciesOf(afterUnlink, "8.5"));
    }

    [Fact]
    public async Task SettingAStatusChangesOnlyTheStatus()
    {
        var data = await _app.DataAsync("""
            mutation { setDeliverableStatus(input: { id: "who-hwf-strategy", status: ACHIEVED, statusLabel: "Achieved" }) {
              changed deliverable { status statusLabel title deliveredBy { nodes { id } } } } }
            """);

        var deliverable = data["setDeliverableStatus"]!["deliverable"]!;
        Assert.Equal(("ACHIEVED", "Achieved"), ((string)deliverable["status"]!, (string)deliverable["statusLabel"]!));
        Assert.False(string.IsNullOrEmpty((string?)deliverable["title"]));
        Assert.Equal(["who"], CoordinationQueryTests.Ids(deliverable["deliveredBy"]!["nodes"]));
    }

    [Fact]
    public async Task UpsertingAnOrganizationCreatesItAsAPartner_AndKeepsCountsItsSourceReported()
    {
        var created = await _app.DataAsync("""
            mutation { upsertOrganization(input: { id: "unfpa", name: "United Nations Population Fund", shortName: "UNFPA", kind: UN_AGENCY,
              source: { basis: INFERRED, reason: "Named by the DCC secretariat as a health partner." } }) { created organization { id organizationKind } } }
            """);
        var renamed = await _app.DataAsync("""
            mutation { upsertOrganization(input: { id: "who", name: "World Health Organization", shortName: "WHO", kind: UN_AGENCY,
              source: { basis: INFERRED, reason: "Edited by the secretariat." } }) { created organization { staffCount activeProjectCount } } }
            """);
        using var fresh = new HealthGraphApp { ApiKey = HealthGraphApp.EditorKey };
        var original = await fresh.DataAsync("""{ agency(id: "who") { staffCount activeProjectCount } }""");

        Assert.True((bool)created["upsertOrganization"]!["created"]!);
        Assert.Equal("UN_AGENCY", (string?)created["upsertOrganization"]!["organization"]!["organizationKind"]);
        Assert.False((bool)renamed["upsertOrganization"]!["created"]!);
        Assert.Equal(original["agency"]!.ToJsonString(), renamed["upsertOrganization"]!["organization"]!.ToJsonString());
    }

    private static List<string> AgenciesOf(JsonNode coverage, string code) =>
        CoordinationQueryTests.Ids(coverage["goalCoverage"]!["targets"]!.AsArray().Single(t => (string)t!["target"]!["code"]! == code)!["agencies"]);

    private async Task<string> StatisticsAsync() =>
        (await _app.DataAsync("{ statistics { entities { key count } relationships { key count } } }")).ToJsonString();
}
