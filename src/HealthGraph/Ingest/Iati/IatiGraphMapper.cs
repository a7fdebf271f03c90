using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HealthGraph.Graph;

namespace HealthGraph.Ingest.Iati;

/// <summary>Another publisher's record of the same activity: its deliverable, reporting org and source document.</summary>
public sealed record IatiSibling(string DeliverableId, string ReportingOrgRef, string? DocumentId);

/// <summary>The nodes and relationships of one activity record.</summary>
public sealed record IatiActivityGraph(GraphNode Deliverable, IReadOnlyList<GraphNode> SharedNodes, IReadOnlyList<GraphNode> OwnNodes, IReadOnlyList<GraphRelationship> Relationships);

/// <summary>
/// Maps a valid IATI activity onto the graph (see docs/seeding.md, "seed import-iati"): the activity as a Deliverable keyed on
/// its iati-identifier and reporting organisation, its organisations with their roles, its SDG goals and targets as
/// STATED alignments, other sectors, tags and policy markers as themes, results and indicators as outcomes and
/// indicators, budgets and transactions as amounts. Every element carries STATED provenance (the file's document and
/// an excerpt that names the iati-identifier), except the links to the target of an SDG indicator the file names (a
/// sector of vocabulary 9 for the activity, a reference of vocabulary 9 for a result), which are DERIVED.
/// </summary>
public static class IatiGraphMapper
{
    public const string DeliverableKind = "PROJECT";

    /// <summary>The property that holds an imported activity's iati-identifier, and marks a deliverable as imported.</summary>
    public const string IdentifierProperty = "iatiIdentifier";

    private static readonly Dictionary<string, string> s_statuses = new(StringComparer.Ordinal)
    {
        ["1"] = "PIPELINE",
        ["2"] = "IMPLEMENTATION",
        ["3"] = "FINALISATION",
        ["4"] = "CLOSED",
        ["5"] = "CANCELLED",
        ["6"] = "SUSPENDED",
    };

    private static readonly Dictionary<string, string> s_roles = new(StringComparer.Ordinal)
    {
        ["1"] = RelationshipTypes.Funds,
        ["2"] = RelationshipTypes.AccountableFor,
        ["3"] = RelationshipTypes.Extends,
        ["4"] = RelationshipTypes.Delivers,
    };

    /// <summary>The relationship types an activity record's deliverable has, by direction: what a newer version replaces.</summary>
    public static IReadOnlyList<(string Type, Store.Direction Direction)> DeliverableRelationships { get; } =
    [
        (RelationshipTypes.Reports, Store.Direction.Incoming),
        (RelationshipTypes.Funds, Store.Direction.Incoming),
        (RelationshipTypes.AccountableFor, Store.Direction.Incoming),
        (RelationshipTypes.Extends, Store.Direction.Incoming),
        (RelationshipTypes.Delivers, Store.Direction.Incoming),
        (RelationshipTypes.SameActivityAs, Store.Direction.Incoming),
        (RelationshipTypes.SameActivityAs, Store.Direction.Outgoing),
        (RelationshipTypes.AlignsWith, Store.Direction.Outgoing),
        (RelationshipTypes.HasTheme, Store.Direction.Outgoing),
        (RelationshipTypes.Serves, Store.Direction.Outgoing),
    ];

    /// <summary>The id of a file's Document node: from the file name, so a newer version of the same file is the same document.</summary>
    public static string DocumentId(string path) => Id("iati-file-", Path.GetFileName(path), hashed: null);

    /// <summary>The Document node of an imported file.</summary>
    public static GraphNode Document(string path) =>
        GraphNode.Create(DocumentId(path), NodeLabels.Document, Path.GetFileName(path), new Provenance(Basis.Stated, DocumentId(path), null, null),
            (NodeProperties.Title, Path.GetFileName(path)), ("file", Path.GetFullPath(path)), (NodeProperties.Kind, "IATI_FILE"),
            (NodeProperties.Description, "An IATI Activity Standard file imported with healthgraph seed import-iati."));

    /// <summary>A record's deliverable id: readable from the identifier, and unique per (iati-identifier, reporting org).</summary>
    public static string DeliverableId(string identifier, string reportingOrgRef) => Id("iati-", identifier, $"{identifier}\n{reportingOrgRef}");

    /// <summary>An organisation's id: from its IATI ref (e.g. iati-org-xm-dac-41302), else from its name.</summary>
    public static string OrganizationId(IatiOrganization org) =>
        org.Ref is { } reference ? Id("iati-org-", reference, hashed: null) : Id("iati-org-name-", org.Name!, org.Name);

