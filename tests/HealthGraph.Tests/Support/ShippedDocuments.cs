using System.Text.RegularExpressions;

namespace HealthGraph.Tests.Support;

/// <summary>Every GraphQL document the API ships (schema/documents) and the explorer sends (src/explorer/src/documents).</summary>
public static partial class ShippedDocuments
{
    /// <summary>Each document's text, by its operation's name: the reads and the editors' documents.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new[] { RepositoryFiles.PathOf("schema", "documents"), RepositoryFiles.PathOf("src", "explorer", "src", "documents") }
        .SelectMany(folder => Directory.EnumerateFiles(folder, "*.graphql"))
        .Select(File.ReadAllText)
        .ToDictionary(text => OperationName().Match(text).Groups[1].Value, text => text, StringComparer.Ordinal);

    /// <summary>
    /// The documents anyone may send, by operation name: every one but the editors' (a mutation, or a read marked "For
    /// editors", such as the change log or the form's read of who changed a work), which the explorer's browser tests
    /// send signed in.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ByOperation { get; } =
        All.Where(d => !ForEditors().IsMatch(d.Value)).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);

    /// <summary>
    /// Every shipped document at its largest page, each at least once: the legitimate requests that the limits must
    /// answer (on the seed, and beside the hostile requests on a large store). <paramref name="agency"/> and
    /// <paramref name="otherAgency"/> are two agencies of the store; <paramref name="words"/> finds agencies by name.
    /// </summary>
    public static IReadOnlyList<(string Operation, string Variables)> LargestPages(string agency, string otherAgency, string words) =>
    [
        ("AlignmentMatrix", """{"level":"TARGET","first":100}"""),
        ("Connections", $$"""{"from":"{{agency}}","to":"{{otherAgency}}","maxHops":6}"""),
        ("Deliverables", """{"first":100}"""),
        ("Deliverables", $$$"""{"first":100,"where":{"agency":{"eq":"{{{agency}}}"}},"orderBy":[{"field":"YEAR","direction":"DESC"}]}"""),
        ("Entity", $$"""{"id":"{{agency}}"}"""),
        ("GoalCoverage", """{"goal":"3","first":1000}"""),
        ("Neighbourhood", """{"id":"sdg-target-3.8","first":500}"""),
        ("OverlapMatrix", """{"dimension":"TARGET","first":100}"""),
        ("OverlapMatrix", """{"dimension":"COUNTERPART","first":100}"""),
        ("PartnerOverlaps", """{"first":100}"""),
        ("PartnerOverlaps", $$"""{"agencyIds":["{{agency}}","{{otherAgency}}","who"],"first":100}"""),
        ("Portfolio", $$"""{"agencyId":"{{agency}}"}"""),
        ("PotentialPartners", $$"""{"agencyId":"{{agency}}"}"""),
        ("Search", """{"text":"health","first":100}"""),
        ("ExplorerConnections", $$"""{"from":"{{agency}}","to":"sdg-goal-3","maxHops":6}"""),
        ("ExplorerEntity", $$"""{"id":"{{agency}}","first":100}"""),
        ("ExplorerGoalContributions", """{"goal":"3","first":1000}"""),
        ("ExplorerGoalCoverage", """{"goal":"3","first":1000}"""),
        ("ExplorerGoals", "{}"),
        ("ExplorerNeighbourhood", """{"id":"sdg-target-3.8","first":500}"""),
        ("ExplorerOverlapMatrix", """{"dimension":"TARGET","first":100}"""),
        ("ExplorerPairOverlap", $$"""{"agencyIds":["{{agency}}","{{otherAgency}}"]}"""),
        ("ExplorerRegionCoverage", """{"country":"place-tjk","agencies":100}"""),
        ("ExplorerRegionWork", """{"region":"place-3505000","period":{"from":"2021","to":"2021"},"first":100}"""),
        ("ExplorerSearch", $$"""{"text":"{{words}}","first":100}"""),
        ("ExplorerViewer", "{}"),
        ("ExplorerDocumentText", """{"id":"who-uhcp-tajikistan"}"""),
    ];

    [GeneratedRegex(@"^\s*(?:query|mutation)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex OperationName();

    /// <summary>An editors' document: a mutation, or a read that says so in its first comment ("# For editors: ...", "# For administrators: ...").</summary>
    [GeneratedRegex(@"^\s*mutation\s|\A# For (?:editors|administrators):", RegexOptions.Multiline)]
    private static partial Regex ForEditors();
}
