using GraphQL.Types;
using HealthGraph.Api.Engine.Filtering;
using HealthGraph.Api.Engine.Relay;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Organizations;

/// <summary>What the organizations list can be filtered and ordered by.</summary>
public sealed class OrganizationList : IListDefinition
{
    public static NodeListDefinition Definition { get; } = new(
        "Organization",
        NodeLabels.Organization,
        [
            new("id", "The organization's id.", NodeField.Id, FilterKind.Id),
            new("name", "Its name.", NodeField.Name, FilterKind.Text),
            new("shortName", "Its short name or acronym.", NodeField.Property(NodeProperties.ShortName), FilterKind.Text),
            new("organizationKind", "What kind of organization it is.", NodeField.Property(NodeProperties.Kind), FilterKind.Enum, typeof(EnumFilterType<OrganizationKindEnum>)),
            new("theme", "The id of a theme it is tagged with.", NodeField.Related(RelationshipTypes.HasTheme, Direction.Outgoing), FilterKind.Id),
            new("partOf", "The id of an organization it is part of.", NodeField.Related(RelationshipTypes.PartOf, Direction.Outgoing), FilterKind.Id),
        ],
        [
            new("ID", "The id.", NodeField.Id),
            new("NAME", "The name.", NodeField.Name),
        ]);
}

public static class OrganizationQueries
{
    public static void AddOrganizationQueries(this ObjectGraphType query)
    {
        query.AddList<OrganizationList, OrganizationType>("organizations", "Agencies, counterparts and partners.");
        query.AddLookup<OrganizationType>("organization", NodeLabels.Organization, "An organization by id: an agency such as 'who', a counterpart such as 'mohsp', a partner (null when there is none).");
        query.AddLookup<OrganizationType>("agency", NodeLabels.Organization, "An agency by id, such as 'who', 'ilo' or 'iom' (null when there is none).")
            .DeprecationReason("Use organization(id:), which answers the same for every organization: an agency is an organization whose organizationKind is UN_AGENCY.");
    }
}
