using System.Reflection;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace HealthGraph.Benchmarks;

/// <summary>
/// One measured GraphQL request: its document, its variables (request n sends <c>Variables[n % Count]</c>, so a
/// mutation can change something every time) and whether it needs the editor's key.
/// </summary>
public sealed record Operation(string Name, string Query, IReadOnlyList<object> Variables, bool AsEditor = false);

/// <summary>
/// The five operations of the benchmark, with ids and words that exist both in the shipped seed data and in a large
/// synthetic store (which keeps the seed's agencies, SDG framework and themes).
/// </summary>
public static class Operations
{
    /// <summary>The deliverable the mutation writes, under WHO; its title changes on every request, so each one writes.</summary>
    public const string MutatedDeliverableId = "bench-who-deliverable";

    public static Operation NodeLookup { get; } = new("node lookup", Document("Entity"), [new { id = "who" }]);

    public static Operation FilteredList { get; } = new("filtered list", Document("Deliverables"), [new
    {
        where = new { agency = new { eq = "who" } },
        orderBy = new[] { new { field = "TITLE" } },
        first = 20,
    }]);

    public static Operation Dashboard { get; } = new("dashboard", Merge("Dashboard", Document("OverlapMatrix"), Document("GoalCoverage")), [new { goal = "8" }]);

    public static Operation Search { get; } = new("search", Document("Search"), [new { text = "health workforce" }]);

    /// <summary>An upsert of one deliverable under WHO; the title alternates, so every request writes (and logs a change).</summary>
    public static Operation Mutation { get; } = new("mutation", $$"""
        mutation Upsert($title: String!) {
          upsertDeliverable(input: {
            id: "{{MutatedDeliverableId}}", agencyId: "who", title: $title, kind: ACTIVITY, status: IMPLEMENTATION, year: 2025,
            themeIds: ["health-workforce"], source: { basis: INFERRED, reason: "Written by the benchmark." }
          }) { created changed deliverable { id title status deliveredBy { nodes { id } } } }
        }
        """, [new { title = "Benchmark deliverable A" }, new { title = "Benchmark deliverable B" }], AsEditor: true);

    /// <summary>The least GraphQL request: nothing but the pipeline around it (parse, validate, execute, serialize, HTTP).</summary>
    public static Operation Typename { get; } = new("{ __typename }", "{ __typename }", [new { }]);

    /// <summary>One row read by its key and two of its fields: the least a request asks of the store.</summary>
    public static Operation OneRowLookup { get; } = new("one-row lookup", """{ sdgTarget(code: "8.3") { code title } }""", [new { }]);

    /// <summary>In the order they run: the mutation last, so the reads see the store as it was given.</summary>
    public static IReadOnlyList<Operation> All { get; } = [NodeLookup, FilteredList, Dashboard, Search, Mutation];

    /// <summary>A shipped document of <c>schema/documents/</c>.</summary>
    public static string Document(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"documents/{name}.graphql")
            ?? throw new InvalidOperationException($"schema/documents/{name}.graphql is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>One operation that asks what each of the given single-operation documents asks (variables merged by name).</summary>
    public static string Merge(string name, params string[] documents)
    {
        var operations = documents.Select(d => Parser.Parse(d).Definitions.OfType<GraphQLOperationDefinition>().Single()).ToList();
        var variables = operations.SelectMany(o => o.Variables?.Items ?? []).DistinctBy(v => v.Variable.Name.StringValue).ToList();
        var merged = new GraphQLOperationDefinition(new GraphQLSelectionSet([.. operations.SelectMany(o => o.SelectionSet.Selections)]))
        {
            Operation = OperationType.Query,
            Name = new GraphQLName(name),
            Variables = variables.Count > 0 ? new GraphQLVariablesDefinition(variables) : null,
        };
        return new SDLPrinter().Print(new GraphQLDocument([merged]));
    }
}
