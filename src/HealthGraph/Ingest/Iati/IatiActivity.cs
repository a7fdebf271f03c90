namespace HealthGraph.Ingest.Iati;

/// <summary>
/// One <c>iati-activity</c> as read from a file: the parts HealthGraph maps into the graph, and the problems found in
/// it. <see cref="Position"/> is its place in the file (1-based) and <see cref="Line"/> the line it starts on.
/// </summary>
public sealed record IatiActivity(
    string File,
    int Position,
    int Line,
    string? Identifier,
    DateTimeOffset? LastUpdated,
    string? DefaultCurrency,
    IatiOrganization? ReportingOrg,
    string? Title,
    string? Description,
    string? StatusCode,
    IReadOnlyDictionary<string, string> Dates,
    IReadOnlyList<string> RecipientCountries,
    IReadOnlyList<IatiOrganization> ParticipatingOrgs,
    IReadOnlyList<IatiClassification> Classifications,
    IReadOnlyList<IatiResult> Results,
    IReadOnlyList<IatiAmount> Amounts,
    IReadOnlyList<IatiProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>How problems name the activity: its identifier, or its position when it has none.</summary>
    public string Reference => Describe(Identifier, Position, Line);

    internal static string Describe(string? identifier, int position, int line) =>
        string.IsNullOrWhiteSpace(identifier) ? $"activity #{position} (line {line}, no iati-identifier)" : $"activity '{identifier}'";
}

/// <summary>A reporting-org or participating-org: its IATI ref, organisation type code, name and (participating) role code.</summary>
public sealed record IatiOrganization(string? Ref, string? Type, string? Name, string? Role);

/// <summary>What an activity is classified by: a <c>sector</c>, <c>tag</c> or <c>policy-marker</c> with its vocabulary and code.</summary>
public sealed record IatiClassification(string Element, string Vocabulary, string Code, string? Name, string? Significance)
{
    /// <summary>For a sector of vocabulary 9 (an SDG indicator): the code of the target the official framework places it under.</summary>
    public string? SdgTargetOfIndicator { get; init; }
}

/// <summary>A <c>result</c> with its indicators.</summary>
public sealed record IatiResult(int Position, string? Type, string? Title, string? Description, IReadOnlyList<IatiIndicator> Indicators);

/// <summary>A result's <c>indicator</c> with its references (vocabulary, code).</summary>
public sealed record IatiIndicator(int Position, string? Title, string? Description, IReadOnlyList<(string Vocabulary, string Code)> References)
{
    /// <summary>
    /// For each reference of vocabulary 9 (an SDG indicator), in order: the indicator's code and the code of the target
    /// the official framework places it under.
    /// </summary>
    public IReadOnlyList<(string Indicator, string Target)> SdgTargets { get; init; } = [];
}

/// <summary>
/// A <c>budget</c> (kind BUDGET, type: the IATI budget type code) or <c>transaction</c> (kind TRANSACTION, type: the
/// IATI transaction type code) with its value and currency (or the activity's default currency), and its period
/// (budgets) or date (transactions), ISO dates.
/// </summary>
public sealed record IatiAmount(string Kind, string Type, decimal Value, string Currency, string? PeriodStart, string? PeriodEnd, string? Date)
{
    public const string Budget = "BUDGET";
    public const string Transaction = "TRANSACTION";
}

/// <summary>A problem with one activity (or a whole file when <see cref="Activity"/> is null): file, activity, element and what is wrong.</summary>
public sealed record IatiProblem(string File, string? Activity, string Element, string Message)
{
    public override string ToString() => Activity is null ? $"{File}: {Element}: {Message}" : $"{File}: {Activity}: {Element}: {Message}";
}

/// <summary>A file that cannot be read as IATI activities at all: broken XML, or not a supported version of the standard.</summary>
public sealed class IatiFileException(string path, string detail, Exception? innerException = null) : Exception($"{path}: {detail}", innerException)
{
    /// <summary>The file, as it was named.</summary>
    public string Path { get; } = path;

    /// <summary>What is wrong with it.</summary>
    public string Detail { get; } = detail;
}
