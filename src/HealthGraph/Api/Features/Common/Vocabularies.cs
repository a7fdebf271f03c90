using GraphQL.Types;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Common;

/// <summary>An enumeration whose values are the codes of one of the graph's closed vocabularies.</summary>
public abstract class VocabularyEnum : EnumerationGraphType
{
    protected VocabularyEnum(string name, string description, IEnumerable<string> codes, Func<string, string> describe)
    {
        Name = name;
        Description = description;
        foreach (var code in codes.Order(StringComparer.Ordinal))
        {
            Add(code, code, describe(code));
        }
    }
}

/// <summary>Whether a fact is stated by its source or inferred by a curator.</summary>
public sealed class BasisEnum : EnumerationGraphType
{
    public BasisEnum()
    {
        Name = "Basis";
        Description = "Where a fact comes from: stated by its source document, inferred by a curator (with a reason), or derived by the software from a code the source states (with the rule).";
        Add("STATED", Basis.Stated, "The source document says so; the excerpt shows where.");
        Add("INFERRED", Basis.Inferred, "A curator's judgement; the reason says why, the excerpt (if any) is the evidence.");
        Add("DERIVED", Basis.Derived, "Computed by the software from a code the source states: the excerpt is the code as the source gives it, the reason the rule (an IATI activity's SDG indicator, placed under its target by the official framework). Only SDG alignments are derived; an edit cannot be.");
    }
}

public sealed class OrganizationKindEnum() : VocabularyEnum(
    "OrganizationKind", "What kind of organization an agency, counterpart or partner is.", Vocabulary.OrganizationKinds, code => code switch
    {
        "UN_AGENCY" => "A United Nations agency (WHO, ILO, IOM...).",
        "GOVERNMENT_BODY" => "A ministry, department or other body of a national government.",
        "COORDINATION_BODY" => "A body that coordinates partners, such as a development coordination council.",
        "WORKERS_ORGANIZATION" => "A trade union or federation of trade unions.",
        "WORKING_GROUP" => "A working group of government and partners.",
        "DEVELOPMENT_PARTNER" => "A bilateral or multilateral donor or lender.",
        "NGO" => "A non-governmental organization.",
        _ => "Another kind of organization, such as a foundation, a private company or an academic body (an IATI organisation type kept as iatiOrganizationType).",
    });

public sealed class DeliverableKindEnum() : VocabularyEnum(
    "DeliverableKind", "What kind of work a deliverable is.", Vocabulary.DeliverableKinds, code => code switch
    {
        "PRODUCT_SERVICE" => "A product or service of a results framework (e.g. WHO's UHC Partnership).",
        "CONTRIBUTION" => "A contribution to a result, as reported by the agency.",
        "PROJECT" => "A project with its own funding and timeline.",
        _ => "An activity, such as a training, survey or campaign.",
    });

public sealed class StatusEnum() : VocabularyEnum(
    "Status", "Progress of a piece of work as its source reports it, or an activity's lifecycle stage (see progress and lifecycle, which keep the two apart).",
    Vocabulary.Statuses, StatusEnum.Describe)
{
    /// <summary>What each status means, for every enum that lists statuses.</summary>
    internal static string Describe(string code) => code switch
    {
        "ON_TRACK" => "Progressing as planned.",
        "ACHIEVED" => "Done; the result was achieved.",
        "PIPELINE" => "Planned, not yet started (IATI status 1).",
        "IMPLEMENTATION" => "Under way (IATI status 2).",
        "FINALISATION" => "Finishing; activity closing (IATI status 3).",
        "CLOSED" => "Closed (IATI status 4).",
        "CANCELLED" => "Cancelled (IATI status 5).",
        _ => "Suspended (IATI status 6).",
    };
}

public sealed class ProgressEnum() : VocabularyEnum(
    "Progress", "How a result of a results framework is progressing, as its report gives it.", Vocabulary.Progresses, StatusEnum.Describe);

public sealed class LifecycleEnum() : VocabularyEnum(
    "Lifecycle", "Where an activity is in its lifecycle (IATI's ActivityStatus), from pipeline to closed.", Vocabulary.Lifecycles, StatusEnum.Describe);

public sealed class OutcomeLevelEnum() : VocabularyEnum(
    "OutcomeLevel", "The level of an outcome in its results framework.", Vocabulary.OutcomeLevels, code => code switch
    {
        "EXPECTED_RESULT" => "An expected result of a programme (e.g. of the UHC Partnership).",
        "COUNTRY_PROGRAMME_OUTCOME" => "An outcome of a country programme (e.g. ILO's Decent Work Country Programme).",
        "RESULT" => "A global result of an agency's programme and budget.",
        _ => "An objective of an agency's strategy.",
    });

public sealed class DocumentKindEnum() : VocabularyEnum(
    "DocumentKind", "What kind of source a document is.", Vocabulary.DocumentKinds, code => code switch
    {
        "WEB_PAGE" => "A public web page, kept as text.",
        "REFERENCE_DATA" => "A reference data set, such as the official SDG framework.",
        "WORKBOOK" => "A council's who-what-where-when workbook (XLSX or CSV), each row's facts stated by it.",
        _ => "An IATI activity file.",
    });

/// <summary>The kinds of entity in the graph, one per node label.</summary>
public sealed class EntityKindEnum : EnumerationGraphType
{
    public EntityKindEnum()
    {
        Name = "EntityKind";
        Description = "The kinds of entity in the graph.";
        foreach (var (label, description) in Labels)
        {
            Add(ToConstantCase(label), label, description);
        }
    }

