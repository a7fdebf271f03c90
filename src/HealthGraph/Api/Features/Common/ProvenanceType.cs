using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Features.Documents;
using HealthGraph.Graph;
using HealthGraph.Web.Security;

namespace HealthGraph.Api.Features.Common;

/// <summary>Where a node or relationship comes from.</summary>
public sealed class ProvenanceType : ObjectGraphType<Provenance>
{
    public ProvenanceType()
    {
        Name = "Provenance";
        Description = "Where a fact comes from: its basis, its source document and the excerpt that shows it, and (for an inference) the reason.";
        Field<NonNullGraphType<BasisEnum>>("basis").Description("Stated by the source, or inferred by a curator.").Resolve(c => c.Source.Basis);
        Field<DocumentType>("document")
            .Description("The source document (null for a curator's inference that has no document).")
            .Resolve(c => c.Source.DocumentId switch
            {
                null => null,
                var id when AsksOnlyForId(c) => DocumentReference(id, c.Source),
                var id => c.Loaders().Node(id),
            });
        Field<StringGraphType>("excerpt")
            .Description("The words of the source document that show the fact (parts of a long passage are joined by ' … ').")
            .Resolve(c => c.Source.Excerpt);
        Field<StringGraphType>("reason").Description("For an inference: why the curator inferred it.").Resolve(c => c.Source.Reason);
    }

    /// <summary>
    /// True when the selection reads nothing but the document's id (and __typename): the provenance already holds the
    /// id, and every writer (the seed tool's and the API's validators) refuses a provenance whose document does not
    /// exist, and documents are never deleted, so loading the node would only confirm what is known.
    /// </summary>
    private static bool AsksOnlyForId(IResolveFieldContext context) =>
        context.SubFields is { Count: > 0 } fields && fields.Values.All(f => f.FieldType.Name is "id" or "__typename");

    /// <summary>The cited document as a reference: only its id (and type) is read from it, see <see cref="AsksOnlyForId"/>.</summary>
    private static GraphNode DocumentReference(string id, Provenance citing) =>
        new(id, NodeLabels.Document, id, GraphRelationship.NoProperties, citing);
}

/// <summary>When a node was created and last changed, and by whom (the last only for editors, as the change log is).</summary>
public sealed class AuditType : ObjectGraphType<WriteStamp>
{
    public AuditType()
    {
        Name = "Audit";
        Description = "When an entity was created and last changed, and (for editors) who changed it last.";
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Description("When it was created.").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Description("When it last changed.").Resolve(c => c.Source.UpdatedAt);
        Field<NonNullGraphType<StringGraphType>>("updatedBy")
            .Description("Who changed it last ('seed' for the seed tool). For editors only, like the change log (it names the people who edit).")
            .AuthorizeWithRoles(Roles.Editing)
            .Resolve(c => c.Source.UpdatedBy);
    }
}

/// <summary>A relationship between two entities, with its provenance.</summary>
public sealed class RelationshipType : ObjectGraphType<GraphRelationship>
{
    public RelationshipType()
    {
        Name = "Relationship";
        Description = "A directed relationship between two entities, read 'from type to', with where it comes from.";
        Field<NonNullGraphType<RelationshipTypeEnum>>("type").Description("What kind of relationship it is.").Resolve(c => c.Source.Type);
        Field<NonNullGraphType<EntityInterface>>("from").Description("The entity it starts from.").Resolve(c => c.Loaders().Node(c.Source.FromId));
        Field<NonNullGraphType<EntityInterface>>("to").Description("The entity it points to.").Resolve(c => c.Loaders().Node(c.Source.ToId));
        Field<NonNullGraphType<ProvenanceType>>("provenance").Description("Where the relationship comes from.").Resolve(c => c.Source.Provenance);
    }
}
