using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Ingest.Iati;

/// <summary>IATI activity files written by the tests, and the official annotated example.</summary>
internal static class IatiFiles
{
    public static string AnnotatedExample { get; } =
        RepositoryFiles.PathOf("tests", "HealthGraph.Tests", "Ingest", "Iati", "data", "activity-standard-example-annotated-2.03.xml");

    public const string ExampleIdentifier = "AA-AAA-123456789-ABC123";

    /// <summary>Writes an iati-activities file of the given version holding the activities.</summary>
    public static string Write(string folder, string name, IEnumerable<string> activities, string version = "2.03")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="{version}" generated-datetime="2024-01-01T00:00:00Z">
            {string.Join("\n", activities)}
            </iati-activities>
            """);
        return path;
    }

    /// <summary>An activity with an identifier, reporting org, title and status, plus <paramref name="body"/>.</summary>
    public static string Activity(
        string identifier, string reporter, string body = "", string lastUpdated = "2024-01-01T00:00:00Z", string currency = "USD") => $"""
        <iati-activity default-currency="{currency}" last-updated-datetime="{lastUpdated}">
          <iati-identifier>{identifier}</iati-identifier>
          <reporting-org ref="{reporter}" type="40"><narrative>Publisher {reporter}</narrative></reporting-org>
          <title><narrative>Activity {identifier}</narrative></title>
          <activity-status code="2"/>
          {body}
        </iati-activity>
        """;

    public static string Org(string reference, int role, string type = "40") =>
        $"""<participating-org ref="{reference}" role="{role}" type="{type}"><narrative>Organisation {reference}</narrative></participating-org>""";

    public static string Budget(string value, string start, string end, string? currency = null, string type = "1") =>
        $"""<budget type="{type}" status="1"><period-start iso-date="{start}"/><period-end iso-date="{end}"/><value{(currency is null ? "" : $" currency=\"{currency}\"")} value-date="{start}">{value}</value></budget>""";

    public static string Transaction(string type, string value, string date, string? currency = null) =>
        $"""<transaction><transaction-type code="{type}"/><transaction-date iso-date="{date}"/><value{(currency is null ? "" : $" currency=\"{currency}\"")} value-date="{date}">{value}</value></transaction>""";
}
