namespace HealthGraph.Store;

/// <summary>
/// How the stores' statements name an overlap dimension or an alignment level (the codes of the SQLite aggregates and
/// of the Cypher statements' rows and parameters): written once, for both stores.
/// </summary>
public static class DimensionCodes
{
    public static string Of(OverlapDimension dimension) => dimension switch
    {
        OverlapDimension.Target => "TARGET",
        OverlapDimension.Goal => "GOAL",
        OverlapDimension.Theme => "THEME",
        OverlapDimension.Outcome => "OUTCOME",
        OverlapDimension.Counterpart => "COUNTERPART",
        OverlapDimension.Region => "REGION",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Not an overlap dimension."),
    };

    public static string? Of(OverlapDimension? dimension) => dimension is { } d ? Of(d) : null;

    /// <summary>An alignment level's code: the overlap dimension of the same name.</summary>
    public static string Of(AlignmentLevel level) => Of(level == AlignmentLevel.Goal ? OverlapDimension.Goal : OverlapDimension.Target);

    public static OverlapDimension Parse(string code) => code switch
    {
        "TARGET" => OverlapDimension.Target,
        "GOAL" => OverlapDimension.Goal,
        "THEME" => OverlapDimension.Theme,
        "OUTCOME" => OverlapDimension.Outcome,
        "COUNTERPART" => OverlapDimension.Counterpart,
        "REGION" => OverlapDimension.Region,
        _ => throw new FormatException($"'{code}' is not an overlap dimension's code."),
    };
}
