using System.Text.Json;
using System.Text.Json.Nodes;
using HealthGraph.Tests.Support;
using Xunit.Abstractions;

namespace HealthGraph.Tests.Api;

/// <summary>
/// A client cannot tell which store answers. The <c>seed</c> command loads the same data into the real Neo4j server and
/// into an embedded SQLite file; the API serves each; every shipped GraphQL document (<c>schema/documents</c> and the
/// explorer's) then gives the same JSON from both, for each of its cases. Two things may differ: a search hit's score and
/// the order of hits (the two full-text engines rank differently; the hits are compared as a set, and every case asks
/// for more than there are), and the time a node was written (each store was loaded at its own moment).
/// </summary>
public abstract partial class StoreParityTests(Neo4jServerFixture server, ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("healthgraph-parity-").FullName;
    private StoreApp? _sqlite;
    private StoreApp? _neo4j;

    /// <summary>The seed command's options for the data under test (none: the shipped seed).</summary>
    protected abstract string[] SeedOptions { get; }

    /// <summary>The cases of each document, by operation name: the variables, as JSON.</summary>
    protected abstract IReadOnlyDictionary<string, string[]> Cases { get; }

    /// <summary>
    /// Loads the data into both stores, for the one test that compares them (xUnit makes a class per test, so a load in
    /// the class's set-up would run for the case check too: a minute and a half of the Neo4j leg at 10,000).
    /// </summary>
    private async Task LoadBothStoresAsync()
    {
        await server.ResetAsync();
        var sqlitePath = Path.Combine(_folder, "graph.db");
        // A few minutes at most: into Neo4j, 10,000 deliverables go in batches, then the aggregates are rebuilt.
        var seeds = await Task.WhenAll(
            HealthGraphProcess.RunAsync(TimeSpan.FromMinutes(3), ["seed", .. SeedOptions, .. server.CommandLineSettings]),
            HealthGraphProcess.RunAsync(TimeSpan.FromMinutes(3), ["seed", .. SeedOptions, $"--Sqlite:Path={sqlitePath}"]));
        foreach (var seed in seeds)
        {
            using (seed)
            {
                Assert.True(seed.ExitCode == 0, seed.Output);
            }
        }

        _neo4j = new StoreApp(server.Settings);
        _sqlite = new StoreApp(new Dictionary<string, string> { ["Sqlite:Path"] = sqlitePath });
    }

    public void Dispose()
    {
        _neo4j?.Dispose();
        _sqlite?.Dispose();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static IReadOnlyDictionary<string, string> Documents => ShippedDocuments.ByOperation;

    [Fact]
    public void EveryShippedDocumentHasCases()
    {
        Assert.Equal(Documents.Keys.Order(StringComparer.Ordinal), Cases.Keys.Order(StringComparer.Ordinal));
        Assert.All(Cases.Values, cases => Assert.NotEmpty(cases));
    }

    [Fact]
    public async Task EveryShippedDocumentGivesTheSameAnswerFromBothStores()
    {
        await LoadBothStoresAsync();
        var differences = new List<string>();
        foreach (var (operation, cases) in Cases.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            foreach (var variables in cases)
            {
                var timer = System.Diagnostics.Stopwatch.StartNew();
                var sqlite = await AnswerAsync(_sqlite!, operation, variables);
                var sqliteTime = timer.Elapsed;
                timer.Restart();
                var neo4j = await AnswerAsync(_neo4j!, operation, variables);
                output.WriteLine($"{operation} {variables}: SQLite {sqliteTime.TotalMilliseconds:F0} ms, Neo4j {timer.Elapsed.TotalMilliseconds:F0} ms");
                if (Difference(sqlite, neo4j, "$") is { } difference)
                {
                    differences.Add($"{operation} {variables}: {difference}");
                }
                else if (operation == "Deliverables" && (string?)sqlite["data"]?["deliverables"]?["pageInfo"]?["endCursor"] is { } cursor)
                {
                    // The next page, after the cursor each store gave: the cursors must work alike too.
                    var next = JsonNode.Parse(variables)!.AsObject();
                    next["after"] = cursor;
                    if (Difference(await AnswerAsync(_sqlite!, operation, next.ToJsonString()), await AnswerAsync(_neo4j!, operation, next.ToJsonString()), "$") is { } nextDifference)
                    {
                        differences.Add($"{operation} {next.ToJsonString()}: {nextDifference}");
                    }
                }
            }
        }

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    private static async Task<JsonNode> AnswerAsync(StoreApp app, string operation, string variables)
    {
        var json = await app.QueryAsync(Documents[operation], JsonSerializer.Deserialize<JsonElement>(variables));
        Assert.True(json["errors"] is null, $"{operation} {variables}: {json["errors"]?.ToJsonString()}");
        return Comparable(json["data"]!, operation, variables);
    }

    /// <summary>The answer with what may differ set aside: write times, and search hits' scores and order.</summary>
    private static JsonNode Comparable(JsonNode data, string operation, string variables)
    {
        var copy = data.DeepClone();
        foreach (var audit in Objects(copy).Where(o => o.ContainsKey("createdAt") && o.ContainsKey("updatedAt")).ToList())
        {
            Assert.True(DateTimeOffset.TryParse((string?)audit["createdAt"], System.Globalization.CultureInfo.InvariantCulture, out _), audit.ToJsonString());
            audit["createdAt"] = "(write time)";
            audit["updatedAt"] = "(write time)";
        }

        if (copy["search"] is JsonArray hits)
        {
            var first = JsonNode.Parse(variables)?["first"]?.GetValue<int>() ?? 20;
            Assert.True(hits.Count < first, $"{operation} {variables} finds {hits.Count} hits or more: ask for more, so that the whole set is compared.");
            var sorted = hits.Select(h => h!.DeepClone().AsObject()).OrderBy(h => (string?)h["entity"]!["id"], StringComparer.Ordinal).ToList();
            sorted.ForEach(h => h.Remove("score"));
            copy["search"] = new JsonArray([.. sorted]);
        }

        return copy;
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).SelectMany(Objects).Prepend(o),
        JsonArray a => a.SelectMany(Objects),
        _ => [],
    };

    /// <summary>Where two answers first differ, with both values; null when they are the same.</summary>
    private static string? Difference(JsonNode? sqlite, JsonNode? neo4j, string path)
    {
        switch (sqlite, neo4j)
        {
            case (JsonObject a, JsonObject b) when a.Select(p => p.Key).SequenceEqual(b.Select(p => p.Key)):
                return a.Select(p => Difference(p.Value, b[p.Key], $"{path}.{p.Key}")).FirstOrDefault(d => d is not null);
            case (JsonArray a, JsonArray b) when a.Count == b.Count:
                return a.Select((item, i) => Difference(item, b[i], $"{path}[{i}]")).FirstOrDefault(d => d is not null);
            default:
                return JsonNode.DeepEquals(sqlite, neo4j) ? null : $"at {path}, SQLite has {Clip(sqlite)} and Neo4j {Clip(neo4j)}";
        }
    }

    private static string Clip(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 300 ? text[..300] + "…" : text;
    }

    /// <summary>
    /// The API over one store, without first-run seeding (the seed command loaded it). The answers are compared, not
    /// timed: how fast Neo4j answers at scale is measured by the benchmarks, so the execution timeout is a minute here.
    /// </summary>
    private sealed class StoreApp(IReadOnlyDictionary<string, string> settings) : HealthGraphApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
            settings.Append(KeyValuePair.Create("HealthGraph:SeedOnFirstRun", "false"))
                .Append(KeyValuePair.Create("GraphQL:Limits:ExecutionTimeout", "00:01:00"));

        protected override bool CountsStoreCalls => false;
    }
}

