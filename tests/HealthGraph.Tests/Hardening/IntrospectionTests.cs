using System.Text.Json.Nodes;
using HealthGraph.Api;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGraph.Tests.Hardening;

/// <summary>
/// The standard tools' introspection (graphql-js's getIntrospectionQuery with every option on: what GraphiQL, GraphQL
/// Code Generator, IDE plugins, Postman and Insomnia send) answers in full under the production limits, while
/// introspection cannot be used to make the server work: it is priced by the schema it reads.
/// </summary>
public sealed class IntrospectionTests(HealthGraphApp app) : IClassFixture<HealthGraphApp>
{
    private static string StandardQuery => File.ReadAllText(RepositoryFiles.PathOf("tests", "HealthGraph.Tests", "Hardening", "StandardIntrospection.graphql"));

    [Fact]
    public async Task TheStandardIntrospectionQueryWithEveryOptionAnswersInFull_ForASmallPrice()
    {
        var json = await app.QueryAsync(StandardQuery);

        Assert.Null(json["errors"]);
        var schema = json["data"]!["__schema"]!;
        var sdl = GraphQLParser.Parser.Parse(ApiExtensions.PrintSchema(app.Services.GetRequiredService<HealthGraphSchema>()));
        var named = sdl.Definitions.OfType<GraphQLParser.AST.GraphQLTypeDefinition>().Select(d => d.Name.StringValue).ToHashSet(StringComparer.Ordinal);
        var types = schema["types"]!.AsArray().Select(t => (string)t!["name"]!).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(types, named);
        Assert.All(schema["types"]!.AsArray(), t => Assert.Null(t!["specifiedByURL"]));
        Assert.All(schema["directives"]!.AsArray(), d => Assert.NotNull(d!["isRepeatable"]));
        Assert.Contains(schema["directives"]!.AsArray(), d => (string?)d!["name"] == "deprecated" && d["args"]!.AsArray().Count == 1);
        Assert.False(string.IsNullOrEmpty((string?)schema["description"]));

        var price = (double)json["extensions"]!["cost"]!["requested"]!;
        Assert.InRange(price, 1, new GraphQLLimits().MaxComplexity / 100.0);
    }

    [Fact]
    public async Task DeprecatedArgumentsAreListedOnlyWhenAskedFor()
    {
        var data = await app.DataAsync("""
            { __schema { directives { name all: args(includeDeprecated: true) { name } current: args { name } } }
              __type(name: "Query") { fields { name args(includeDeprecated: true) { name isDeprecated } } } }
            """);

        Assert.All(data["__schema"]!["directives"]!.AsArray(), d => Assert.Equal(d!["all"]!.ToJsonString(), d["current"]!.ToJsonString()));
        Assert.NotEmpty(data["__type"]!["fields"]!.AsArray());
    }

    [Fact]
    public async Task IntrospectionIsPricedByTheSchemaItReads_EachCopyAddsUp()
    {
        const string Copy = "__schema { types { fields { args { type { name } } type { name } } } }";
        static string Copies(int n) => "{ " + string.Join(' ', Enumerable.Range(0, n).Select(i => $"s{i}: {Copy}")) + " }";

        var one = await app.QueryAsync("{ " + Copy + " }");
        var ten = await app.QueryAsync(Copies(10));
        var price = (double)one["extensions"]!["cost"]!["requested"]!;
        using var strict = new HealthGraphApp { With = { ["GraphQL:Limits:MaxComplexity"] = ((int)(price * 3)).ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        using var refused = await strict.PostAsync(Copies(4));
        var four = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;

        Assert.True(price > 100, $"the whole schema's types and fields cost more than a field ({price})");
        Assert.InRange((double)ten["extensions"]!["cost"]!["requested"]!, 10 * price - 10, 10 * price + 10);
        Assert.Equal("QUERY_TOO_COMPLEX", (string?)four["errors"]![0]!["extensions"]!["code"]);
    }
}
