using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQLParser.AST;
using HealthGraph.Api;
using HealthGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Snapshooter.Xunit;

namespace HealthGraph.Tests.Api;

/// <summary>
/// The contract front ends build on: the served schema is the approved SDL, described throughout, and the shipped
/// documents run against it. Representative answers are snapshotted, so any change to them is reviewed.
/// </summary>
public sealed class SchemaContractTests(HealthGraphApp app) : IClassFixture<HealthGraphApp>
{
    private string ServedSdl => ApiExtensions.PrintSchema(app.Services.GetRequiredService<HealthGraphSchema>());

    [Fact]
    public async Task TheServedSchemaIsTheApprovedSdl()
    {
        var approved = (await File.ReadAllTextAsync(RepositoryFiles.PathOf("schema", "healthgraph.graphql"))).ReplaceLineEndings("\n");

        Assert.True(approved == ServedSdl,
            "The served schema differs from schema/healthgraph.graphql. If the change is intended, review it and update the file " +
            "(curl http://localhost:5000/graphql/schema.graphql > schema/healthgraph.graphql).");
    }

    [Fact]
    public void EveryTypeFieldArgumentAndEnumValueIsDescribed()
    {
        var document = GraphQLParser.Parser.Parse(ServedSdl);
        var missing = new List<string>();

        void Check(IHasDescriptionNode node, string name)
        {
            if (node.Description is null || node.Description.Value.Length == 0)
            {
                missing.Add(name);
            }
        }

        foreach (var definition in document.Definitions.OfType<GraphQLTypeDefinition>())
        {
            Check(definition, definition.Name.StringValue);
            var fields = definition switch
            {
                GraphQLObjectTypeDefinition o => o.Fields?.Items.Select(f => (f.Name.StringValue, (IHasDescriptionNode)f, f.Arguments?.Items)),
                GraphQLInterfaceTypeDefinition i => i.Fields?.Items.Select(f => (f.Name.StringValue, (IHasDescriptionNode)f, f.Arguments?.Items)),
                GraphQLInputObjectTypeDefinition i => i.Fields?.Items.Select(f => (f.Name.StringValue, (IHasDescriptionNode)f, (List<GraphQLInputValueDefinition>?)null)),
                GraphQLEnumTypeDefinition e => e.Values?.Items.Select(v => (v.Name.StringValue, (IHasDescriptionNode)v, (List<GraphQLInputValueDefinition>?)null)),
                _ => null,
            };
            foreach (var (name, node, arguments) in fields ?? [])
            {
                Check(node, $"{definition.Name.StringValue}.{name}");
                foreach (var argument in arguments ?? [])
                {
                    Check(argument, $"{definition.Name.StringValue}.{name}({argument.Name.StringValue})");
                }
            }
        }

        Assert.Empty(missing);
    }

    public static TheoryData<string, string> Documents => new()
    {
        { "AlignmentMatrix", "{}" },
        { "Connections", """{"from":"iom","to":"sdg-target-1.3","maxHops":6}""" },
        { "Deliverables", """{"where":{"agency":{"eq":"who"}},"first":5}""" },
        { "Entity", """{"id":"ilo-tjk128"}""" },
        { "GoalCoverage", """{"goal":"8"}""" },
        { "Neighbourhood", """{"id":"ilo"}""" },
        { "OverlapMatrix", """{"dimension":"THEME"}""" },
        { "PartnerOverlaps", "{}" },
        { "Portfolio", """{"agencyId":"who"}""" },
        { "PotentialPartners", """{"agencyId":"who"}""" },
        { "Search", """{"text":"social protection"}""" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task EveryShippedDocumentRunsWithoutErrors(string name, string variables)
    {
        var text = await File.ReadAllTextAsync(RepositoryFiles.PathOf("schema", "documents", $"{name}.graphql"));

        var data = await app.DataAsync(text, JsonSerializer.Deserialize<JsonObject>(variables));

        Assert.NotEmpty(data.AsObject());
    }

    [Fact]
    public async Task GraphiQLsDefaultQueryRunsWithoutErrors()
    {
        var data = await app.DataAsync(HealthGraph.Web.GraphiQL.GraphiQLEndpoints.DefaultQuery);

        Assert.NotEmpty(data["partnerOverlaps"]!["nodes"]!.AsArray());
    }

    [Fact]
    public void EveryShippedDocumentHasAnExampleInThisTest() =>
        Assert.Equal(
            Directory.EnumerateFiles(RepositoryFiles.PathOf("schema", "documents"), "*.graphql").Select(Path.GetFileNameWithoutExtension).Order(),
            Documents.Select(d => (string)d[0]).Order());

    [Fact]
    public async Task Goal8CoverageAnswerMatchesItsSnapshot()
    {
        var name = Snapshot.FullName();
        var data = await app.DataAsync(await File.ReadAllTextAsync(RepositoryFiles.PathOf("schema", "documents", "GoalCoverage.graphql")), new { goal = "8" });

        Snapshot.Match(Indented(data), name);
    }

    [Fact]
    public async Task WhoIloIomOverlapsAnswerMatchesItsSnapshot()
    {
        var name = Snapshot.FullName();
        var data = await app.DataAsync(await File.ReadAllTextAsync(RepositoryFiles.PathOf("schema", "documents", "PartnerOverlaps.graphql")));

        Snapshot.Match(Indented(data), name);
    }

    [Fact]
    public async Task IlosPortfolioAnswerMatchesItsSnapshot()
    {
        var name = Snapshot.FullName();
        var data = await app.DataAsync(await File.ReadAllTextAsync(RepositoryFiles.PathOf("schema", "documents", "Portfolio.graphql")), new { agencyId = "ilo" });

        Snapshot.Match(Indented(data), name);
    }

    private static string Indented(JsonNode node) =>
        node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
