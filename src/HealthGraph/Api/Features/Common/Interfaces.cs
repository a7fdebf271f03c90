using GraphQL.Types;
using HealthGraph.Graph;

namespace HealthGraph.Api.Features.Common;

/// <summary>The Relay Node interface: anything with a globally unique id can be fetched with <c>node(id:)</c>.</summary>
public sealed class NodeInterface : InterfaceGraphType<GraphNode>
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a globally unique id, which node(id:) fetches again (Relay's Global Object Identification).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The globally unique id, such as 'who' or 'sdg-target-8.3'.");
    }
}

/// <summary>What every entity of the graph has: id, name, kind, provenance and audit.</summary>
public sealed class EntityInterface : InterfaceGraphType<GraphNode>
{
    public EntityInterface()
    {
        Name = "Entity";
        Description = "An entity of the knowledge graph: every organization, piece of work, outcome, SDG goal, target and indicator, theme and document.";
        EntityFields.AddTo(this);
    }
}

/// <summary>The fields every entity type shares, declared once for the interface and every implementation.</summary>
public static class EntityFields
{
    public static void AddTo(IComplexGraphType type)
    {
        if (type is InterfaceGraphType<GraphNode> face)
        {
            face.Field<NonNullGraphType<IdGraphType>>("id").Description("The globally unique id, such as 'who' or 'sdg-target-8.3'.");
            face.Field<NonNullGraphType<StringGraphType>>("name").Description("The display name: a name, title or statement.");
            face.Field<NonNullGraphType<EntityKindEnum>>("kind").Description("What kind of entity this is.");
            face.Field<NonNullGraphType<ProvenanceType>>("provenance").Description("Where this entity comes from.");
            face.Field<AuditType>("audit").Description("When it was created and last changed, and (for editors) by whom.");
        }
        else if (type is ObjectGraphType<GraphNode> entity)
        {
            entity.Field<NonNullGraphType<IdGraphType>>("id").Description("The globally unique id, such as 'who' or 'sdg-target-8.3'.").Resolve(c => c.Source.Id);
            entity.Field<NonNullGraphType<StringGraphType>>("name").Description("The display name: a name, title or statement.").Resolve(c => c.Source.Name);
            entity.Field<NonNullGraphType<EntityKindEnum>>("kind").Description("What kind of entity this is.").Resolve(c => c.Source.Label);
            entity.Field<NonNullGraphType<ProvenanceType>>("provenance").Description("Where this entity comes from.").Resolve(c => c.Source.Provenance);
            entity.Field<AuditType>("audit").Description("When it was created and last changed, and (for editors) by whom.").Resolve(c => c.Source.Stamp);
        }
    }
}
