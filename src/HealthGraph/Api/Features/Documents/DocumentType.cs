using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Engine.Relay;
using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Organizations;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Documents;

/// <summary>A source document.</summary>
public sealed class DocumentType : EntityType
{
    public DocumentType()
        : base(NodeLabels.Document, "Document", "A source document that the graph's facts are taken from, such as an agency's web page or the official SDG framework.")
    {
        RequiredText("title", "The document's title.");
        Text("file", "The file it is kept in, in the seed data (for an imported IATI file: the path it was imported from).");
        Code<DocumentKindEnum>("documentKind", "What kind of source it is.", "kind", required: true);
        Text("language", "Its main language (ISO 639-1).");
        Text("publisherName", "The publisher, as the document names it.");
        Text("description", "What the document is.");
        Text("text", "The full text, for web pages kept as text (null for data sets).");
        Text("url", "Where it is published (for a document an editor added).");
        RelatedOne<OrganizationType>("publisher", "The organization that publishes it.", RelationshipTypes.PublishedBy, Direction.Outgoing);
        Field<NonNullGraphType<DocumentFactsType>>("facts")
            .Description("Everything the graph takes from this document: the entities and relationships whose source it is, a page at a time.")
            .Resolve(c => c.Source.Id);
    }
}

/// <summary>What the graph takes from one document (the source is the document's id).</summary>
public sealed class DocumentFactsType : ObjectGraphType<string>
{
    public DocumentFactsType()
    {
        Name = "DocumentFacts";
        Description = "The facts a document is the source of.";
        Field<NonNullGraphType<EntityConnectionType<EntityInterface>>>("entities")
            .Description($"The entities whose source it is, by id, a page at a time (at most {NodeConnections.MaxPageSize} per page, {NodeConnections.DefaultPageSize} by default).")
            .FirstArgument("entities", NodeConnections.DefaultPageSize, NodeConnections.MaxPageSize)
            .Argument<StringGraphType>("after", "The cursor (pageInfo.endCursor) to page on from.")
            .WithComplexityImpact(c => Engine.Execution.Complexity.EveryEntity(c) with { ChildImpactMultiplier = Engine.Execution.Complexity.PageSize(c, NodeConnections.DefaultPageSize) })
            .ResolveAsync(async c =>
            {
                var signature = $"facts:{c.Source}";
                var after = Cursors.DecodeId(c.GetArgument<string?>("after"), "after", signature);
                var page = await c.Store().GetDocumentNodesAsync(c.Source, c.First(NodeConnections.MaxPageSize), after, c.CancellationToken);
                var edges = page.Items.Select(n => new EntityEdge(n, Cursors.Encode(n.Id, signature))).ToList();
                return new EntityConnection(edges, NodeConnections.PageInfo([.. edges.Select(e => e.Cursor)], page.HasNextPage, after is not null), page.TotalCount);
            });
        Field<NonNullGraphType<ItemConnectionType<RelationshipType, GraphRelationship>>>("relationships")
            .Description($"The relationships it states or is the evidence for, by type, then start, then end, a page at a time (at most {NodeConnections.MaxPageSize} per page, {NodeConnections.DefaultPageSize} by default).")
            .FirstArgument("relationships", NodeConnections.DefaultPageSize, NodeConnections.MaxPageSize)
            .Argument<StringGraphType>("after", "The cursor (pageInfo.endCursor) to page on from.")
            .WithComplexityImpact(c => Engine.Execution.Complexity.EveryRelationship(c) with { ChildImpactMultiplier = Engine.Execution.Complexity.PageSize(c, NodeConnections.DefaultPageSize) })
            .ResolveAsync(async c =>
            {
                var signature = $"facts:{c.Source}:relationships";
                var after = Cursors.DecodeParts(c.GetArgument<string?>("after"), "after", signature, 3) is [var type, var from, var to]
                    ? new RelationshipKey(type, from, to)
                    : null;
                var page = await c.Store().GetDocumentRelationshipsAsync(c.Source, c.First(NodeConnections.MaxPageSize), after, c.CancellationToken);
                var edges = page.Items.Select(r => new ItemEdge<GraphRelationship>(r, Cursors.Encode([r.Type, r.FromId, r.ToId], signature))).ToList();
                return new ItemConnection<GraphRelationship>(edges, NodeConnections.PageInfo([.. edges.Select(e => e.Cursor)], page.HasNextPage, after is not null), page.TotalCount);
            });
    }
}

/// <summary>A results framework.</summary>
public sealed class ResultsFrameworkType : EntityType
{
    public ResultsFrameworkType()
        : base(NodeLabels.ResultsFramework, "ResultsFramework", "An agency's results framework, where its outcomes and indicators are defined.")
    {
        Text("description", "What the framework is.");
        Text("note", "A curator's note.");
        Related<OrganizationType>("managedBy", "The organizations that manage it.", RelationshipTypes.ManagedBy, Direction.Outgoing);
        Related<Outcomes.OutcomeType>("outcomes", "The outcomes it defines.", RelationshipTypes.InFramework, Direction.Incoming, NodeLabels.Outcome);
        Related<IndicatorType>("indicators", "The indicators it defines.", RelationshipTypes.InFramework, Direction.Incoming, NodeLabels.Indicator);
    }
}

/// <summary>An indicator of a results framework.</summary>
public sealed class IndicatorType : EntityType
{
    public IndicatorType()
        : base(NodeLabels.Indicator, "Indicator", "An indicator of an agency's results framework. Not an SDG indicator, even when it shares a code with one.")
    {
        Text("code", "Its code in its framework.");
        RequiredText("title", "What it measures.");
        RelatedOne<ResultsFrameworkType>("resultsFramework", "The framework that defines it.", RelationshipTypes.InFramework, Direction.Outgoing);
        Related<Outcomes.OutcomeType>("measures", "The outcomes it measures.", RelationshipTypes.MeasuredBy, Direction.Incoming);
        Text("description", "A description from the source (for an IATI result indicator: its description).");
        Texts("references", "For an indicator imported from IATI: its references, each 'vocabulary:code' (vocabulary 9: an SDG indicator).");
        Related<Sdgs.SdgIndicatorType>("sdgIndicators", "The SDG indicators it is stated to be (an IATI reference of vocabulary 9).", RelationshipTypes.AlignsWith, Direction.Outgoing);
    }
}
