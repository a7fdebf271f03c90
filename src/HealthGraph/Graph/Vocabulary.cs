namespace HealthGraph.Graph;

/// <summary>The closed vocabularies of the graph: the values a kind, level or status may take.</summary>
public static class Vocabulary
{
    public static IReadOnlySet<string> OrganizationKinds { get; } = Set(
        "UN_AGENCY", "GOVERNMENT_BODY", "COORDINATION_BODY", "WORKERS_ORGANIZATION", "WORKING_GROUP",
        "DEVELOPMENT_PARTNER", "NGO", "OTHER");

    public static IReadOnlySet<string> DeliverableKinds { get; } = Set("PRODUCT_SERVICE", "CONTRIBUTION", "PROJECT", "ACTIVITY");

    /// <summary>
    /// A results framework's progress of a result as its report gives it (WHO's UHC Partnership: on track, achieved),
    /// the statuses that are about progress, not about an activity's lifecycle.
    /// </summary>
    public static IReadOnlyList<string> Progresses { get; } = ["ON_TRACK", "ACHIEVED"];

    /// <summary>An activity's lifecycle (IATI's ActivityStatus, 1 to 6), in the order an activity goes through it.</summary>
    public static IReadOnlyList<string> Lifecycles { get; } = ["PIPELINE", "IMPLEMENTATION", "FINALISATION", "CLOSED", "CANCELLED", "SUSPENDED"];

    /// <summary>Every status a piece of work may have: a progress or a lifecycle stage (declared after them: statics initialize in order).</summary>
    public static IReadOnlySet<string> Statuses { get; } = Set([.. Progresses, .. Lifecycles]);

    /// <summary>
    /// Statuses in the order work goes through them, for sorting: not started, under way (on track), finishing, done
    /// (achieved, closed), then stopped (suspended, cancelled). Work without a status sorts after all of them.
    /// </summary>
    public static IReadOnlyList<string> StatusOrder { get; } = ["PIPELINE", "IMPLEMENTATION", "ON_TRACK", "FINALISATION", "ACHIEVED", "CLOSED", "SUSPENDED", "CANCELLED"];

    public static IReadOnlySet<string> OutcomeLevels { get; } = Set("EXPECTED_RESULT", "COUNTRY_PROGRAMME_OUTCOME", "RESULT", "OBJECTIVE");

    public static IReadOnlySet<string> DocumentKinds { get; } = Set("WEB_PAGE", "REFERENCE_DATA", "IATI_FILE", "WORKBOOK");

    /// <summary>Ids are lower-case, readable and safe in a URL path segment: <c>who</c>, <c>sdg-target-8.3</c>.</summary>
    public const string IdPattern = "^[a-z0-9][a-z0-9.-]{0,127}$";

    public static string SdgGoalId(string code) => $"sdg-goal-{code}";

    /// <summary>
    /// The levels of a place, from the largest: a country, its regions (admin level 1), their districts and cities (2),
    /// their subdistricts (3: an Ethiopian woreda), a site.
    /// </summary>
    public static IReadOnlyList<string> PlaceLevels { get; } = ["COUNTRY", RegionLevel, "DISTRICT", "SUBDISTRICT", "SITE"];

    /// <summary>
    /// The level of a region, the places of the REGION overlap dimension (the stores' statements write it as 'REGION':
    /// place_region in Migrations/0009_region_dimension.sql, agency_links.cypher; a test ties them to this).
    /// </summary>
    public const string RegionLevel = "REGION";

    /// <summary>The most PART_OF steps from a place to a place it is part of: a site in a subdistrict in a district in a region in a country.</summary>
    public static int PlaceDepth => PlaceLevels.Count - 1;

    /// <summary>A place's id from its code (a p-code or a country's ISO 3166-1 alpha-3 code): "place-3505000", "place-tjk".</summary>
    public static string PlaceId(string code) => $"place-{code.ToLowerInvariant()}";

    public static string SdgTargetId(string code) => $"sdg-target-{code}";

    public static string SdgIndicatorId(string code) => $"sdg-indicator-{code}";

    /// <summary>
    /// The id of an SDG goal, target or indicator given by its id or by its code alike: "3" is sdg-goal-3, "3.8"
    /// sdg-target-3.8, "3.8.1" sdg-indicator-3.8.1 (a code is a goal number and up to two parts, of digits and
    /// lower-case letters, after dots); anything else is taken as an id and returned as it is.
    /// </summary>
    public static string SdgNodeId(string idOrCode)
    {
        var parts = idOrCode.Split('.');
        var isCode = parts.Length <= 3
            && parts[0].Length is 1 or 2 && parts[0].All(char.IsAsciiDigit)
            && parts.Skip(1).All(p => p.Length is 1 or 2 && p.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c)));
        return !isCode ? idOrCode : parts.Length switch
        {
            1 => SdgGoalId(idOrCode),
            2 => SdgTargetId(idOrCode),
            _ => SdgIndicatorId(idOrCode),
        };
    }

    /// <summary>
    /// The number of the SDG goal given by its number or its id alike ("8", "sdg-goal-8": "8"); anything else comes back
    /// as it is, which no goal number equals.
    /// </summary>
    public static string SdgGoalCode(string idOrCode)
    {
        var id = SdgNodeId(idOrCode.Trim());
        return id.StartsWith(SdgGoalId(""), StringComparison.Ordinal) ? id[SdgGoalId("").Length..] : idOrCode;
    }

    private static HashSet<string> Set(params string[] values) => new(values, StringComparer.Ordinal);
}