    internal static IReadOnlyList<(string Label, string Description)> Labels { get; } =
    [
        (NodeLabels.Organization, "An agency, counterpart or partner organization."),
        (NodeLabels.Deliverable, "A piece of work: a product or service, contribution, project or activity."),
        (NodeLabels.Outcome, "An outcome, expected result or objective that work serves."),
        (NodeLabels.ResultsFramework, "An agency's results framework, where outcomes and indicators are defined."),
        (NodeLabels.Indicator, "An indicator of a results framework (not an SDG indicator)."),
        (NodeLabels.Theme, "A theme or topic that organizations and work are tagged with."),
        (NodeLabels.SdgGoal, "One of the 17 Sustainable Development Goals."),
        (NodeLabels.SdgTarget, "A target of an SDG goal."),
        (NodeLabels.SdgIndicator, "An official indicator of an SDG target."),
        (NodeLabels.Document, "A source document that facts are taken from."),
        (NodeLabels.Place, "A place where work happens: a country, a region, a district or city, or a site."),
    ];

    internal static string ToConstantCase(string label) =>
        string.Concat(label.Select((c, i) => i > 0 && char.IsUpper(c) ? $"_{c}" : char.ToUpperInvariant(c).ToString()));
}

/// <summary>The relationship types of the graph.</summary>
public sealed class RelationshipTypeEnum : EnumerationGraphType
{
    public RelationshipTypeEnum()
    {
        Name = "RelationshipType";
        Description = "The kinds of relationship in the graph, each read 'from TYPE to'.";
        Add(RelationshipTypes.Delivers, RelationshipTypes.Delivers, "An organization delivers a deliverable.");
        Add(RelationshipTypes.Serves, RelationshipTypes.Serves, "A deliverable serves an outcome.");
        Add(RelationshipTypes.Supports, RelationshipTypes.Supports, "A deliverable supports a national counterpart organization.");
        Add(RelationshipTypes.PartOf, RelationshipTypes.PartOf, "An organization is part of another; a place is part of another (a district of its region).");
        Add(RelationshipTypes.InFramework, RelationshipTypes.InFramework, "An outcome or indicator is defined in a results framework.");
        Add(RelationshipTypes.ManagedBy, RelationshipTypes.ManagedBy, "A results framework is managed by an organization.");
        Add(RelationshipTypes.ContributesTo, RelationshipTypes.ContributesTo, "An outcome contributes to another outcome.");
        Add(RelationshipTypes.MeasuredBy, RelationshipTypes.MeasuredBy, "An outcome is measured by an indicator.");
        Add(RelationshipTypes.HasTarget, RelationshipTypes.HasTarget, "An SDG goal has a target.");
        Add(RelationshipTypes.HasIndicator, RelationshipTypes.HasIndicator, "An SDG target has an indicator.");
        Add(RelationshipTypes.AlignsWith, RelationshipTypes.AlignsWith, "A deliverable or outcome aligns with an SDG goal or target; an indicator imported from IATI aligns with the SDG indicator its reference names.");
        Add(RelationshipTypes.HasTheme, RelationshipTypes.HasTheme, "An organization, deliverable or outcome has a theme.");
        Add(RelationshipTypes.PublishedBy, RelationshipTypes.PublishedBy, "A document is published by an organization.");
        Add(RelationshipTypes.Funds, RelationshipTypes.Funds, "An organization funds a deliverable (IATI participating-org role 1).");
        Add(RelationshipTypes.AccountableFor, RelationshipTypes.AccountableFor, "An organization is accountable for a deliverable (IATI participating-org role 2).");
        Add(RelationshipTypes.Extends, RelationshipTypes.Extends, "An organization extends a deliverable: manages the funds on the funder's behalf (IATI participating-org role 3).");
        Add(RelationshipTypes.Reports, RelationshipTypes.Reports, "An organization reports a deliverable: it published the IATI activity.");
        Add(RelationshipTypes.SameActivityAs, RelationshipTypes.SameActivityAs, "A deliverable is the same IATI activity (same iati-identifier) as another publisher's record of it.");
        Add(RelationshipTypes.LocatedIn, RelationshipTypes.LocatedIn, "A deliverable takes place in a place: a country, region, district or site.");
    }
}

/// <summary>The paths by which work is aligned with an SDG goal or target (<see cref="AlignmentPaths"/>).</summary>
public sealed class AlignmentPathEnum : EnumerationGraphType
{
    public AlignmentPathEnum()
    {
        Name = "AlignmentPath";
        Description = "How a piece of work is aligned with an SDG goal or target. Every view that counts aligned work (lists, portfolio, coverage) counts every path unless asked for fewer.";
        Add("DIRECT", AlignmentPaths.Direct, "The work aligns with the goal or target itself.");
        Add("VIA_TARGET", AlignmentPaths.ViaTarget, "The work aligns with one of the goal's targets (a target has no other targets).");
        Add("VIA_OUTCOME", AlignmentPaths.ViaOutcome, "The work serves an outcome that aligns with the goal or target itself or, for a goal, with one of its targets.");
    }

    /// <summary>The paths of a coerced list argument (null or absent: all of them).</summary>
    public static AlignmentPaths Of(object? value) =>
        value is IEnumerable<object?> paths
            ? paths.OfType<AlignmentPaths>().Aggregate((AlignmentPaths)0, (all, p) => all | p)
            : AlignmentPaths.All;
}
