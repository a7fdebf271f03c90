namespace HealthGraph.Graph;

/// <summary>The node labels of the HealthGraph property graph; the same in every store.</summary>
public static class NodeLabels
{
    public const string Document = "Document";
    public const string Organization = "Organization";
    public const string Deliverable = "Deliverable";
    public const string Outcome = "Outcome";
    public const string ResultsFramework = "ResultsFramework";
    public const string Indicator = "Indicator";
    public const string SdgGoal = "SdgGoal";
    public const string SdgTarget = "SdgTarget";
    public const string SdgIndicator = "SdgIndicator";
    public const string Theme = "Theme";
    public const string Place = "Place";

    public static IReadOnlyList<string> All { get; } =
    [
        Document, Organization, Deliverable, Outcome, ResultsFramework, Indicator, SdgGoal, SdgTarget, SdgIndicator, Theme, Place,
    ];
}

/// <summary>The relationship types of the HealthGraph property graph, each read "from -[TYPE]-> to".</summary>
public static class RelationshipTypes
{
    /// <summary>(Organization) delivers (Deliverable).</summary>
    public const string Delivers = "DELIVERS";

    /// <summary>(Deliverable) serves (Outcome): the outcome or expected result the work is for.</summary>
    public const string Serves = "SERVES";

    /// <summary>(Deliverable) supports (Organization): a national counterpart the work supports.</summary>
    public const string Supports = "SUPPORTS";

    /// <summary>(Organization) is part of (Organization); (Place) is part of (Place): a district of its region, a region of its country.</summary>
    public const string PartOf = "PART_OF";

    /// <summary>(Outcome | Indicator) is defined in (ResultsFramework).</summary>
    public const string InFramework = "IN_FRAMEWORK";

    /// <summary>(ResultsFramework) is managed by (Organization).</summary>
    public const string ManagedBy = "MANAGED_BY";

    /// <summary>(Outcome) contributes to (Outcome), e.g. a country outcome to a global result.</summary>
    public const string ContributesTo = "CONTRIBUTES_TO";

    /// <summary>(Outcome) is measured by (Indicator) of its own results framework.</summary>
    public const string MeasuredBy = "MEASURED_BY";

    /// <summary>(SdgGoal) has (SdgTarget).</summary>
    public const string HasTarget = "HAS_TARGET";

    /// <summary>(SdgTarget) has (SdgIndicator).</summary>
    public const string HasIndicator = "HAS_INDICATOR";

    /// <summary>
    /// (Outcome | Deliverable) aligns with (SdgTarget | SdgGoal), or an indicator imported from IATI (Indicator) with
    /// the (SdgIndicator) its reference names; the basis says stated, inferred or derived (the only derived relationship).
    /// </summary>
    public const string AlignsWith = "ALIGNS_WITH";

    /// <summary>(Organization | Deliverable | Outcome) has (Theme).</summary>
    public const string HasTheme = "HAS_THEME";

    /// <summary>(Document) is published by (Organization).</summary>
    public const string PublishedBy = "PUBLISHED_BY";

    /// <summary>(Organization) funds (Deliverable): an IATI participating organisation in role 1, funding.</summary>
    public const string Funds = "FUNDS";

    /// <summary>(Organization) is accountable for (Deliverable): an IATI participating organisation in role 2, accountable.</summary>
    public const string AccountableFor = "ACCOUNTABLE_FOR";

    /// <summary>(Organization) extends (Deliverable): an IATI participating organisation in role 3, extending.</summary>
    public const string Extends = "EXTENDS";

    /// <summary>(Organization) reports (Deliverable): the IATI reporting organisation that published the activity.</summary>
    public const string Reports = "REPORTS";

    /// <summary>(Deliverable) is the same activity as (Deliverable): one IATI activity (same iati-identifier) reported by two publishers.</summary>
    public const string SameActivityAs = "SAME_ACTIVITY_AS";

    /// <summary>(Deliverable) takes place in (Place): a country, region, district or site where the work happens.</summary>
    public const string LocatedIn = "LOCATED_IN";

    /// <summary>The roles that tie an organisation to a deliverable: whose work it is.</summary>
    public static IReadOnlyList<string> OrganisationRoles { get; } = [Reports, Funds, AccountableFor, Extends, Delivers];

    public static IReadOnlyList<string> All { get; } =
    [
        Delivers, Serves, Supports, PartOf, InFramework, ManagedBy, ContributesTo, MeasuredBy, HasTarget, HasIndicator,
        AlignsWith, HasTheme, PublishedBy, Funds, AccountableFor, Extends, Reports, SameActivityAs, LocatedIn,
    ];
}
