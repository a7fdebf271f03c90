using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Store.Neo4j;
using HealthGraph.Store.Neo4j.Client;
using HealthGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGraph.Tests.Store.Neo4j;

/// <summary>
/// Every Cypher statement HealthGraph sends is compiled by the real server (<c>EXPLAIN</c>: parsed, checked and planned,
/// nothing run): each statement of each embedded .cypher file, and a representative set of the statements the node
/// lists and path search compose in code (each filter operator on each kind of field, each ordering, both paging
/// directions, with and without the total, every path bound).
/// Every test here only reads, so the class shares one seeded store.
/// </summary>
[Collection(Neo4jTests.Name)]
[Trait(Neo4jTests.Category, Neo4jTests.Name)]
public sealed class CypherOnTheServerTests(Neo4jServerFixture server, SeededNeo4jStore seeded) : IClassFixture<SeededNeo4jStore>
{
    /// <summary>Every statement of every embedded .cypher file, by file.</summary>
    public static TheoryData<string> CypherFiles()
    {
        var names = typeof(Neo4jGraphStore).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("neo4j/", StringComparison.Ordinal) && n.EndsWith(".cypher", StringComparison.Ordinal))
            .Select(n => n["neo4j/".Length..^".cypher".Length])
            .Order(StringComparer.Ordinal);
        return [.. names];
    }

    [Theory]
    [MemberData(nameof(CypherFiles))]
    public async Task EveryStatementOfTheFileCompilesOnTheServer(string file)
    {
        var statements = CypherResources.GetStatements(file);

        // A statement file that runs nothing is a mistake; a migration may change no schema and only have the
        // aggregates rebuilt (0006_derived_basis), which the store does after migrating to it.
        Assert.True(statements.Count > 0 || file.StartsWith("Migrations/", StringComparison.Ordinal), $"{file} has no statement");
        foreach (var statement in statements)
        {
            await ExplainAsync(statement);
        }
    }

    [Fact]
    public void TheServerTestsCoverEveryEmbeddedCypherFile_AndEveryFileInTheSourceTreeIsEmbedded()
    {
        var source = RepositoryFiles.PathOf("src", "HealthGraph", "Store", "Neo4j");
        var onDisk = Directory.EnumerateFiles(source, "*.cypher", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(source, f).Replace('\\', '/'))
            .Select(f => f.StartsWith("Cypher/", StringComparison.Ordinal) ? f["Cypher/".Length..] : f)
            .Select(f => f[..^".cypher".Length])
            .Order(StringComparer.Ordinal);

        Assert.Equal(onDisk, ((IEnumerable<object[]>)CypherFiles()).Select(row => (string)row[0]));
    }

    /// <summary>The node-list statements: every operator on every kind of field, each ordering, both directions.</summary>
    public static TheoryData<string, NodeListQuery> NodeLists()
    {
        NodeFilter Where(NodeField field, FilterOperator op, params object[] values) => new FieldCondition(field, op, values);
        var year = NodeField.Property("year");
        var status = NodeField.Property("status");
        var items = NodeField.Property("items");
        var deliveredBy = NodeField.Related(RelationshipTypes.Delivers, Direction.Incoming);
        var byYearThenName = new[] { new NodeOrder(year, Descending: true), new NodeOrder(NodeField.Name) };
        var key = new NodeKey([2024L, "Training"], "who-training");
        var data = new TheoryData<string, NodeListQuery>
        {
            { "no filter, no order", new NodeListQuery(NodeLabels.Deliverable) },
            { "id equals", new NodeListQuery(NodeLabels.Deliverable, Where(NodeField.Id, FilterOperator.Equals, "who-jar-2017")) },
            { "name contains", new NodeListQuery(NodeLabels.Deliverable, Where(NodeField.Name, FilterOperator.Contains, "health")) },
            { "property in", new NodeListQuery(NodeLabels.Deliverable, Where(status, FilterOperator.In, "ON_TRACK", "ACHIEVED")) },
            { "list property contains", new NodeListQuery(NodeLabels.Deliverable, Where(items, FilterOperator.Contains, "training")) },
            { "related equals", new NodeListQuery(NodeLabels.Deliverable, Where(deliveredBy, FilterOperator.Equals, "who")) },
            { "related in", new NodeListQuery(NodeLabels.Deliverable, Where(deliveredBy, FilterOperator.In, "who", "ilo")) },
            { "aligned by every path", new NodeListQuery(NodeLabels.Deliverable, Where(NodeField.Aligned(AlignmentRule.Any), FilterOperator.Equals, "sdg-goal-3")) },
            { "aligned by one path and basis", new NodeListQuery(NodeLabels.Outcome, Where(NodeField.Aligned(new AlignmentRule(AlignmentPaths.ViaOutcome, Basis.Stated)), FilterOperator.In, "sdg-goal-3", "sdg-target-3.8")) },
            { "not, any of, all of", new NodeListQuery(NodeLabels.Deliverable, new NotFilter(new AnyOf([Where(status, FilterOperator.Equals, "ON_TRACK"), new AllOf([])]))) },
            { "in nothing", new NodeListQuery(NodeLabels.Deliverable, Where(status, FilterOperator.In)) },
            { "forward after a cursor, without the total", new NodeListQuery(NodeLabels.Deliverable, Order: byYearThenName, First: 10, After: key) { CountTotal = false } },
            { "backward before a cursor", new NodeListQuery(NodeLabels.Deliverable, Order: byYearThenName, Last: 10, Before: key) },
            { "between two cursors, all of them", new NodeListQuery(NodeLabels.Deliverable, Order: byYearThenName, After: key, Before: key) },
            { "ordered by id descending", new NodeListQuery(NodeLabels.Outcome, Order: [new NodeOrder(NodeField.Id, Descending: true)], First: 3) },
            { "active in a period", new NodeListQuery(NodeLabels.Deliverable, NodeField.ActiveBetween("2021-01-01", "2021-12-31"), First: 10) },
            { "not active in a period", new NodeListQuery(NodeLabels.Deliverable, new NotFilter(NodeField.ActiveBetween("2021-01-01", "9999-12-31"))) },
        };
        foreach (var op in new[] { FilterOperator.Equals, FilterOperator.GreaterThan, FilterOperator.GreaterThanOrEqual, FilterOperator.LessThan, FilterOperator.LessThanOrEqual })
        {
            data.Add($"year {op}", new NodeListQuery(NodeLabels.Deliverable, Where(year, op, 2021L)));
            data.Add($"status {op} text", new NodeListQuery(NodeLabels.Deliverable, Where(status, op, "ON_TRACK")));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NodeLists))]
    public async Task EveryKindOfNodeListCompilesOnTheServer(string what, NodeListQuery query)
    {
        Assert.NotEmpty(what);
        var translated = Neo4jNodeQuery.Translate(query);

        await ExplainAsync(translated.Cypher, translated.Parameters);
    }

    /// <summary>The coordination reads and the reads of a change, each with parameters that exist in the seed.</summary>
    public static TheoryData<string, string> IndexBackedReads() => new()
    {
        { "agency_items", """{"agencies": ["who", "ilo"], "basis": null}""" },
        { "overlap_pairs", """{"agencies": ["who", "ilo"], "basis": "STATED", "dimension": null}""" },
        { "overlap_pairs_from", """{"agency": "ilo", "after": "", "first": 3, "basis": null, "dimension": "TARGET"}""" },
        { "overlap_pairs_among", """{"agencies": ["who", "ilo", "iom"], "basis": null, "dimension": "TARGET"}""" },
        { "agency_sizes", """{"agencies": ["who", "ilo"], "basis": null, "dimension": "TARGET"}""" },
        { "shared_items", """{"keys": [{"key": 0, "a": "ilo", "b": "who", "dimension": "COUNTERPART", "basis": null}], "first": 3}""" },
        { "agency_item_holders", """{"items": [{"dimension": "TARGET", "item": "sdg-target-3.8"}]}""" },
        { "sdg_coverage", """{"sdgs": ["sdg-goal-3", "sdg-target-3.8"], "basis": null, "first": 10}""" },
        { "agency_item_counts", """{"agencies": null, "works": ["who-jar-2017"], "limited": null, "basis": null}""" },
        { "agency_item_counts", """{"agencies": null, "works": null, "limited": ["who-jar-2017", "ilo-sp-budget-review"], "basis": null}""" },
        { "sdg_work", """{"sdgs": ["sdg-goal-3", "sdg-target-3.8"], "withTargets": false, "basis": null, "first": 10, "limited": ["who-jar-2017"]}""" },
        { "coverage_links", """{"works": ["who-jar-2017"]}""" },
        { "affected_works", """{"relationships": [{"from": "who", "type": "DELIVERS", "to": "who-jar-2017"}], "removals": [{"node": "who-jar-2017", "type": "HAS_THEME", "outgoing": true, "other": null}], "nodes": [{"id": "who", "label": "Organization"}]}""" },
        { "affected_works", """{"relationships": [{"from": "place-3505242", "type": "PART_OF", "to": "place-3507000"}, {"from": "who-jar-2017", "type": "LOCATED_IN", "to": "place-3505242"}], "removals": [], "nodes": [{"id": "place-3505000", "label": "Place", "level": "DISTRICT"}]}""" },
        { "item_holders", """{"items": ["place-3505000", "place-3507000"], "dimension": "REGION", "basis": null, "first": 10}""" },
        { "coverage_keys", """{"sdg": "sdg-target-3.8", "agency": "who", "after": null, "first": 5}""" },
        { "aligned_works", """{"after": "who", "first": 5}""" },
        { "document_nodes", """{"doc": "who-uhcp-tajikistan", "after": null, "take": 11}""" },
        { "changes", """{"first": 10, "before": null}""" },
        { "subject_changes", """{"first": 10, "before": null, "subject": "who-jar-2017"}""" },
        { "subject_state", """{"id": "who-jar-2017", "outgoing": ["HAS_THEME", "ALIGNS_WITH"], "incoming": ["DELIVERS"]}""" },
        { "subject_holders", """{"id": "who-jar-2017", "roles": ["REPORTS", "FUNDS", "ACCOUNTABLE_FOR", "EXTENDS", "DELIVERS"]}""" },
        { "subject_holders", """{"id": "who", "roles": ["REPORTS", "FUNDS", "ACCOUNTABLE_FOR", "EXTENDS", "DELIVERS"]}""" },
        { "find_api_key", """{"hash": "sha256:0000000000000000000000000000000000000000000000000000000000000000"}""" },
        { "api_keys", """{"first": 10, "after": null}""" },
        { "api_keys", """{"first": 10, "after": "who-focal-point"}""" },
        { "graph_version", "{}" },
        { "portfolio_groups", """{"agency": "who", "basis": null, "direct": true, "viaTarget": true, "viaOutcome": true, "first": 3, "after": "who-jar-2017"}""" },
    };

    /// <summary>
    /// What the coordination answers and the changes read starts from an index (the aggregates' or the entities' ids):
    /// a scan (of a label, a type, every node) may be planned for a branch the parameters leave out, but reads no row, so
    /// the rows read grow with the answer.
    /// </summary>
    [Theory]
    [MemberData(nameof(IndexBackedReads))]
    public async Task EveryCoordinationReadStartsFromAnIndex(string file, string parameters)
    {
        var values = JsonNode.Parse(parameters)!.AsObject().ToDictionary(p => p.Key, p => ToValue(p.Value), StringComparer.Ordinal);

        var plan = await ProfileAsync(CypherResources.Get(file), values);

        var operators = Operators(plan).ToList();
        Assert.Contains(operators, o => OperatorType(o).Contains("IndexSeek", StringComparison.Ordinal));
        Assert.All(
            operators.Where(o => OperatorType(o).Contains("Scan", StringComparison.Ordinal)),
            scan => Assert.True(Records(scan) == 0, $"{OperatorType(scan)} {(string?)scan["arguments"]?["Details"]} read {Records(scan)} rows"));
    }

    /// <summary>The limits a coordination question can be asked with: a year, a region, both.</summary>
    public static TheoryData<string, string?, string?> Limits() => new()
    {
        { "a year", "2021", null },
        { "a region", null, "place-3505000" },
        { "a year in a region", "2021", "place-3505000" },
    };

    /// <summary>
    /// The work in a limit (the ids a limited question reads the links of) is found from an index: the period's by the
    /// range indexes on Deliverable's and Outcome's periodStart, a place's from the place by its id, out to its work.
    /// </summary>
    [Theory]
    [MemberData(nameof(Limits))]
    public async Task TheWorkInALimitIsFoundFromAnIndex(string what, string? year, string? place)
    {
        Assert.NotEmpty(what);
        var query = Neo4jNodeQuery.LimitedWork(new WorkLimit(year is null ? null : NodeField.ActiveBetween($"{year}-01-01", $"{year}-12-31"), place));

        var plan = await ProfileAsync(query.Cypher, query.Parameters);

        var operators = Operators(plan).ToList();
        Assert.Contains(operators, o => OperatorType(o).Contains("IndexSeek", StringComparison.Ordinal));
        Assert.All(
            operators.Where(o => OperatorType(o).Contains("Scan", StringComparison.Ordinal)),
            scan => Assert.True(Records(scan) == 0, $"{OperatorType(scan)} {(string?)scan["arguments"]?["Details"]} read {Records(scan)} rows"));
    }

    private static object? ToValue(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => array.Select(ToValue).ToList(),
        JsonObject map => map.ToDictionary(p => p.Key, p => ToValue(p.Value), StringComparer.Ordinal),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        _ => node.ToString(),
    };

    /// <summary>
    /// A goal's or target's listed work is read only as far as its bound: the CoverageItem and CoverageLink keys come in
    /// index order (no sort of every key), so with first 1 a list of items reads at most 2 rows (first + 1), and the
    /// contributions' walk at most the links of 2 keys (a key has a link per aligned item: here 4 rows at most), though
    /// target 3.8 has more of each.
    /// </summary>
    [Fact]
    public async Task CoverageListsReadOnlyAsFarAsTheirBound()
    {
        var parameters = new Dictionary<string, object?> { ["sdgs"] = new[] { "sdg-target-3.8" }, ["basis"] = null, ["first"] = 1L };

        var plan = await ProfileAsync(CypherResources.Get("sdg_coverage"), parameters);

        var work = (await seeded.Store.GetSdgWorkAsync(["sdg-target-3.8"], first: 1)).Single();
        Assert.True(work.ContributionCount > 4 && work.DeliverableCount > 2, $"{work.ContributionCount} contributions, {work.DeliverableCount} deliverables");
        var seeks = Operators(plan).Where(o => OperatorType(o).Contains("IndexSeek", StringComparison.Ordinal)).ToList();
        string Details(JsonNode o) => (string?)o["arguments"]?["Details"] ?? "";
        var items = seeks.Where(o => Details(o).Contains(":CoverageItem", StringComparison.Ordinal)).ToList();
        var links = seeks.Where(o => Details(o).Contains(":CoverageLink", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, items.Count);
        Assert.NotEmpty(links);
        Assert.All(items, o => Assert.True(Records(o) <= 2, $"{OperatorType(o)} {Details(o)} read {Records(o)} rows"));
        Assert.All(links, o => Assert.True(Records(o) <= 4, $"{OperatorType(o)} {Details(o)} read {Records(o)} rows"));
    }

    /// <summary>The statistics are counted from Neo4j's count store: no operator reads a node or relationship.</summary>
    [Fact]
    public async Task TheStatisticsReadOnlyTheCountStore()
    {
        var plan = await ProfileAsync(Neo4jGraphStore.StatisticsStatement, new Dictionary<string, object?>());

        var operators = Operators(plan).Select(OperatorType).ToList();
        Assert.Contains("NodeCountFromCountStore", operators);
        Assert.Contains("RelationshipCountFromCountStore", operators);
        Assert.DoesNotContain(operators, o => o.Contains("Scan", StringComparison.Ordinal) || o.Contains("Expand", StringComparison.Ordinal));
        var statistics = await seeded.Store.GetStatisticsAsync();
        Assert.True(statistics.NodesByLabel[NodeLabels.Deliverable] > 0);
        Assert.True(statistics.RelationshipsByType[RelationshipTypes.Delivers] > 0);
    }

    /// <summary>
    /// A document's relationships are read by the source index of each relationship type (one per type of
    /// RelationshipTypes.All, Migrations/0004_relationship_source.cypher): no operator scans every relationship.
    /// </summary>
    [Fact]
    public async Task ADocumentsRelationshipsAreReadByIndex_EveryTypeHavingOne()
    {
        var indexed = (await RunAsync("SHOW INDEXES YIELD entityType, labelsOrTypes, properties WHERE entityType = 'RELATIONSHIP' AND properties = ['source'] RETURN labelsOrTypes[0] AS type"))
            ["data"]!["values"]!.AsArray().Select(v => (string)v![0]!).Order(StringComparer.Ordinal);
        var parameters = new Dictionary<string, object?> { ["doc"] = "who-uhcp-tajikistan", ["type"] = null, ["from"] = null, ["to"] = null, ["take"] = 11L };

        var plan = await ProfileAsync(Neo4jGraphStore.DocumentRelationshipsStatement, parameters);

        Assert.Equal(RelationshipTypes.All.Order(StringComparer.Ordinal), indexed);
        var operators = Operators(plan).Select(OperatorType).ToList();
        Assert.Contains(operators, o => o.Contains("RelationshipIndexSeek", StringComparison.Ordinal));
        Assert.DoesNotContain(operators, o => o.Contains("AllRelationshipsScan", StringComparison.Ordinal) || o == "AllNodesScan" || o == "NodeByLabelScan");
        var page = await seeded.Store.GetDocumentRelationshipsAsync("who-uhcp-tajikistan", 10, null);
        Assert.True(page.TotalCount > 10, $"{page.TotalCount}");
        Assert.Equal(10, page.Items.Count);
    }

    [Fact]
    public async Task ThePathSearchCompilesOnTheServerForEveryBound()
    {
        for (var hops = 1; hops <= GraphPath.MaxHops; hops++)
        {
            var statement = Neo4jGraphStore.ShortestPathsStatement(hops);

            Assert.Contains($"[*..{hops}]", statement, StringComparison.Ordinal);
            await ExplainAsync(statement);
        }
    }

    /// <summary>
    /// A page is sorted and cut to its size before it is collected (Neo4j's Top operator, never a Sort of every match
    /// followed by a collect), so reading a list page by page does not hold the whole list in memory for each page.
    /// </summary>
    [Fact]
    public async Task APageIsCutToItsSizeBeforeItIsCollected()
    {
        var query = new NodeListQuery(
            NodeLabels.Deliverable, Order: [new NodeOrder(NodeField.Property("year"), Descending: true)], First: 5)
        { CountTotal = false };
        var translated = Neo4jNodeQuery.Translate(query);
        var deliverables = (await seeded.Store.GetStatisticsAsync()).NodesByLabel[NodeLabels.Deliverable];

        var plan = await ProfileAsync(translated.Cypher, translated.Parameters);

        var operators = Operators(plan).ToList();
        Assert.Contains(operators, o => OperatorType(o) == "Top" && Records(o) <= 6);
        Assert.DoesNotContain(operators, o => OperatorType(o) == "Sort");
        Assert.All(operators.Where(o => OperatorType(o) == "EagerAggregation"), collect =>
            Assert.All(collect["children"]!.AsArray(), input => Assert.True(Records(input!) <= 6, $"collect reads {Records(input!)} of {deliverables} rows")));
    }

    /// <summary>
    /// A page in name order is read from an index in order (Migrations/0014_name_order.cypher, one (name, id) index per
    /// label and one on Entity): from the start, past a cursor either way, backward; no operator sorts the label's nodes
    /// (at 100,000 deliverables the first page by title read 22 index entries, a page 5,000
    /// deep 22 from a seek, against 100,037 nodes sorted before). The pages are the ones a sort gives.
    /// </summary>
    [Fact]
    public async Task APageInNameOrderIsReadFromAnIndexFromItsCursor_EveryLabelHavingOne()
    {
        var indexed = (await RunAsync("SHOW INDEXES YIELD type, labelsOrTypes, properties WHERE type = 'RANGE' AND properties = ['name', 'id'] RETURN labelsOrTypes[0] AS label"))
            ["data"]!["values"]!.AsArray().Select(v => (string)v![0]!).Order(StringComparer.Ordinal);
        Assert.Equal(NodeLabels.All.Append("Entity").Order(StringComparer.Ordinal), indexed);

        var all = (await seeded.Store.ListNodesAsync(new NodeListQuery(NodeLabels.Organization, First: 1000))).Nodes
            .OrderBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();
        Assert.True(all.Count > 8, $"{all.Count} organizations");
        NodeOrder[] byName = [new NodeOrder(NodeField.Name)];
        NodeOrder[] byNameDescending = [new NodeOrder(NodeField.Name, Descending: true)];
        var middle = NodeKey.Of(all[4], byName);
        var pages = new (NodeListQuery Query, IEnumerable<GraphNode> Expected)[]
        {
            (new NodeListQuery(NodeLabels.Organization, Order: byName, First: 3), all.Take(3)),
            (new NodeListQuery(NodeLabels.Organization, Order: byName, First: 3, After: middle), all.Skip(5).Take(3)),
            (new NodeListQuery(NodeLabels.Organization, Order: byNameDescending, First: 3, After: NodeKey.Of(all[4], byNameDescending)), all.Take(4).Reverse().Take(3)),
            (new NodeListQuery(NodeLabels.Organization, Order: byName, Last: 3, Before: middle), all.Skip(1).Take(3)),
        };
        foreach (var (query, expected) in pages)
        {
            var translated = Neo4jNodeQuery.Translate(query with { CountTotal = false });

            var operators = Operators(await ProfileAsync(translated.Cypher, translated.Parameters)).ToList();

            var described = string.Join(", ", operators.Select(o => $"{OperatorType(o)} {Records(o)} {o["arguments"]?["Details"]}"));
            Assert.True(operators.Any(o => OperatorType(o).StartsWith("NodeIndexS", StringComparison.Ordinal) && $"{o["arguments"]?["Details"]}".Contains("(name, id)", StringComparison.Ordinal)), described);
            Assert.False(operators.Any(o => OperatorType(o) is "Sort" or "Top"), described); // a PartialTop orders only ties of a name (id ascending under a descending name)
            Assert.Equal(expected.Select(n => n.Id), (await seeded.Store.ListNodesAsync(query)).Nodes.Select(n => n.Id));
        }
    }

    private async Task<JsonNode> ProfileAsync(string statement, IReadOnlyDictionary<string, object?> parameters)
    {
        var body = await RunAsync("PROFILE " + statement, parameters);
        Assert.True(body["profiledQueryPlan"] is not null, body.ToJsonString());
        return body["profiledQueryPlan"]!;
    }

    private async Task<JsonNode> RunAsync(string statement, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        using var http = new HttpClient { BaseAddress = server.Uri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{server.User}:{server.Password}")));
        using var response = await http.PostAsJsonAsync("db/neo4j/query/v2", new { statement, parameters = parameters ?? new Dictionary<string, object?>() });
        // A plan nests an operator per level: the statistics' thirty counts go deeper than JSON's default 64.
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1024 })!;
    }

    private static IEnumerable<JsonNode> Operators(JsonNode plan) =>
        (plan["children"]?.AsArray() ?? []).SelectMany(child => Operators(child!)).Prepend(plan);

    private static string OperatorType(JsonNode plan) => ((string)plan["operatorType"]!).Split('@')[0];

    private static long Records(JsonNode plan) => (long)plan["records"]!;

    private async Task ExplainAsync(string statement, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        var client = seeded.Services.GetRequiredService<QueryApiClient>();
        try
        {
            await client.RunAsync(new QueryRequest("EXPLAIN " + statement, parameters ?? new Dictionary<string, object?>()));
        }
        catch (Neo4jQueryException e)
        {
            Assert.Fail($"{e.Code}: {e.ServerMessage}{Environment.NewLine}{statement}");
        }
    }
}