    /// <summary>
    /// Whether a record is the one totals count: the activity's own publisher (whose org ref starts the identifier);
    /// when none or several qualify, the one with the smallest reporting-org ref (ordinal), so every import agrees.
    /// </summary>
    public static string CountedReporter(string identifier, IEnumerable<string> reportingOrgRefs)
    {
        var refs = reportingOrgRefs.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return refs.FirstOrDefault(r => identifier.StartsWith(r, StringComparison.OrdinalIgnoreCase)) ?? refs[0];
    }

    public static IatiActivityGraph Map(IatiActivity activity, string documentId, bool countedInTotals, IReadOnlyList<IatiSibling> siblings)
    {
        var identifier = activity.Identifier!;
        var reporter = activity.ReportingOrg!;
        var id = DeliverableId(identifier, reporter.Ref!);
        Provenance Stated(string what) => Provenance.Stated(documentId, $"iati-identifier {identifier}: {what}");

        var shared = new List<GraphNode>();
        var own = new List<GraphNode>();
        var relationships = new List<GraphRelationship>();
        void Link(string type, string from, string to, string what, params (string Key, object? Value)[] properties) =>
            relationships.Add(new GraphRelationship(type, from, to, Properties(properties), Stated(what)));

        activity.Dates.TryGetValue("1", out var plannedStart);
        activity.Dates.TryGetValue("2", out var actualStart);
        activity.Dates.TryGetValue("3", out var plannedEnd);
        activity.Dates.TryGetValue("4", out var actualEnd);
        var deliverable = GraphNode.Create(id, NodeLabels.Deliverable, activity.Title!, Stated($"reporting-org {reporter.Ref}"),
            (NodeProperties.Kind, DeliverableKind), (NodeProperties.Title, activity.Title), (NodeProperties.Description, activity.Description),
            (NodeProperties.Status, activity.StatusCode is { } status ? s_statuses[status] : null), ("iatiActivityStatus", activity.StatusCode),
            (NodeProperties.PlannedStartDate, plannedStart), (NodeProperties.ActualStartDate, actualStart), (NodeProperties.PlannedEndDate, plannedEnd), (NodeProperties.ActualEndDate, actualEnd),
            ("recipientCountries", activity.RecipientCountries.Distinct(StringComparer.Ordinal).ToList()),
            (NodeProperties.Country, activity.RecipientCountries.Distinct(StringComparer.Ordinal).Count() == 1 ? activity.RecipientCountries[0] : null),
            (IdentifierProperty, identifier), ("reportingOrgRef", reporter.Ref), ("reportingOrgName", reporter.Name),
            ("lastUpdated", activity.LastUpdated?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            ("sdgIndicatorCodes", activity.Classifications.Where(c => (c.Element, c.Vocabulary) == ("sector", "9")).Select(c => c.Code).Distinct(StringComparer.Ordinal).ToList()),
            ("defaultCurrency", activity.DefaultCurrency), (NodeProperties.Amounts, activity.Amounts.Select(Serialize).ToList()),
            (NodeProperties.IatiCountedInTotals, countedInTotals ? 1L : 0L));

        var reporterId = OrganizationId(reporter);
        shared.Add(Organization(reporter, reporterId, Stated($"reporting-org ref {reporter.Ref}")));
        Link(RelationshipTypes.Reports, reporterId, id, $"reporting-org ref {reporter.Ref}");
        foreach (var org in activity.ParticipatingOrgs)
        {
            var orgId = OrganizationId(org);
            var what = $"participating-org role {org.Role}{(org.Ref is null ? $" '{org.Name}'" : $" ref {org.Ref}")}";
            shared.Add(Organization(org, orgId, Stated(what)));
            Link(s_roles[org.Role!], orgId, id, what);
        }

        foreach (var c in activity.Classifications)
        {
            var what = $"{c.Element} vocabulary {c.Vocabulary} code {c.Code}";
            switch ((c.Element, c.Vocabulary))
            {
                case ("tag", "2") or ("sector", "7"):
                    Link(RelationshipTypes.AlignsWith, id, Vocabulary.SdgGoalId(c.Code), what);
                    break;
                case ("tag", "3") or ("sector", "8"):
                    Link(RelationshipTypes.AlignsWith, id, Vocabulary.SdgTargetId(c.Code), what);
                    break;
                case ("sector", "9"):
                    // Deliverables align with goals and targets (the overlap and coverage questions count those); the
                    // file states the indicator, and the software derives its target by the framework's rule: DERIVED.
                    relationships.Add(new GraphRelationship(RelationshipTypes.AlignsWith, id, Vocabulary.SdgTargetId(c.SdgTargetOfIndicator!), GraphRelationship.NoProperties,
                        Provenance.Derived(
                            $"IATI sector vocabulary 9 names SDG indicator {c.Code}, which the official SDG framework places under target {c.SdgTargetOfIndicator}.",
                            documentId, $"iati-identifier {identifier}: {what}")));
                    break;
                default:
                    // A publisher's own vocabulary (98, 99) means something only with its publisher: its codes are theirs.
                    var scope = c.Vocabulary is "98" or "99" ? $"{c.Vocabulary}-{reporter.Ref}" : c.Vocabulary;
                    var themeId = Id($"iati-{c.Element}-", $"{scope}-{c.Code}", $"{c.Element}\n{scope}\n{c.Code}");
                    shared.Add(GraphNode.Create(themeId, NodeLabels.Theme, c.Name ?? ThemeName(c), Stated(what),
                        ("name", c.Name ?? ThemeName(c)), (NodeProperties.Description, $"IATI {c.Element} vocabulary {c.Vocabulary}, code {c.Code}.")));
                    Link(RelationshipTypes.HasTheme, id, themeId, what, ("significance", c.Significance));
                    break;
            }
        }

        foreach (var result in activity.Results)
        {
            var resultId = $"{id}-r{result.Position}";
            var what = $"result {result.Position}";
            var statement = result.Title ?? result.Description ?? $"Result {result.Position} of {activity.Title}";
            own.Add(GraphNode.Create(resultId, NodeLabels.Outcome, statement, Stated(what),
                (NodeProperties.Level, "RESULT"), (NodeProperties.Statement, statement), (NodeProperties.Description, result.Description), ("iatiResultType", result.Type)));
            Link(RelationshipTypes.Serves, id, resultId, what);
            foreach (var indicator in result.Indicators)
            {
                var indicatorId = $"{resultId}-i{indicator.Position}";
                var indicatorWhat = $"result {result.Position} indicator {indicator.Position}";
                var title = indicator.Title ?? indicator.Description ?? $"Indicator {indicator.Position} of result {result.Position}";
                own.Add(GraphNode.Create(indicatorId, NodeLabels.Indicator, title, Stated(indicatorWhat),
                    (NodeProperties.Title, title), (NodeProperties.Description, indicator.Description),
                    ("references", indicator.References.Select(r => $"{r.Vocabulary}:{r.Code}").ToList())));
                Link(RelationshipTypes.MeasuredBy, resultId, indicatorId, indicatorWhat);
                foreach (var (vocabulary, code) in indicator.References.Where(r => r.Vocabulary == "9"))
                {
                    Link(RelationshipTypes.AlignsWith, indicatorId, Vocabulary.SdgIndicatorId(code),
                        $"{indicatorWhat} reference vocabulary {vocabulary} code {code}");
                }
            }

            // The indicator path: a result measured by an SDG indicator aligns with the indicator's target, which the
            // framework gives, not the file, so the link is DERIVED; the work serving the result counts through it.
            foreach (var (indicator, sdgIndicator, target) in result.Indicators
                .SelectMany(i => i.SdgTargets.Select(t => (Indicator: i.Position, SdgIndicator: t.Indicator, t.Target)))
                .DistinctBy(t => t.Target))
            {
                relationships.Add(new GraphRelationship(RelationshipTypes.AlignsWith, resultId, Vocabulary.SdgTargetId(target), GraphRelationship.NoProperties,
                    Provenance.Derived(
                        $"Indicator {indicator} of result {result.Position} references SDG indicator {sdgIndicator}, which the official SDG framework places under target {target}.",
                        documentId, $"iati-identifier {identifier}: result {result.Position} indicator {indicator} reference vocabulary 9 code {sdgIndicator}")));
            }
        }

        foreach (var sibling in siblings)
        {
            Link(RelationshipTypes.SameActivityAs, id, sibling.DeliverableId,
                $"reporting-org {reporter.Ref}; also reported by reporting-org {sibling.ReportingOrgRef}");
        }

        return new IatiActivityGraph(deliverable, shared, own, Deduplicated(relationships));
    }

    /// <summary>A stored sibling's link back to a record: stated by the sibling's own file.</summary>
    public static GraphRelationship SiblingLink(IatiSibling from, string identifier, string toId, string toReportingOrgRef) =>
        new(RelationshipTypes.SameActivityAs, from.DeliverableId, toId, GraphRelationship.NoProperties,
            from.DocumentId is { } document
                ? Provenance.Stated(document, $"iati-identifier {identifier}: reporting-org {from.ReportingOrgRef}; also reported by reporting-org {toReportingOrgRef}")
                : Provenance.Inferred($"The same iati-identifier {identifier} is reported by {from.ReportingOrgRef} and {toReportingOrgRef}."));

    /// <summary>An amount as the JSON object kept in the deliverable's amounts list (see <see cref="ParseAmount"/>).</summary>
    public static string Serialize(IatiAmount amount)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(NodeProperties.Kind, amount.Kind);
            json.WriteString("type", amount.Type);
            json.WriteString("value", amount.Value.ToString(CultureInfo.InvariantCulture));
            json.WriteString("currency", amount.Currency);
            if (amount.PeriodStart is not null)
            {
                json.WriteString("periodStart", amount.PeriodStart);
            }

            if (amount.PeriodEnd is not null)
            {
                json.WriteString("periodEnd", amount.PeriodEnd);
            }

            if (amount.Date is not null)
            {
                json.WriteString("date", amount.Date);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>An amount kept by <see cref="Serialize"/>.</summary>
    public static IatiAmount ParseAmount(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string? Get(string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new IatiAmount(Get("kind")!, Get("type")!, decimal.Parse(Get("value")!, NumberStyles.Number, CultureInfo.InvariantCulture),
            Get("currency")!, Get("periodStart"), Get("periodEnd"), Get("date"));
    }

    private static GraphNode Organization(IatiOrganization org, string id, Provenance provenance) =>
        GraphNode.Create(id, NodeLabels.Organization, org.Name ?? org.Ref!, provenance,
            ("name", org.Name ?? org.Ref), (NodeProperties.Kind, OrganizationKind(org.Type)), ("iatiRef", org.Ref), ("iatiOrganizationType", org.Type));

    /// <summary>IATI OrganisationType codes onto the graph's kinds: governments, NGOs, multilaterals; the rest OTHER.</summary>
    private static string OrganizationKind(string? type) => type switch
    {
        "10" or "11" or "15" => "GOVERNMENT_BODY",
        "21" or "22" or "23" or "24" => "NGO",
        "40" => "DEVELOPMENT_PARTNER",
        _ => "OTHER",
    };

    private static string ThemeName(IatiClassification c) => (c.Element, c.Vocabulary) switch
    {
        ("sector", "1") => $"DAC sector {c.Code}",
        ("sector", "2") => $"DAC 3-digit sector {c.Code}",
        ("policy-marker", "1") => $"DAC policy marker {c.Code}",
        _ => $"IATI {c.Element} {c.Code} (vocabulary {c.Vocabulary})",
    };

    private static IReadOnlyDictionary<string, object?> Properties((string Key, object? Value)[] properties) =>
        properties.Any(p => p.Value is not null)
            ? properties.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
            : GraphRelationship.NoProperties;

    /// <summary>One relationship per (from, type, to): the first STATED one, else the first (an activity may list the same code twice).</summary>
    private static List<GraphRelationship> Deduplicated(List<GraphRelationship> relationships)
    {
        var seen = new HashSet<(string, string, string)>();
        return [.. relationships.OrderBy(r => r.Provenance.Basis == Basis.Stated ? 0 : 1).Where(r => seen.Add((r.FromId, r.Type, r.ToId)))];
    }

    /// <summary>
    /// A readable id: the prefix and a slug of the text (lower case, other characters as '-'), with a short hash of
    /// <paramref name="hashed"/> when given, so texts that slug alike (case, punctuation) keep apart.
    /// </summary>
    private static string Id(string prefix, string text, string? hashed)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant())
        {
            var keep = ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.';
            if (keep)
            {
                slug.Append(ch);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var body = slug.ToString().Trim('-', '.');
        var suffix = hashed is null ? "" : "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hashed)))[..8];
        var room = 110 - prefix.Length - suffix.Length;
        body = body.Length > room ? body[..room].TrimEnd('-', '.') : body;
        if (body.Length == 0 && suffix.Length == 0)
        {
            suffix = "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        }

        return (prefix + body + suffix).Replace("--", "-", StringComparison.Ordinal);
    }

}
