using GraphQL.Types;
using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Deliverables;
using HealthGraph.Api.Features.Documents;
using HealthGraph.Api.Features.Themes;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Organizations;

/// <summary>An agency, counterpart or partner.</summary>
public sealed class OrganizationType : EntityType
{
    public OrganizationType()
        : base(NodeLabels.Organization, "Organization", "An organization: a UN agency delivering work, a national counterpart it supports, a coordination body or a partner.")
    {
        Text("shortName", "The short name or acronym, such as 'WHO' or 'MoHSP'.");
        Code<OrganizationKindEnum>("organizationKind", "What kind of organization it is.", "kind", required: true);
        Texts("aliases", "Other names the sources use for it.");
        Field<IntGraphType>("memberStateSince")
            .Description("For a UN agency: the year the country joined it.")
            .DeprecationReason("Use memberStateDate: the date at the precision its source gives (IOM: 1994-11).")
            .Resolve(c => PartialDate.From(c.Source.Properties.GetValueOrDefault("memberStateSince"))?.Year);
        Date("memberStateDate", "For a UN agency: when the country joined it, as precisely as the source says.", "memberStateSince");
        Number("activeProjectCount", "The number of active projects its source reports.");
        Number("thematicServiceAreaCount", "The number of thematic service areas its source reports.");
        Field<IntGraphType>("staffCount")
            .Description("The number of staff its source reports, when it reports an exact number.")
            .DeprecationReason("Use staff: the count with its qualifier (IOM: more than 30).")
            .Resolve(c => ReportedCount.From(c.Source.Properties.GetValueOrDefault("staffCount")) is { Qualifier: CountQualifier.Exactly } count ? checked((int)count.Value) : (int?)null);
        Count("staff", "The staff its source reports, with the qualifier the source gives ('More than 30').", "staffCount");
        Text("note", "A curator's note.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganizationRoleType>>>>("roles")
            .Description("What it does in the sector (such as chairing a coordination group, or funding or implementing a programme), each in a source's words with the public page that confirms it. Only confirmed roles are recorded.")
            .Resolve(c => OrganizationRole.Of(c.Source));
        Related<DeliverableType>("deliverables", "The work it delivers.", RelationshipTypes.Delivers, Direction.Outgoing);
        Related<DeliverableType>("supportedBy", "The work that supports it as a national counterpart.", RelationshipTypes.Supports, Direction.Incoming);
        Related<OrganizationType>("partOf", "The organizations it is part of.", RelationshipTypes.PartOf, Direction.Outgoing);
        Related<OrganizationType>("parts", "The organizations that are part of it.", RelationshipTypes.PartOf, Direction.Incoming);
        Related<ResultsFrameworkType>("resultsFrameworks", "The results frameworks it manages.", RelationshipTypes.ManagedBy, Direction.Incoming);
        Related<ThemeType>("themes", "The themes the sources tag it with.", RelationshipTypes.HasTheme, Direction.Outgoing);
        Related<DocumentType>("documents", "The source documents it publishes.", RelationshipTypes.PublishedBy, Direction.Incoming);
        Text("iatiRef", "For an organization imported from IATI: its organisation identifier (ref), such as 'XM-DAC-41302'.");
        Text("iatiOrganizationType", "For an organization imported from IATI: its IATI OrganisationType code, which organizationKind maps.");
        Related<DeliverableType>("reports", "The IATI activities it reports.", RelationshipTypes.Reports, Direction.Outgoing);
        Related<DeliverableType>("funds", "The work it funds (IATI role 1).", RelationshipTypes.Funds, Direction.Outgoing);
        Related<DeliverableType>("accountableFor", "The work it is accountable for (IATI role 2).", RelationshipTypes.AccountableFor, Direction.Outgoing);
        Related<DeliverableType>("extends", "The work it extends (IATI role 3).", RelationshipTypes.Extends, Direction.Outgoing);
    }
}
