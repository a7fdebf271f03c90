using System.Text.Json;
using System.Text.Json.Nodes;
using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Ingest;

/// <summary>Loading is idempotent, transactional, and refuses invalid seed files as a whole.</summary>
public sealed class SeedLoadingTests : IDisposable
{
    private readonly TemporaryStore _temporary = new();

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task ASecondLoadOfTheSameFilesChangesNothing()
    {
        var first = await _temporary.SeedAsync();
        var before = await SnapshotAsync();

        var second = await _temporary.SeedAsync();

        Assert.True(first.Report!.ChangedAnything);
        Assert.False(second.Report!.ChangedAnything);
        Assert.All(second.Report.Nodes.Values, c => Assert.Equal(0, c.Created + c.Updated));
        Assert.All(second.Report.Relationships.Values, c => Assert.Equal(0, c.Created + c.Updated));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ChangingOneRecordUpdatesExactlyThatNode()
    {
        await _temporary.SeedAsync();
        var seed = _temporary.CopyOfSeed();
        EditDeliverables(seed, deliverables => Record(deliverables, "who-jar-2017")["status"] = "ON_TRACK");

        var result = await _temporary.SeedAsync(seed);

        Assert.Equal(new ChangeCounts(0, 1, 35), result.Report!.Nodes[NodeLabels.Deliverable]);
        Assert.Equal("ON_TRACK", (await _temporary.Store.GetNodesAsync(["who-jar-2017"])).Single().GetString("status"));
    }

    [Fact]
    public async Task ASeedFileWithThreeErrorsIsRejectedWithAllThreeReported_AndTheStoreIsUntouched()
    {
        await _temporary.SeedAsync();
        var before = await SnapshotAsync();
        var seed = _temporary.CopyOfSeed();
        EditDeliverables(seed, deliverables =>
        {
            Record(deliverables, "who-jar-2017")["outcomes"]![0]!["id"] = "x";
            Record(deliverables, "who-hwf-strategy")["status"] = "DONE";
            Record(deliverables, "iom-public-campaigns")["provenance"]!["excerpt"] = "Public Campaigns for everyone";
        });

        var result = await _temporary.SeedAsync(seed);

        Assert.Null(result.Report);
        Assert.Equal(
            [
                "seed/deliverables.json: record 'iom-public-campaigns': provenance.excerpt: excerpt \"Public Campaigns for everyone\" does not occur in document 'iom-tajikistan'",
                "seed/deliverables.json: record 'who-hwf-strategy': status: status 'DONE' is not one of ACHIEVED, CANCELLED, CLOSED, FINALISATION, IMPLEMENTATION, ON_TRACK, PIPELINE, SUSPENDED",
                "seed/deliverables.json: record 'who-jar-2017': outcomes[0].id: outcome 'x' does not exist",
            ],
            result.Problems.Select(p => p.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ALoadThatFailsHalfWayLeavesTheStoreAsItWas()
    {
        await _temporary.SeedAsync();
        var before = await SnapshotAsync();
        var provenance = Provenance.Inferred("a test of a load that fails part-way");
        // The first part is written (in the load's transaction) before the second is found to end at no node.
        var graph = new SeedGraph(
            [new GraphNode("who", NodeLabels.Organization, "Renamed in a load that will fail", new Dictionary<string, object?>(), provenance)], [])
        {
            Parts = [new SeedGraph([], [new GraphRelationship(RelationshipTypes.Delivers, "who", "no-such-deliverable", GraphRelationship.NoProperties, provenance)])],
            PartCount = 1,
        };

        var failure = await Assert.ThrowsAsync<GraphChangeRejectedException>(() => _temporary.Store.LoadAsync(graph));
        Assert.Equal("Relationships refer to nodes that do not exist: no-such-deliverable.", failure.Message);

        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal("World Health Organization", (await _temporary.Store.GetNodesAsync(["who"])).Single().Name);
    }

    [Fact]
    public async Task BrokenJsonIsReportedWithItsLine_AndTheOtherFilesAreStillChecked()
    {
        var seed = _temporary.CopyOfSeed();
        File.WriteAllText(Path.Combine(seed, "themes.json"), "[\n  { \"id\": \"hiv\",\n  \"name\": }\n]");
        EditDeliverables(seed, deliverables => Record(deliverables, "who-jar-2017")["titel"] = "typo");

        var result = await _temporary.SeedAsync(seed);

        Assert.Contains(result.Problems, p => p.File == "seed/themes.json" && p.Message.StartsWith("is not valid JSON (line 3", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.ToString() == "seed/deliverables.json: record 'who-jar-2017': titel: is not a field of this file (misspelt?)");
        Assert.Equal(0, (await _temporary.Store.GetStatisticsAsync()).NodeCount);
    }

    [Fact]
    public async Task AnInferredFactWithoutAReasonAndADuplicateIdAreReported()
    {
        var seed = _temporary.CopyOfSeed();
        EditDeliverables(seed, deliverables =>
        {
            Record(deliverables, "iom-public-campaigns")["provenance"] = new JsonObject { ["basis"] = "INFERRED" };
            Record(deliverables, "who-jar-2018")["id"] = "who-jar-2017";
        });

        var problems = (await _temporary.SeedAsync(seed)).Problems.Select(p => p.ToString()).ToList();

        Assert.Contains("seed/deliverables.json: record 'iom-public-campaigns': provenance.reason: an inferred fact must give its reason (at least 10 characters)", problems);
        Assert.Contains("seed/deliverables.json: record 'who-jar-2017': id: id 'who-jar-2017' is already used in seed/deliverables.json", problems);
    }

    [Fact]
    public async Task ASeedFactCannotBeDerived_WhichIsForLinksTheSoftwareComputes()
    {
        var seed = _temporary.CopyOfSeed();
        EditDeliverables(seed, deliverables => Record(deliverables, "iom-public-campaigns")["provenance"]!["basis"] = "DERIVED");

        var problems = (await _temporary.SeedAsync(seed)).Problems.Select(p => p.ToString()).ToList();

        Assert.Contains(
            "seed/deliverables.json: record 'iom-public-campaigns': provenance.basis: basis DERIVED is for links the software computes from codes (an IATI import's indicator to its target), not for seed facts: use STATED or INFERRED",
            problems);
    }

    [Fact]
    public async Task AnOutcomesPartnershipMustBeQuotedByItsExcerpt()
    {
        var seed = _temporary.CopyOfSeed();
        var path = Path.Combine(seed, "outcomes.json");
        var outcomes = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        Record(outcomes, "ilo-tjk128")["partnership"] = "with IFIs";
        File.WriteAllText(path, outcomes.ToJsonString());

        var problems = (await _temporary.SeedAsync(seed)).Problems.Select(p => p.ToString()).ToList();

        Assert.Equal(
            ["seed/outcomes.json: record 'ilo-tjk128': partnership: partnership must be quoted by the outcome's own excerpt (the source's words for it)"],
            problems);
    }

    [Fact]
    public async Task APlaceIsCheckedAgainstTheGazetteer_ItsLevelItsParentAndTheQuotesOfItsIsoCodeAndAliases()
    {
        var seed = _temporary.CopyOfSeed();
        var path = Path.Combine(seed, "places.json");
        var places = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        Record(places, "place-3505000")["isoCode"] = "TJ-XX";
        Record(places, "place-3507000")["name"] = "Khatlon";
        Record(places, "place-kazakhstan")["level"] = "CONTINENT";
        Record(places, "place-who-phc-demo-platform-kazakhstan")["partOf"] = new JsonObject { ["id"] = "place-nowhere" };
        Record(places, "place-3507401")["aliases"] = new JsonArray("Bokhtar", "Kurgan-Tyube");
        File.WriteAllText(path, places.ToJsonString());
        var gazetteer = Path.Combine(seed, "places", "tjk_pcodes.csv");
        File.WriteAllText(gazetteer, File.ReadAllText(gazetteer).Replace("TJK,2,3505242,Panjakent,3505000", "TJK,2,3505242,Panjakent,3599999", StringComparison.Ordinal));

        var problems = (await _temporary.SeedAsync(seed)).Problems.Select(p => p.ToString()).ToList();

        Assert.Equal(
            [
                "seed/places.json: record 'place-3505000': isoCode: isoCode must be quoted by the record's excerpt",
                "seed/places.json: record 'place-3507000': place: 'place-3507000' is in the gazetteer, which gives its name, level, code and parent; a record may add only its isoCode and aliases",
                "seed/places.json: record 'place-3507401': aliases[1]: the alias 'Kurgan-Tyube' must be quoted by the record's excerpt",
                "seed/places.json: record 'place-kazakhstan': level: level 'CONTINENT' is not one of COUNTRY, DISTRICT, REGION, SITE, SUBDISTRICT",
                "seed/places.json: record 'place-who-phc-demo-platform-kazakhstan': partOf: place 'place-nowhere' does not exist",
                "seed/places/tjk_pcodes.csv: record line 20: Parent P-Code: parent '3599999' is not a region of the gazetteer",
            ],
            problems);
    }

    [Fact]
    public async Task ARoleMustBeQuotedFromItsDocument_AndConfirmedByAWebAddress()
    {
        var seed = _temporary.CopyOfSeed();
        var path = Path.Combine(seed, "organizations.json");
        var organizations = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        var roles = Record(organizations, "european-union")["roles"]!.AsArray();
        roles[0]!["role"] = "Funds everything";
        roles.Add(new JsonObject { ["role"] = "Implementer of EU Health Development Programme", ["confirmedBy"] = "unicef.org/tajikistan", ["document"] = "tajikistan-health-partners" });
        roles.Add(new JsonObject { ["role"] = "GIZ", ["confirmedBy"] = "https://example.org/", ["document"] = "no-such-document" });
        File.WriteAllText(path, organizations.ToJsonString());

        var problems = (await _temporary.SeedAsync(seed)).Problems.Select(p => p.ToString()).Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "seed/organizations.json: record 'european-union': roles[0].role: role \"Funds everything\" does not occur in document 'tajikistan-health-partners': a role is quoted, not paraphrased",
                "seed/organizations.json: record 'european-union': roles[1].confirmedBy: confirmedBy 'unicef.org/tajikistan' must be the http(s) address of the public page that confirms the role",
                "seed/organizations.json: record 'european-union': roles[2].document: document 'no-such-document' does not exist",
            ],
            problems);
    }

    private async Task<string> SnapshotAsync()
    {
        var store = _temporary.Store;
        var statistics = await store.GetStatisticsAsync();
        var nodes = new List<GraphNode>();
        foreach (var label in NodeLabels.All)
        {
            nodes.AddRange((await store.ListNodesAsync(new NodeListQuery(label))).Nodes);
        }

        var relationships = new List<GraphRelationship>();
        foreach (var type in RelationshipTypes.All)
        {
            relationships.AddRange(await store.GetRelationshipsAsync([.. nodes.Select(n => n.Id)], type, Direction.Outgoing));
        }

        return JsonSerializer.Serialize(new { statistics, nodes, relationships });
    }

    private static void EditDeliverables(string seed, Action<JsonArray> edit)
    {
        var path = Path.Combine(seed, "deliverables.json");
        var deliverables = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        edit(deliverables);
        File.WriteAllText(path, deliverables.ToJsonString());
    }

    private static JsonObject Record(JsonArray records, string id) =>
        records.Select(r => r!.AsObject()).Single(r => (string?)r["id"] == id);
}