/// <summary>The parity on the shipped seed data.</summary>
[Collection(Neo4jTests.Name)]
[Trait(Neo4jTests.Category, Neo4jTests.Name)]
public sealed class StoreParityOnTheSeed(Neo4jServerFixture server, ITestOutputHelper output) : StoreParityTests(server, output)
{
    protected override string[] SeedOptions => [];

    protected override IReadOnlyDictionary<string, string[]> Cases { get; } = new Dictionary<string, string[]>
    {
        ["AlignmentMatrix"] = ["{}", """{"level":"TARGET"}""", """{"level":"GOAL","basis":"STATED"}"""],
        ["Connections"] = ["""{"from":"iom","to":"sdg-target-1.3","maxHops":6}""", """{"from":"who","to":"ilo"}""", """{"from":"who","to":"sdg-goal-8","maxHops":2}""", """{"from":"who","to":"who"}"""],
        ["Deliverables"] =
        [
            """{"first":100}""",
            """{"where":{"agency":{"eq":"who"}},"orderBy":[{"field":"YEAR","direction":"DESC"},{"field":"TITLE"}],"first":7}""",
            """{"where":{"status":{"in":["ON_TRACK","ACHIEVED"]}},"orderBy":[{"field":"STATUS"}],"first":5}""",
            """{"where":{"not":{"status":{"eq":"ON_TRACK"}}},"first":100}""",
            """{"where":{"title":{"contains":"health"},"year":{"gte":2020}},"first":100}""",
            """{"where":{"alignedWith":{"eq":"sdg-target-3.8"}},"first":100}""",
        ],
        ["Entity"] = ["""{"id":"who"}""", """{"id":"who-jar-2017"}""", """{"id":"sdg-target-3.8"}""", """{"id":"no-such-entity"}"""],
        ["GoalCoverage"] = ["""{"goal":"3"}""", """{"goal":"8","basis":"STATED"}""", """{"goal":"1","first":1}""", """{"goal":"17"}"""],
        ["Neighbourhood"] = ["""{"id":"ilo"}""", """{"id":"sdg-goal-3","first":5}""", """{"id":"health-workforce"}""", """{"id":"no-such-entity"}"""],
        ["OverlapMatrix"] = ["{}", """{"dimension":"THEME"}""", """{"dimension":"COUNTERPART","basis":"STATED"}""", """{"dimension":"OUTCOME","first":2}""", """{"dimension":"GOAL"}"""],
        ["PartnerOverlaps"] = ["{}", """{"agencyIds":["who","iom"]}""", """{"basis":"STATED"}""", """{"agencyIds":["who","no-such-agency"]}"""],
        ["Portfolio"] = ["""{"agencyId":"who"}""", """{"agencyId":"ilo"}""", """{"agencyId":"iom"}"""],
        ["PotentialPartners"] = ["""{"agencyId":"who"}""", """{"agencyId":"ilo","basis":"STATED"}""", """{"agencyId":"iom"}"""],
        ["Search"] =
        [
            """{"text":"health workforce","first":100}""", """{"text":"migration","kinds":["DELIVERABLE"],"first":100}""", """{"text":"Tajikistan","first":100}""",
            """{"text":"8.3","first":100}""", """{"text":"social prot","first":100}""", """{"text":"Reforme","first":100}""",
        ],
        ["ExplorerConnections"] = ["""{"from":"iom","to":"sdg-target-1.3","maxHops":4}"""],
        ["ExplorerEntity"] = ["""{"id":"who","first":50}""", """{"id":"european-union","first":50}""", """{"id":"ilo-tjk128","first":50}"""],
        ["ExplorerGoalContributions"] = ["""{"goal":"3","first":100}""", """{"goal":"8","basis":"STATED","first":100}"""],
        ["ExplorerGoalCoverage"] = ["""{"goal":"3","first":10}""", """{"goal":"8","basis":"STATED","first":10}"""],
        ["ExplorerGoals"] = ["{}"],
        ["ExplorerNeighbourhood"] = ["""{"id":"who","first":50}""", """{"id":"sdg-target-3.8","first":50}"""],
        ["ExplorerOverlapMatrix"] = ["""{"dimension":"TARGET","first":25}""", """{"dimension":"THEME","basis":"STATED","first":25}""", """{"dimension":"THEME","first":25,"period":{"from":"2021","to":"2021"}}"""],
        ["ExplorerPairOverlap"] = ["""{"agencyIds":["who","ilo"]}""", """{"agencyIds":["who","iom"],"basis":"INFERRED"}""", """{"agencyIds":["ilo","who"],"period":{"from":"2021"}}"""],
        ["ExplorerRegionCoverage"] = ["""{"country":"place-tjk","agencies":10}""", """{"country":"place-kazakhstan","agencies":0}""", """{"country":"place-tjk","agencies":10,"period":{"to":"2021"}}"""],
        ["ExplorerRegionWork"] = ["""{"region":"place-3505000","period":null,"first":25}""", """{"region":"place-tjk","period":{"from":"2021","to":"2021"},"first":25}"""],
        ["ExplorerSearch"] = ["""{"text":"health","first":100}"""],
        ["ExplorerViewer"] = ["{}"],
        ["ExplorerDocumentText"] = ["""{"id":"who-uhcp-tajikistan"}"""],
    };
}

