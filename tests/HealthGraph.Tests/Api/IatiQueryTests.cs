using System.Text.Json.Nodes;
using HealthGraph.Ingest.Iati;
using HealthGraph.Store;
using HealthGraph.Tests.Ingest.Iati;
using HealthGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGraph.Tests.Api;

/// <summary>The annotated IATI example, imported into the running API's store, answers through GraphQL with its provenance.</summary>
public sealed class IatiQueryTests(HealthGraphApp app) : IClassFixture<HealthGraphApp>
{
    private static readonly SemaphoreSlim s_import = new(1, 1);

    private async Task ImportExampleAsync()
    {
        await app.DataAsync("{ statistics { entityCount } }"); // the host has started and seeded its store
        await s_import.WaitAsync();
        try
        {
            var result = await new IatiImporter(app.Services.GetRequiredService<IGraphStore>()).ImportAsync([IatiFiles.AnnotatedExample], skipInvalid: false);
            Assert.True(result.Written, string.Join("\n", result.Problems));
        }
        finally
        {
            s_import.Release();
        }
    }

    [Fact]
    public async Task TheAnnotatedExamplesActivityIsQueryable_WithItsOrganisationsAmountsResultsAndSources()
    {
        await ImportExampleAsync();
        var id = IatiGraphMapper.DeliverableId(IatiFiles.ExampleIdentifier, "AA-AAA-123456789");

        var data = await app.DataAsync("""
            query ($id: ID!) {
              deliverable(id: $id) {
                title iatiIdentifier status iatiActivityStatus plannedStartDate actualEndDate recipientCountries countedInTotals
                reportedBy { id name iatiRef organizationKind }
                fundedBy { nodes { id name } } accountableOrganizations { nodes { id } } extendingOrganizations { nodes { id } } deliveredBy { nodes { id } }
                amounts { kind type value currency periodStart periodEnd date }
                outcomes { nodes { statement indicators { nodes { name references } } } }
                themes { totalCount nodes { name } }
                provenance { basis excerpt document { id title documentKind file } }
              }
            }
            """, new { id });

        var d = data["deliverable"]!;
        Assert.Equal(("Activity title", IatiFiles.ExampleIdentifier, "IMPLEMENTATION", "2"),
            ((string)d["title"]!, (string)d["iatiIdentifier"]!, (string)d["status"]!, (string)d["iatiActivityStatus"]!));
        Assert.Equal(("2012-04-15", null), ((string?)d["plannedStartDate"], (string?)d["actualEndDate"]));
        Assert.Equal(["AF", "AG"], Strings(d["recipientCountries"]));
        Assert.True((bool)d["countedInTotals"]!);
        Assert.Equal(("iati-org-aa-aaa-123456789", "Organisation name", "AA-AAA-123456789", "DEVELOPMENT_PARTNER"),
            ((string)d["reportedBy"]!["id"]!, (string)d["reportedBy"]!["name"]!, (string)d["reportedBy"]!["iatiRef"]!, (string)d["reportedBy"]!["organizationKind"]!));
        Assert.Equal("Name of Agency B", (string?)d["fundedBy"]!["nodes"]![0]!["name"]);
        Assert.Equal("iati-org-cc-ccc-123456789", (string?)d["accountableOrganizations"]!["nodes"]![0]!["id"]);
        Assert.Equal("iati-org-aa-aaa-123456789", (string?)d["extendingOrganizations"]!["nodes"]![0]!["id"]);
        Assert.Empty(d["deliveredBy"]!["nodes"]!.AsArray());
        Assert.Equal(
            """[{"kind":"BUDGET","type":"1","value":3000,"currency":"EUR","periodStart":"2014-01-01","periodEnd":"2014-12-31","date":null},{"kind":"TRANSACTION","type":"1","value":1000,"currency":"EUR","periodStart":null,"periodEnd":null,"date":"2012-01-01"}]""",
            d["amounts"]!.ToJsonString());
        Assert.Equal("Result title", (string?)d["outcomes"]!["nodes"]![0]!["statement"]);
        Assert.Equal(["1:3429", "7:861", "99:B1"], Strings(d["outcomes"]!["nodes"]![0]!["indicators"]!["nodes"]![0]!["references"]));
        Assert.Equal(8, (int)d["themes"]!["totalCount"]!);
        Assert.Equal(8, d["themes"]!["nodes"]!.AsArray().Count);

        var provenance = d["provenance"]!;
        Assert.Equal("STATED", (string?)provenance["basis"]);
        Assert.Equal("iati-identifier AA-AAA-123456789-ABC123: reporting-org AA-AAA-123456789", (string?)provenance["excerpt"]);
        Assert.Equal(("activity-standard-example-annotated-2.03.xml", "IATI_FILE"), ((string)provenance["document"]!["title"]!, (string)provenance["document"]!["documentKind"]!));
        Assert.Equal(Path.GetFullPath(IatiFiles.AnnotatedExample), (string?)provenance["document"]!["file"]);
    }

    [Fact]
    public async Task TheActivitysDatesMoneyAndLifecycleAnswerInTheirOwnTypes()
    {
        await ImportExampleAsync();
        var id = IatiGraphMapper.DeliverableId(IatiFiles.ExampleIdentifier, "AA-AAA-123456789");

        var d = (await app.DataAsync("""
            query ($id: ID!) { deliverable(id: $id) {
              status lifecycle progress plannedStart { year month day precision } plannedStartDate actualEnd { year }
              amounts { value money { amount currency } } } }
            """, new { id }))["deliverable"]!;

        Assert.Equal(("IMPLEMENTATION", "IMPLEMENTATION", null), ((string?)d["status"], (string?)d["lifecycle"], (string?)d["progress"]));
        Assert.Equal("""{"year":2012,"month":4,"day":15,"precision":"DAY"}""", d["plannedStart"]!.ToJsonString());
        Assert.Null(d["actualEnd"]);
        Assert.Equal("""[{"value":3000,"money":{"amount":3000,"currency":"EUR"}},{"value":1000,"money":{"amount":1000,"currency":"EUR"}}]""", d["amounts"]!.ToJsonString());

        // The seed's UHC Partnership products report progress, never a lifecycle stage.
        var seeded = (await app.DataAsync("""{ deliverables(where: { status: { eq: ON_TRACK } }, first: 1) { nodes { status progress lifecycle } } }"""))["deliverables"]!["nodes"]![0]!;
        Assert.Equal(("ON_TRACK", "ON_TRACK", null), ((string?)seeded["status"], (string?)seeded["progress"], (string?)seeded["lifecycle"]));
    }

    [Fact]
    public async Task AmountTotalsSumTheExamplesAmountsByKindTypeAndCurrency()
    {
        await ImportExampleAsync();

        var data = await app.DataAsync("""
            { all: amountTotals { kind type currency total activityCount }
              funder: amountTotals(organization: "iati-org-bb-bbb-123456789") { total }
              stranger: amountTotals(organization: "who") { total } }
            """);

        Assert.Equal(
            """[{"kind":"BUDGET","type":"1","currency":"EUR","total":3000,"activityCount":1},{"kind":"TRANSACTION","type":"1","currency":"EUR","total":1000,"activityCount":1}]""",
            data["all"]!.ToJsonString());
        Assert.Equal(2, data["funder"]!.AsArray().Count);
        Assert.Empty(data["stranger"]!.AsArray());
    }

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => (string)n!)];
}
