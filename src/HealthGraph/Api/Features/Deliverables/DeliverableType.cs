using GraphQL.Types;
using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Organizations;
using HealthGraph.Api.Features.Outcomes;
using HealthGraph.Api.Features.Sdgs;
using HealthGraph.Api.Features.Themes;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Deliverables;

/// <summary>A piece of work an agency delivers.</summary>
public sealed class DeliverableType : EntityType
{
    public DeliverableType()
        : base(NodeLabels.Deliverable, "Deliverable", "A piece of work an agency delivers: a product or service, a contribution, a project or an activity.")
    {
        RequiredText("title", "The title, as the source gives it.");
        Code<DeliverableKindEnum>("deliverableKind", "What kind of work it is.", "kind", required: true);
        Texts("items", "The sub-deliverables or items the source lists under it.");
        Code<StatusEnum>("status", "Its status as the source reports it: a progress or a lifecycle stage (null when the source gives none). progress and lifecycle keep the two apart.");
        ProgressAndLifecycle("the work");
        Text("statusLabel", "The source's own words for the status.");
        Number("year", "The year the source reports it in.");
        Period("the work");
        Text("country", "The country it is for.");
        Text("note", "A curator's note.");
        Related<OrganizationType>("deliveredBy", "The agencies that deliver it.", RelationshipTypes.Delivers, Direction.Incoming);
        Related<OutcomeType>("outcomes", "The outcomes or expected results it serves.", RelationshipTypes.Serves, Direction.Outgoing);
        Related<OrganizationType>("counterparts", "The national counterparts it supports.", RelationshipTypes.Supports, Direction.Outgoing);
        Related<ThemeType>("themes", "Its themes.", RelationshipTypes.HasTheme, Direction.Outgoing);
        Related<Places.PlaceType>("places", "Where it happens: the countries, regions, districts or sites a source places it in.", RelationshipTypes.LocatedIn, Direction.Outgoing);
        this.AddAlignmentsField();
        Text("description", "A description from the source (for an IATI activity: its general description).");
        Text("iatiIdentifier", "For an activity imported from IATI: its iati-identifier.", Ingest.Iati.IatiGraphMapper.IdentifierProperty);
        Text("iatiActivityStatus", "For an activity imported from IATI: its IATI ActivityStatus code (1 pipeline to 6 suspended), which status maps.");
        foreach (var (field, what) in new[] { ("plannedStart", "planned start"), ("actualStart", "actual start"), ("plannedEnd", "planned end"), ("actualEnd", "actual end") })
        {
            // IatiGraphMapper stores each IATI activity-date as text named <field>Date; the text field stays for old clients.
            Date(field, $"The {what}, as precise as the IATI activity states it.", $"{field}Date");
            Text($"{field}Date", $"The {what} date (YYYY-MM-DD), as an IATI activity states it.")
                .DeprecationReason($"Use {field}, a PartialDate (year, month, day and its precision) instead of text.");
        }

        Texts("recipientCountries", "The recipient countries (ISO 3166-1 alpha-2) an IATI activity names.");
        Texts("sdgIndicatorCodes", "The SDG indicators an IATI activity names as sectors (vocabulary 9); its alignments hold their targets, INFERRED.");
        Text("lastUpdated", "When the publisher last updated the IATI activity (its last-updated-datetime, UTC); a re-import keeps the newest.");
        RelatedOne<OrganizationType>("reportedBy", "The organization that reports it (the IATI reporting-org).", RelationshipTypes.Reports, Direction.Incoming);
        Related<OrganizationType>("fundedBy", "The organizations that fund it (IATI role 1).", RelationshipTypes.Funds, Direction.Incoming);
        Related<OrganizationType>("accountableOrganizations", "The organizations accountable for it (IATI role 2).", RelationshipTypes.AccountableFor, Direction.Incoming);
        Related<OrganizationType>("extendingOrganizations", "The organizations that extend it (IATI role 3).", RelationshipTypes.Extends, Direction.Incoming);
        Related<DeliverableType>("sameActivityAs", "Other publishers' records of the same IATI activity (the same iati-identifier).", RelationshipTypes.SameActivityAs, Direction.Outgoing);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AmountType>>>>("amounts")
            .Description("Its budgets and transactions, as its IATI activity states them (empty for other work).")
            .Resolve(c => c.Source.GetStrings(NodeProperties.Amounts).Select(Ingest.Iati.IatiGraphMapper.ParseAmount).ToList());
        Field<BooleanGraphType>("countedInTotals")
            .Description("For an IATI activity: whether amountTotals counts this record (false for another publisher's record of an activity counted elsewhere).")
            .Resolve(c => c.Source.GetInt64(NodeProperties.IatiCountedInTotals) is { } counted ? counted == 1 : null);
    }
}
