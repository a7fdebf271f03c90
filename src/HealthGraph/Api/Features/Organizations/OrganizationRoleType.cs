using GraphQL.Types;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;

namespace HealthGraph.Api.Features.Organizations;

/// <summary>An organization's role in the sector, in a source's words.</summary>
public sealed record OrganizationRole(string Role, string ConfirmedBy, Provenance Provenance)
{
    /// <summary>
    /// The roles stored on an organization node (three parallel lists: roles, roleConfirmedBy, roleDocuments). A role is
    /// quoted verbatim from its document, so it is its own excerpt.
    /// </summary>
    public static IReadOnlyList<OrganizationRole> Of(GraphNode organization)
    {
        var roles = organization.GetStrings("roles");
        var confirmedBy = organization.GetStrings("roleConfirmedBy");
        var documents = organization.GetStrings("roleDocuments");
        return [.. roles.Select((role, i) => new OrganizationRole(role, confirmedBy.ElementAtOrDefault(i) ?? string.Empty, Provenance.Stated(documents.ElementAtOrDefault(i) ?? string.Empty, role)))];
    }
}

public sealed class OrganizationRoleType : ObjectGraphType<OrganizationRole>
{
    public OrganizationRoleType()
    {
        Name = "OrganizationRole";
        Description = "What an organization does in the sector, in a source's words, and the public page that confirms it.";
        Field<NonNullGraphType<StringGraphType>>("role").Description("The role, quoted from the source (so it is also the provenance's excerpt).").Resolve(c => c.Source.Role);
        Field<NonNullGraphType<StringGraphType>>("confirmedBy").Description("The address of the public page that confirms it.").Resolve(c => c.Source.ConfirmedBy);
        Field<NonNullGraphType<ProvenanceType>>("provenance").Description("Where the role is quoted from.").Resolve(c => c.Source.Provenance);
    }
}
