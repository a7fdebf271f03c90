using GraphQL.Types;
using HealthGraph.Api.Common;
using HealthGraph.Api.Organizations;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Documents;

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
        RelatedOne<OrganizationType>("publisher", "The organization that publishes it.", RelationshipTypes.PublishedBy, Direction.Outgoing);
        Field<NonNullGraphType<DocumentFactsType>>("facts")
            .Description("Everything the graph takes from this document: the entities and relationships whose source it is. One store question per document asked.")
            .ResolveAsync(async c => await c.Store().GetDocumentFactsAsync(c.Source.Id, c.CancellationToken));
    }
}

/// <summary>What the graph takes from one document.</summary>
public sealed class DocumentFactsType : ObjectGraphType<DocumentFacts>
{
    public DocumentFactsType()
    {
        Name = "DocumentFacts";
        Description = "The facts a document is the source of.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>("entities")
            .Description("The entities whose source it is.")
            .Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RelationshipType>>>>("relationships")
            .Description("The relationships it states or is the evidence for.")
            .Resolve(c => c.Source.Relationships);
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
