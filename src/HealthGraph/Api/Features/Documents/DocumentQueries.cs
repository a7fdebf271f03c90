using GraphQL.Types;
using HealthGraph.Api.Engine.Filtering;
using HealthGraph.Api.Engine.Relay;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Documents;

/// <summary>What the documents list can be filtered and ordered by.</summary>
public sealed class DocumentList : IListDefinition
{
    public static NodeListDefinition Definition { get; } = new(
        "Document",
        NodeLabels.Document,
        [
            new("id", "The document's id.", NodeField.Id, FilterKind.Id),
            new("title", "Its title.", NodeField.Name, FilterKind.Text),
            new("documentKind", "What kind of source it is.", NodeField.Property(NodeProperties.Kind), FilterKind.Enum, typeof(EnumFilterType<DocumentKindEnum>)),
            new("publisher", "The id of the organization that publishes it.", NodeField.Related(RelationshipTypes.PublishedBy, Direction.Outgoing), FilterKind.Id),
        ],
        [
            new("ID", "The id.", NodeField.Id),
            new("TITLE", "The title.", NodeField.Name),
        ]);
}

public static class DocumentQueries
{
    public static void AddDocumentQueries(this ObjectGraphType query)
    {
        query.AddList<DocumentList, DocumentType>("documents", "The source documents the graph's facts come from.");
        query.AddLookup<DocumentType>("document", NodeLabels.Document, "A source document by id, such as 'ilo-tjk128-2021' (null when there is none).");
        query.AddLookup<ResultsFrameworkType>("resultsFramework", NodeLabels.ResultsFramework, "A results framework by id, such as 'uhc-partnership' (null when there is none).");
    }
}
