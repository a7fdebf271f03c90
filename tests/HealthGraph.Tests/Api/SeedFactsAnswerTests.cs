using System.Text.Json.Nodes;
using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGraph.Tests.Api;

/// <summary>
/// Every fact of the seed answers through the API: for each property that an entity of the seed holds, the field that
/// shows it answers a value (not null, not an empty list) for that entity. A property no field shows fails the test by
/// name, so a fact added to the seed cannot stay unanswerable (as IOM's membership date and staff count once were).
/// </summary>
public sealed class SeedFactsAnswerTests(HealthGraphApp app) : IClassFixture<HealthGraphApp>
{
    /// <summary>Per label: the GraphQL type, and per stored property the selection that shows it.</summary>
    private static readonly Dictionary<string, (string Type, Dictionary<string, string> Fields)> s_answeredBy = new(StringComparer.Ordinal)
    {
        [NodeLabels.Deliverable] = ("Deliverable", new()
        {
            ["country"] = "country",
            ["items"] = "items",
            ["kind"] = "deliverableKind",
            ["status"] = "status",
            ["statusLabel"] = "statusLabel",
            ["title"] = "title",
            ["year"] = "year",
            ["periodStart"] = "periodStart",
            ["periodEnd"] = "periodEnd",
        }),
        [NodeLabels.Document] = ("Document", new()
        {
            ["description"] = "description",
            ["file"] = "file",
            ["kind"] = "documentKind",
            ["language"] = "language",
            ["publisherName"] = "publisherName",
            ["text"] = "text",
            ["title"] = "title",
        }),
        [NodeLabels.Indicator] = ("Indicator", new() { ["code"] = "code", ["title"] = "title", ["description"] = "description" }),
        [NodeLabels.Organization] = ("Organization", new()
        {
            ["activeProjectCount"] = "activeProjectCount",
            ["aliases"] = "aliases",
            ["kind"] = "organizationKind",
            ["memberStateSince"] = "memberStateDate { year }",
            ["name"] = "name",
            ["note"] = "note",
            ["roleConfirmedBy"] = "roles { confirmedBy }",
            ["roleDocuments"] = "roles { provenance { document { id } } }",
            ["roles"] = "roles { role }",
            ["shortName"] = "shortName",
            ["staffCount"] = "staff { value }",
            ["thematicServiceAreaCount"] = "thematicServiceAreaCount",
        }),
        [NodeLabels.Outcome] = ("Outcome", new()
        {
            ["code"] = "code",
            ["description"] = "description",
            ["level"] = "level",
            ["partnership"] = "partnership",
            ["statement"] = "statement",
            ["status"] = "status",
            ["statusLabel"] = "statusLabel",
            ["year"] = "year",
            ["periodStart"] = "periodStart",
            ["periodEnd"] = "periodEnd",
        }),
        [NodeLabels.ResultsFramework] = ("ResultsFramework", new() { ["description"] = "description", ["name"] = "name", ["note"] = "note" }),
        [NodeLabels.SdgGoal] = ("SdgGoal", new() { ["code"] = "code", ["shortName"] = "shortName", ["title"] = "title" }),
        [NodeLabels.SdgTarget] = ("SdgTarget", new() { ["code"] = "code", ["goalCode"] = "goal { code }", ["title"] = "title" }),
        [NodeLabels.SdgIndicator] = ("SdgIndicator", new()
        {
            ["code"] = "code",
            ["repeatOf"] = "repeatOf",
            ["targetCode"] = "target { code }",
            ["title"] = "title",
            ["unsdCode"] = "unsdCode",
        }),
        [NodeLabels.Theme] = ("Theme", new() { ["description"] = "description", ["language"] = "language", ["name"] = "name", ["originalLabel"] = "originalLabel" }),
    };

    /// <summary>Stored properties that are not facts of a source, with where they show instead.</summary>
    private static readonly Dictionary<string, string> s_notFacts = new(StringComparer.Ordinal)
    {
        ["position"] = "the framework's order, which the SDG lists' FRAMEWORK_ORDER gives",
    };

    [Fact]
    public async Task EveryPropertyOfEverySeedEntityAnswersThroughItsField()
    {
        await app.DataAsync("{ statistics { entityCount } }"); // the host has started and seeded its store
        var store = app.Services.GetRequiredService<IGraphStore>();
        var unanswered = new List<string>();
        var checkedFacts = 0;
        foreach (var (label, (type, fields)) in s_answeredBy)
        {
            var nodes = new List<GraphNode>();
            NodeKey? after = null;
            NodePage page;
            do
            {
                page = await store.ListNodesAsync(new NodeListQuery(label, First: 100, After: after));
                nodes.AddRange(page.Nodes);
                after = page.Nodes.Count > 0 ? NodeKey.Of(page.Nodes[^1], []) : null;
            }
            while (page.HasNextPage);

            foreach (var property in nodes.SelectMany(n => n.Properties.Keys).Distinct().Where(p => !s_notFacts.ContainsKey(p)).Where(p => !fields.ContainsKey(p)))
            {
                unanswered.Add($"{label}.{property}: no field shows it");
            }

            foreach (var chunk in nodes.Chunk(50))
            {
                var selection = string.Join(" ", fields.Select(f => $"{Alias(f.Key)}: {f.Value}"));
                var answers = (await app.DataAsync(
                    $"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ id ... on {type} {{ {selection} }} }} }}",
                    new { ids = chunk.Select(n => n.Id).ToArray() }))["nodes"]!.AsArray();
                foreach (var (node, answer) in chunk.Zip(answers))
                {
                    foreach (var property in node.Properties.Keys.Where(fields.ContainsKey))
                    {
                        checkedFacts++;
                        if (IsEmpty(answer![Alias(property)]))
                        {
                            unanswered.Add($"{node.Id}.{property} = {node.Properties[property]}: {type}.{fields[property]} answers {answer[Alias(property)]?.ToJsonString() ?? "null"}");
                        }
                    }
                }
            }
        }

        Assert.True(unanswered.Count == 0, string.Join(Environment.NewLine, unanswered));
        Assert.True(checkedFacts > 1_500, $"only {checkedFacts} facts checked");
    }

    private static string Alias(string property) => $"p_{property}";

    /// <summary>Null, an empty list, or an object or list all of whose leaves are null or empty.</summary>
    private static bool IsEmpty(JsonNode? answer) => answer switch
    {
        null => true,
        JsonArray list => list.Count == 0 || list.All(IsEmpty),
        JsonObject map => map.All(p => IsEmpty(p.Value)),
        JsonValue value => value.TryGetValue<string>(out var text) && text.Length == 0,
        _ => false,
    };
}