/// <summary>The parity on the seed with a synthetic portfolio of 10,000 deliverables (seed --synthetic 10000).</summary>
[Collection(Neo4jTests.Name)]
[Trait(Neo4jTests.Category, Neo4jTests.Name)]
public sealed class StoreParityOnTenThousandDeliverables(Neo4jServerFixture server, ITestOutputHelper output) : StoreParityTests(server, output)
{
    protected override string[] SeedOptions => ["--synthetic", "10000"];

    protected override IReadOnlyDictionary<string, string[]> Cases { get; } = new Dictionary<string, string[]>
    {
        ["AlignmentMatrix"] = ["{}", """{"level":"TARGET","basis":"INFERRED"}"""],
        ["Connections"] = ["""{"from":"syn-agency-01","to":"syn-agency-02"}""", """{"from":"syn-deliverable-00001","to":"who","maxHops":6}"""],
        ["Deliverables"] =
        [
            """{"first":100}""",
            """{"where":{"agency":{"in":["syn-agency-03","syn-agency-04"]}},"orderBy":[{"field":"YEAR","direction":"DESC"},{"field":"STATUS"}],"first":50}""",
            """{"where":{"alignedWith":{"eq":"sdg-target-3.8"},"year":{"lt":2022}},"orderBy":[{"field":"TITLE","direction":"DESC"}],"first":20}""",
        ],
        ["Entity"] = ["""{"id":"syn-deliverable-00042"}""", """{"id":"syn-agency-01"}"""],
        ["GoalCoverage"] = ["""{"goal":"3"}""", """{"goal":"8","basis":"INFERRED","first":3}"""],
        ["Neighbourhood"] = ["""{"id":"syn-agency-02"}""", """{"id":"sdg-target-3.8","first":100}""", """{"id":"syn-outcome-0001"}"""],
        ["OverlapMatrix"] = ["{}", """{"dimension":"THEME","first":10}""", """{"dimension":"COUNTERPART"}"""],
        ["PartnerOverlaps"] = ["""{"agencyIds":["syn-agency-01","syn-agency-02","who"]}"""],
        ["Portfolio"] = ["""{"agencyId":"syn-agency-05"}"""],
        ["PotentialPartners"] = ["""{"agencyId":"syn-agency-01"}""", """{"agencyId":"who","basis":"INFERRED"}"""],
        ["Search"] = ["""{"text":"syn-deliverable-00042","first":100}""", """{"text":"health workforce strategy","first":100}"""],
        ["ExplorerConnections"] = ["""{"from":"syn-agency-03","to":"sdg-goal-3","maxHops":4}"""],
        ["ExplorerEntity"] = ["""{"id":"syn-agency-01","first":50}"""],
        ["ExplorerGoalContributions"] = ["""{"goal":"3","first":100}"""],
        ["ExplorerGoalCoverage"] = ["""{"goal":"3","first":10}"""],
        ["ExplorerGoals"] = ["{}"],
        ["ExplorerNeighbourhood"] = ["""{"id":"syn-deliverable-00007","first":50}"""],
        ["ExplorerOverlapMatrix"] = ["""{"dimension":"TARGET","first":25}""", """{"dimension":"REGION","first":25,"period":{"from":"2025","to":"2025"}}"""],
        ["ExplorerPairOverlap"] = ["""{"agencyIds":["syn-agency-01","syn-agency-02"]}""", """{"agencyIds":["syn-agency-01","syn-agency-02"],"period":{"from":"2024","to":"2025"}}"""],
        ["ExplorerRegionCoverage"] = ["""{"country":"place-tjk","agencies":10}""", """{"country":"place-tjk","agencies":10,"period":{"from":"2025","to":"2025"}}"""],
        ["ExplorerRegionWork"] = ["""{"region":"place-3507000","period":{"from":"2025","to":"2025"},"first":25}""", """{"region":"place-3505000","period":null,"first":100}"""],
        ["ExplorerSearch"] = ["""{"text":"syn agency 01","first":100}"""],
        ["ExplorerViewer"] = ["{}"],
        ["ExplorerDocumentText"] = ["""{"id":"ilo-tjk128-2021"}"""],
    };
}
