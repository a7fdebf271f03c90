using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using HealthGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGraph.Tests.Api;

/// <summary>
/// Every shipped document (the examples in schema/documents and the explorer's) uses the current shapes: no field,
/// argument or input field it asks for is deprecated, so a deprecation moves the documents in the same change.
/// </summary>
public sealed class ShippedDocumentShapeTests(HealthGraphApp app) : IClassFixture<HealthGraphApp>
{
    [Fact]
    public async Task NoShippedDocumentAsksForADeprecatedFieldArgumentOrInputField()
    {
        var schema = app.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var used = new List<string>();
        foreach (var (operation, text) in ShippedDocuments.All.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var document = GraphQLParser.Parser.Parse(text);
            // Only this rule: the documents' validity with their variables is tested where they run (StoreParityTests).
            await new DocumentValidator().ValidateAsync(new ValidationOptions
            {
                Schema = schema,
                Document = document,
                Rules = [new DeprecatedUses(what => used.Add($"{operation}: {what}"))],
                Operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single(),
                Variables = Inputs.Empty,
                Extensions = Inputs.Empty,
                UserContext = new Dictionary<string, object?>(),
                RequestServices = app.Services,
            });
        }

        Assert.True(ShippedDocuments.All.Count >= 15, $"{ShippedDocuments.All.Count} documents");
        Assert.True(used.Count == 0, string.Join(Environment.NewLine, used));
    }

    [Fact]
    public async Task TheCheckFindsADeprecatedField()
    {
        var schema = app.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var used = new List<string>();
        var document = GraphQLParser.Parser.Parse("""query Old { agency(id: "who") { id memberStateSince } sdgTargets(where: { goalCode: { eq: "1" } }) { items { id } } }""");

        await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Rules = [new DeprecatedUses(used.Add)],
            Operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single(),
            Variables = Inputs.Empty,
            Extensions = Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
            RequestServices = app.Services,
        });

        Assert.Equal(["Query.agency", "Organization.memberStateSince", "SdgTargetFilter.goalCode", "SdgTargetConnection.items"], used);
    }

    /// <summary>Reports each deprecated field, argument and input field a document asks for.</summary>
    private sealed class DeprecatedUses(Action<string> report) : ValidationRuleBase
    {
        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
            new(new NodeVisitors(
                new MatchingNodeVisitor<GraphQLField>((field, validation) =>
                {
                    if (validation.TypeInfo.GetFieldDef() is { DeprecationReason: not null } definition)
                    {
                        report($"{validation.TypeInfo.GetParentType()?.GetNamedType().Name}.{definition.Name}");
                    }
                }),
                new MatchingNodeVisitor<GraphQLArgument>((argument, validation) =>
                {
                    if (validation.TypeInfo.GetArgument() is { DeprecationReason: not null } definition)
                    {
                        report($"argument {definition.Name}");
                    }
                }),
                new MatchingNodeVisitor<GraphQLObjectField>((field, validation) =>
                {
                    if (validation.TypeInfo.GetInputType(1)?.GetNamedType() is IInputObjectGraphType input
                        && input.GetField(field.Name.StringValue) is { DeprecationReason: not null } definition)
                    {
                        report($"{input.Name}.{definition.Name}");
                    }
                })));
    }
}
