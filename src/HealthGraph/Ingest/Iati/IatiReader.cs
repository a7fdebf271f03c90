using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using HealthGraph.Graph;

namespace HealthGraph.Ingest.Iati;

/// <summary>The SDG codes an import may link to (the official framework, as the store holds it); each indicator with its target's code.</summary>
public sealed record SdgCodes(IReadOnlySet<string> Goals, IReadOnlySet<string> Targets, IReadOnlyDictionary<string, string> Indicators);

/// <summary>
/// Reads an IATI Activity Standard file (versions 2.01 to 2.03) one <c>iati-activity</c> at a time with an
/// <see cref="XmlReader"/>: only the activity being read is in memory, so files of any size stream through. Each
/// activity comes with the problems found in it; a file that is not well-formed XML, or not a supported version,
/// throws <see cref="IatiFileException"/> naming the file (and the line and position).
/// </summary>
public static partial class IatiReader
{
    /// <summary>The versions of the IATI Activity Standard this reader maps.</summary>
    public static IReadOnlyList<string> SupportedVersions { get; } = ["2.01", "2.02", "2.03"];

    /// <summary>IATI SectorVocabulary codes (7, 8, 9: SDG goal, target, indicator).</summary>
    private static readonly HashSet<string> s_sectorVocabularies = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "98", "99"];

    /// <summary>IATI TagVocabulary codes (2, 3: SDG goal, target).</summary>
    private static readonly HashSet<string> s_tagVocabularies = ["1", "2", "3", "4", "99"];

    /// <summary>IATI PolicyMarkerVocabulary codes.</summary>
    private static readonly HashSet<string> s_policyMarkerVocabularies = ["1", "99"];

    private static readonly HashSet<string> s_roles = ["1", "2", "3", "4"];

    private static readonly HashSet<string> s_statuses = ["1", "2", "3", "4", "5", "6"];

    /// <summary>activity-date types: 1 planned start, 2 actual start, 3 planned end, 4 actual end.</summary>
    private static readonly HashSet<string> s_dateTypes = ["1", "2", "3", "4"];

    private static readonly XName s_lang = XNamespace.Xml + "lang";

    /// <summary>The activities of one file, in file order.</summary>
    public static IEnumerable<IatiActivity> Read(string path, SdgCodes sdg)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        });
        var file = Path.GetFileName(path);
        var lineInfo = (IXmlLineInfo)reader;
        Guard(path, lineInfo, () =>
        {
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "iati-activities")
            {
                throw new IatiFileException(path, $"the root element is <{reader.LocalName}>, not <iati-activities>: not an IATI activity file.");
            }

            var version = reader.GetAttribute("version");
            if (version is null || !SupportedVersions.Contains(version.Trim()))
            {
                throw new IatiFileException(path, version is null
                    ? $"<iati-activities> has no version attribute; HealthGraph reads IATI Activity Standard versions {string.Join(", ", SupportedVersions)}."
                    : $"IATI Activity Standard version '{version}' is not supported; HealthGraph reads versions {string.Join(", ", SupportedVersions)}.");
            }

            if (!reader.IsEmptyElement)
            {
                reader.Read();
            }
        });

        var position = 0;
        while (true)
        {
            var (element, line) = Guard(path, lineInfo, () => NextActivity(reader, lineInfo));
            if (element is null)
            {
                yield break;
            }

            position++;
            yield return Parse(element, file, position, line, sdg);
        }
    }

    /// <summary>The next iati-activity element (the reader then stands after it), or null at the end of the file.</summary>
    private static (XElement? Element, int Line) NextActivity(XmlReader reader, IXmlLineInfo lineInfo)
    {
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1)
            {
                if (reader.LocalName == "iati-activity")
                {
                    var line = lineInfo.LineNumber;
                    return ((XElement)XNode.ReadFrom(reader), line);
                }

                reader.Skip();
            }
            else
            {
                reader.Read();
            }
        }

        return (null, 0);
    }

    private static void Guard(string path, IXmlLineInfo lineInfo, Action read) => Guard(path, lineInfo, () =>
    {
        read();
        return 0;
    });

    private static T Guard<T>(string path, IXmlLineInfo lineInfo, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (XmlException e)
        {
            var line = e.LineNumber > 0 ? e.LineNumber : lineInfo.LineNumber;
            var column = e.LineNumber > 0 ? e.LinePosition : lineInfo.LinePosition;
            throw new IatiFileException(path, $"line {line}, position {column}: the file is not well-formed XML: {e.Message}", e);
        }
    }

    /// <summary>Maps one activity element, collecting every problem instead of stopping at the first.</summary>
    internal static IatiActivity Parse(XElement activity, string file, int position, int line, SdgCodes sdg)
    {
        var problems = new List<IatiProblem>();
        var identifier = Text(activity.Element("iati-identifier"));
        var reference = IatiActivity.Describe(identifier, position, line);
        void Problem(string element, string message) => problems.Add(new IatiProblem(file, reference, element, message));

        if (identifier is null)
        {
            Problem("iati-identifier", activity.Element("iati-identifier") is null ? "missing" : "empty");
        }

        DateTimeOffset? lastUpdated = null;
        if (activity.Attribute("last-updated-datetime")?.Value is { } updated)
        {
            if (DateTimeOffset.TryParse(updated.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                lastUpdated = parsed;
            }
            else
            {
                Problem("iati-activity/@last-updated-datetime", $"'{updated}' is not a date and time (xsd:dateTime)");
            }
        }

        var defaultCurrency = NullIfEmpty(activity.Attribute("default-currency")?.Value);
        if (defaultCurrency is not null && !Currency().IsMatch(defaultCurrency))
        {
            Problem("iati-activity/@default-currency", $"'{defaultCurrency}' is not an ISO 4217 currency code");
            defaultCurrency = null;
        }

        IatiOrganization? reportingOrg = null;
        if (activity.Element("reporting-org") is { } reporting)
        {
            reportingOrg = Organization(reporting, role: null);
            if (reportingOrg.Ref is null)
            {
                Problem("reporting-org/@ref", "missing or empty: the reporting organisation's identifier is needed to key the activity");
            }
        }
        else
        {
            Problem("reporting-org", "missing");
        }

        var title = Narrative(activity.Element("title"));
        if (title is null)
        {
            Problem(NodeProperties.Title, "missing or without a narrative");
        }

        var descriptions = activity.Elements("description").ToList();
        var description = Narrative(descriptions.FirstOrDefault(d => (string?)d.Attribute("type") is null or "1") ?? descriptions.FirstOrDefault());

        string? status = null;
        if (activity.Element("activity-status") is { } statusElement)
        {
            status = NullIfEmpty(statusElement.Attribute("code")?.Value);
            if (status is null || !s_statuses.Contains(status))
            {
                Problem("activity-status/@code", $"'{status}' is not an IATI activity status (1 to 6)");
                status = null;
            }
        }

        var dates = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var date in activity.Elements("activity-date"))
        {
            var type = (string?)date.Attribute("type");
            if (type is null || !s_dateTypes.Contains(type))
            {
                Problem("activity-date/@type", $"'{type}' is not an activity date type (1 to 4)");
            }
            else if (IsoDate(date.Attribute("iso-date")?.Value, $"activity-date[@type='{type}']/@iso-date", Problem) is { } iso)
            {
                dates[type] = iso;
            }
        }

        var countries = new List<string>();
        foreach (var country in activity.Elements("recipient-country"))
        {
            if (NullIfEmpty(country.Attribute("code")?.Value) is { } code)
            {
                countries.Add(code.ToUpperInvariant());
            }
            else
            {
                Problem("recipient-country/@code", "missing or empty");
            }
        }

        var participants = new List<IatiOrganization>();
        foreach (var org in activity.Elements("participating-org"))
        {
            var role = NullIfEmpty(org.Attribute("role")?.Value);
            var participant = Organization(org, role);
            if (role is null || !s_roles.Contains(role))
            {
                Problem("participating-org/@role", $"'{role}' is not an organisation role (1 funding, 2 accountable, 3 extending, 4 implementing)");
            }
            else if (participant.Ref is null && participant.Name is null)
            {
                Problem("participating-org", $"role {role}: has neither a ref nor a narrative naming the organisation");
            }
            else
            {
                participants.Add(participant);
            }
        }

        var classifications = new List<IatiClassification>();
        foreach (var sector in activity.Elements("sector"))
        {
            Classify(sector, "sector", (string?)sector.Attribute("vocabulary") ?? "1", s_sectorVocabularies, sdg, classifications, Problem);
        }

        foreach (var tag in activity.Elements("tag"))
        {
            Classify(tag, "tag", (string?)tag.Attribute("vocabulary"), s_tagVocabularies, sdg, classifications, Problem);
        }

        foreach (var marker in activity.Elements("policy-marker"))
        {
            Classify(marker, "policy-marker", (string?)marker.Attribute("vocabulary") ?? "1", s_policyMarkerVocabularies, sdg, classifications, Problem);
        }

        var results = new List<IatiResult>();
        foreach (var result in activity.Elements("result"))
        {
            var indicators = new List<IatiIndicator>();
            foreach (var indicator in result.Elements("indicator"))
            {
                var references = new List<(string, string)>();
                foreach (var r in indicator.Elements("reference"))
                {
                    var vocabulary = NullIfEmpty(r.Attribute("vocabulary")?.Value);
                    var code = NullIfEmpty(r.Attribute("code")?.Value);
                    if (vocabulary is null || code is null)
                    {
                        Problem("result/indicator/reference", "has no vocabulary or no code");
                    }
                    else if (vocabulary == "9" && !sdg.Indicators.ContainsKey(code))
                    {
                        Problem("result/indicator/reference[@vocabulary='9']/@code", $"'{code}' is not an indicator of the official SDG framework");
                    }
                    else
                    {
                        references.Add((vocabulary, code));
                    }
                }

                indicators.Add(new IatiIndicator(indicators.Count + 1, Narrative(indicator.Element("title")), Narrative(indicator.Element("description")), references)
                {
                    SdgTargets = [.. references.Where(r => r.Item1 == "9").Select(r => (r.Item2, sdg.Indicators[r.Item2]))],
                });
            }

            results.Add(new IatiResult(results.Count + 1, (string?)result.Attribute("type"), Narrative(result.Element("title")), Narrative(result.Element("description")), indicators));
        }

        var amounts = new List<IatiAmount>();
        foreach (var budget in activity.Elements("budget"))
        {
            var type = NullIfEmpty(budget.Attribute("type")?.Value);
            if (type is null)
            {
                Problem("budget/@type", "missing (1 original, 2 revised)");
            }

            var start = IsoDate(budget.Element("period-start")?.Attribute("iso-date")?.Value, "budget/period-start/@iso-date", Problem);
            var end = IsoDate(budget.Element("period-end")?.Attribute("iso-date")?.Value, "budget/period-end/@iso-date", Problem);
            if (Value(budget.Element("value"), "budget/value", defaultCurrency, Problem) is var (value, currency) && type is not null && start is not null && end is not null)
            {
                amounts.Add(new IatiAmount(IatiAmount.Budget, type, value, currency, start, end, null));
            }
        }

        foreach (var transaction in activity.Elements("transaction"))
        {
            var type = NullIfEmpty(transaction.Element("transaction-type")?.Attribute("code")?.Value);
            if (type is null)
            {
                Problem("transaction/transaction-type/@code", "missing");
            }

            var date = IsoDate(transaction.Element("transaction-date")?.Attribute("iso-date")?.Value, "transaction/transaction-date/@iso-date", Problem);
            if (Value(transaction.Element("value"), "transaction/value", defaultCurrency, Problem) is var (value, currency) && type is not null && date is not null)
            {
                amounts.Add(new IatiAmount(IatiAmount.Transaction, type, value, currency, null, null, date));
            }
        }

        return new IatiActivity(
            file, position, line, identifier, lastUpdated, defaultCurrency, reportingOrg, title, description, status, dates, countries,
            participants, classifications, results, amounts, problems);
    }

    private static void Classify(
        XElement element, string name, string? vocabulary, HashSet<string> known, SdgCodes sdg, List<IatiClassification> into, Action<string, string> problem)
    {
        var code = NullIfEmpty(element.Attribute("code")?.Value);
        vocabulary = NullIfEmpty(vocabulary);
        if (vocabulary is null)
        {
            problem($"{name}/@vocabulary", "missing");
            return;
        }

        if (!known.Contains(vocabulary))
        {
            problem($"{name}/@vocabulary", $"'{vocabulary}' is not a known {name} vocabulary ({string.Join(", ", known.Order(Comparer<string>.Create(CompareCodes)))})");
            return;
        }

        if (code is null)
        {
            problem($"{name}[@vocabulary='{vocabulary}']/@code", "missing or empty");
            return;
        }

        var (set, kind) = (name, vocabulary) switch
        {
            ("tag", "2") or ("sector", "7") => (sdg.Goals, "goal"),
            ("tag", "3") or ("sector", "8") => (sdg.Targets, "target"),
            ("sector", "9") => (sdg.Indicators.Keys.ToHashSet(StringComparer.Ordinal), "indicator"),
            _ => ((IReadOnlySet<string>?)null, null),
        };
        if (set is not null && !set.Contains(code))
        {
            problem($"{name}[@vocabulary='{vocabulary}']/@code", $"'{code}' is not a {kind} of the official SDG framework");
            return;
        }

        into.Add(new IatiClassification(name, vocabulary, code, Narrative(element), NullIfEmpty(element.Attribute("significance")?.Value))
        {
            SdgTargetOfIndicator = (name, vocabulary) == ("sector", "9") ? sdg.Indicators[code] : null,
        });
    }

    private static int CompareCodes(string a, string b) =>
        int.TryParse(a, CultureInfo.InvariantCulture, out var x) && int.TryParse(b, CultureInfo.InvariantCulture, out var y) ? x.CompareTo(y) : string.CompareOrdinal(a, b);

    private static (decimal Value, string Currency)? Value(XElement? value, string element, string? defaultCurrency, Action<string, string> problem)
    {
        if (value is null)
        {
            problem(element, "missing");
            return null;
        }

        var currency = NullIfEmpty(value.Attribute("currency")?.Value) ?? defaultCurrency;
        var text = value.Value.Trim();
        var ok = true;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            problem(element, $"'{text}' is not an amount (a decimal number such as 1500.50)");
            ok = false;
        }

        if (currency is null)
        {
            problem($"{element}/@currency", "missing, and the activity has no default-currency");
            ok = false;
        }
        else if (!Currency().IsMatch(currency))
        {
            problem($"{element}/@currency", $"'{currency}' is not an ISO 4217 currency code");
            ok = false;
        }

        if (NullIfEmpty(value.Attribute("value-date")?.Value) is { } valueDate)
        {
            ok &= IsoDate(valueDate, $"{element}/@value-date", problem) is not null;
        }

        return ok ? (amount, currency!) : null;
    }

    /// <summary>An xsd:date (YYYY-MM-DD, optionally with a time zone) as YYYY-MM-DD; null (and a problem) when it is not one.</summary>
    private static string? IsoDate(string? text, string element, Action<string, string> problem)
    {
        var value = NullIfEmpty(text);
        if (value is null)
        {
            problem(element, "missing");
            return null;
        }

        if (!DateWithZone().IsMatch(value)
            || !DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problem(element, $"'{value}' is not a date (YYYY-MM-DD)");
            return null;
        }

        return value[..10];
    }

    private static IatiOrganization Organization(XElement org, string? role) =>
        new(NullIfEmpty(org.Attribute("ref")?.Value), NullIfEmpty(org.Attribute("type")?.Value), Narrative(org), role);

    /// <summary>The element's narrative in the activity's language (the first without xml:lang), else its first narrative.</summary>
    private static string? Narrative(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        XElement? first = null;
        foreach (var narrative in element.Elements("narrative"))
        {
            if (NullIfEmpty(narrative.Value) is null)
            {
                continue;
            }

            first ??= narrative;
            if (narrative.Attribute(s_lang) is null)
            {
                return Clean(narrative.Value);
            }
        }

        return first is null ? null : Clean(first.Value);
    }

    private static string Clean(string text) => Spaces().Replace(text, " ").Trim();

    private static string? Text(XElement? element) => element is null ? null : NullIfEmpty(element.Value);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex DateWithZone();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Currency();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
