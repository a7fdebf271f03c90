namespace HealthGraph.Ingest.Seed;

/// <summary>A problem found in the seed files, pinned to file, record and field.</summary>
public sealed record SeedProblem(string File, string? Record, string? Field, string Message)
{
    public override string ToString()
    {
        var where = Record is null ? File : $"{File}: record {Record}";
        return Field is null ? $"{where}: {Message}" : $"{where}: {Field}: {Message}";
    }
}

/// <summary>One record as read from its file, with its position for error messages.</summary>
public sealed record SeedEntry<T>(string File, int Index, T Record)
    where T : SeedRecord
{
    /// <summary>How problems name the record: its id, or its position when it has none.</summary>
    public string Key => string.IsNullOrWhiteSpace(Record.Id) ? $"#{Index + 1}" : $"'{Record.Id}'";
}

/// <summary>Everything read from a seed folder, valid or not, plus the problems met while reading.</summary>
public sealed class SeedSet
{
    public required string Directory { get; init; }
    public List<SeedEntry<DocumentRecord>> Documents { get; } = [];
    public List<SeedEntry<OrganizationRecord>> Organizations { get; } = [];
    public List<SeedEntry<FrameworkRecord>> Frameworks { get; } = [];
    public List<SeedEntry<IndicatorRecord>> Indicators { get; } = [];
    public List<SeedEntry<OutcomeRecord>> Outcomes { get; } = [];
    public List<SeedEntry<DeliverableRecord>> Deliverables { get; } = [];
    public List<SeedEntry<ThemeRecord>> Themes { get; } = [];
    public List<SeedEntry<AlignmentRecord>> Alignments { get; } = [];
    public List<SeedEntry<PlaceRecord>> Places { get; } = [];
    public List<PlaceRow> PlaceRows { get; } = [];

    private HashSet<string>? _gazetteerIds;

    /// <summary>True when <paramref name="placeId"/> is a row of the gazetteer (<see cref="Files.Gazetteer"/>), read once the rows are.</summary>
    public bool InGazetteer(string? placeId) =>
        placeId is not null && (_gazetteerIds ??= PlaceRows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal)).Contains(placeId);
    public List<SdgRow> SdgRows { get; } = [];
    public Dictionary<string, string> SdgGoalShortNames { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, (string UnsdCode, string? RepeatOf)> SdgIndicatorCodes { get; } = new(StringComparer.Ordinal);

    /// <summary>The text of each document file, by document id (for excerpt checks and document nodes).</summary>
    public Dictionary<string, string> DocumentTexts { get; } = new(StringComparer.Ordinal);

    public List<SeedProblem> Problems { get; } = [];

    /// <summary>The file names, relative to the seed folder, that make up a seed set.</summary>
    public static class Files
    {
        public const string Documents = "documents.json";
        public const string Organizations = "organizations.json";
        public const string Frameworks = "frameworks.json";
        public const string Indicators = "indicators.json";
        public const string Outcomes = "outcomes.json";
        public const string Deliverables = "deliverables.json";
        public const string Themes = "themes.json";
        public const string Alignments = "alignments.json";
        public const string Places = "places.json";
        public const string Gazetteer = "places/tjk_pcodes.csv";
        public const string SdgFramework = "sdg/sdg_framework.csv";
        public const string SdgGoalShortNames = "sdg/sdg_goal_short_names.csv";
        public const string SdgIndicatorCodes = "sdg/sdg_indicator_codes.csv";
    }
}
