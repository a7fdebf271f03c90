namespace HealthGraph.Graph;

/// <summary>The closed vocabularies of the graph: the values a kind, level or status may take.</summary>
public static class Vocabulary
{
    public static IReadOnlySet<string> OrganizationKinds { get; } = Set(
        "UN_AGENCY", "GOVERNMENT_BODY", "COORDINATION_BODY", "WORKERS_ORGANIZATION", "WORKING_GROUP",
        "DEVELOPMENT_PARTNER", "NGO", "OTHER");

    public static IReadOnlySet<string> DeliverableKinds { get; } = Set("PRODUCT_SERVICE", "CONTRIBUTION", "PROJECT", "ACTIVITY");

    /// <summary>Progress as sources report it; the IATI activity statuses are included for imported activities.</summary>
    public static IReadOnlySet<string> Statuses { get; } = Set(
        "ON_TRACK", "ACHIEVED", "PIPELINE", "IMPLEMENTATION", "FINALISATION", "CLOSED", "CANCELLED", "SUSPENDED");

    public static IReadOnlySet<string> OutcomeLevels { get; } = Set("EXPECTED_RESULT", "COUNTRY_PROGRAMME_OUTCOME", "RESULT", "OBJECTIVE");

    public static IReadOnlySet<string> DocumentKinds { get; } = Set("WEB_PAGE", "REFERENCE_DATA", "IATI_FILE");

    /// <summary>Ids are lower-case, readable and safe in a URL path segment: <c>who</c>, <c>sdg-target-8.3</c>.</summary>
    public const string IdPattern = "^[a-z0-9][a-z0-9.-]{0,127}$";

    public static string SdgGoalId(string code) => $"sdg-goal-{code}";

    public static string SdgTargetId(string code) => $"sdg-target-{code}";

    public static string SdgIndicatorId(string code) => $"sdg-indicator-{code}";

    private static HashSet<string> Set(params string[] values) => new(values, StringComparer.Ordinal);
}
