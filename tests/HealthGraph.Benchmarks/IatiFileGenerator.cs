using System.Globalization;
using System.Xml;
using HealthGraph.Ingest.Seed;

namespace HealthGraph.Benchmarks;

/// <summary>
/// Writes a synthetic IATI Activity Standard 2.03 file for the import benchmark, deterministically (the same count and
/// random seed give the same bytes): 12 publishers, a pool of 60 partner organisations in all four roles, SDG goals and
/// targets as tags and sectors, DAC sectors and policy markers, results with indicators (some naming SDG indicators),
/// budgets and transactions in two currencies, and one activity in twenty reported a second time by its funder.
/// Every organisation ref starts with XM-SYN- and every identifier with it: nothing here is a real publisher.
/// </summary>
public static class IatiFileGenerator
{
    private static readonly string[] s_countries = ["TJ", "KG", "UZ", "KZ", "AF", "TM"];

    private static readonly string[] s_dacSectors = ["12110", "12181", "12220", "12230", "12240", "12250", "12261", "12262", "12263", "12281", "13020", "13030", "16010", "16020", "15110"];

    private static readonly string[] s_words =
        ["health", "workforce", "primary", "care", "maternal", "child", "nutrition", "immunization", "labour", "migration", "decent", "work",
         "social", "protection", "training", "survey", "district", "hospital", "financing", "coverage", "youth", "employment", "skills", "data"];

    public static async Task<int> WriteAsync(int activities, string path, int randomSeed, TextWriter output)
    {
        var random = new Random(randomSeed);
        var framework = File.ReadLines(Path.Combine(Seeder.DefaultDirectory, "sdg", "sdg_framework.csv")).Skip(1)
            .Select(l => l.Split(',', 3)).ToList();
        var targets = framework.Where(r => r[0] == "target").Select(r => r[1]).ToArray();
        var indicators = framework.Where(r => r[0] == "indicator").Select(r => r[1]).ToArray();
        var publishers = Enumerable.Range(1, 12).Select(i => $"XM-SYN-P{i:D2}").ToArray();
        var partners = Enumerable.Range(1, 60).Select(i => (Ref: $"XM-SYN-O{i:D3}", Type: new[] { "10", "21", "22", "40", "60", "70", "80" }[i % 7])).ToArray();

        var settings = new XmlWriterSettings { Indent = true, Async = true };
        await using var writer = XmlWriter.Create(path, settings);
        await writer.WriteStartDocumentAsync();
        writer.WriteStartElement("iati-activities");
        writer.WriteAttributeString("version", "2.03");
        writer.WriteAttributeString("generated-datetime", "2026-01-01T00:00:00Z");
        var repeats = new List<(string Identifier, int Seed, string Funder)>();
        for (var n = 1; n <= activities; n++)
        {
            var publisher = publishers[random.Next(publishers.Length)];
            var identifier = $"{publisher}-{n:D7}";
            var funder = partners[random.Next(partners.Length)].Ref;
            var seed = random.Next();
            Activity(writer, identifier, publisher, funder, seed, targets, indicators, partners);
            if (n % 20 == 0)
            {
                repeats.Add((identifier, seed, funder));
            }
        }

        // The funder's own report of every twentieth activity: the same identifier under another reporting org.
        foreach (var (identifier, seed, funder) in repeats)
        {
            Activity(writer, identifier, funder, funder, seed, targets, indicators, partners);
        }

        await writer.WriteEndElementAsync();
        await writer.WriteEndDocumentAsync();
        await writer.FlushAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {activities + repeats.Count:N0} iati-activity elements ({activities:N0} activities, {repeats.Count:N0} reported twice) to {path} ({new FileInfo(path).Length / 1048576.0:F1} MB)."));
        return 0;
    }

    private static void Activity(
        XmlWriter w, string identifier, string reporter, string funder, int seed, string[] targets, string[] indicators, (string Ref, string Type)[] partners)
    {
        var random = new Random(seed);
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => s_words[random.Next(s_words.Length)]));
        string Date(int year, int day) => new DateOnly(year, 1, 1).AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        void Narrative(string element, string text, params (string Name, string Value)[] attributes)
        {
            w.WriteStartElement(element);
            foreach (var (name, value) in attributes)
            {
                w.WriteAttributeString(name, value);
            }

            w.WriteElementString("narrative", text);
            w.WriteEndElement();
        }

        void Empty(string element, params (string Name, string Value)[] attributes)
        {
            w.WriteStartElement(element);
            foreach (var (name, value) in attributes)
            {
                w.WriteAttributeString(name, value);
            }

            w.WriteEndElement();
        }

        var start = 2018 + random.Next(7);
        w.WriteStartElement("iati-activity");
        w.WriteAttributeString("default-currency", random.Next(4) == 0 ? "EUR" : "USD");
        w.WriteAttributeString("last-updated-datetime", $"{Date(2025, random.Next(300))}T12:00:00Z");
        w.WriteElementString("iati-identifier", identifier);
        Narrative("reporting-org", $"Publisher {reporter}", ("ref", reporter), ("type", "40"));
        Narrative("title", $"{char.ToUpperInvariant(s_words[random.Next(s_words.Length)][0])}{Words(6)[1..]}");
        Narrative("description", Words(30), ("type", "1"));
        Narrative("participating-org", $"Organisation {funder}", ("ref", funder), ("role", "1"), ("type", "40"));
        for (var role = 2; role <= 4; role++)
        {
            var count = role == 4 ? 1 + random.Next(2) : random.Next(2);
            for (var i = 0; i < count; i++)
            {
                var (reference, type) = partners[random.Next(partners.Length)];
                Narrative("participating-org", $"Organisation {reference}", ("ref", reference), ("role", role.ToString(CultureInfo.InvariantCulture)), ("type", type));
            }
        }

        Empty("activity-status", ("code", (1 + random.Next(6)).ToString(CultureInfo.InvariantCulture)));
        Empty("activity-date", ("iso-date", Date(start, random.Next(200))), ("type", "1"));
        Empty("activity-date", ("iso-date", Date(start, 200 + random.Next(100))), ("type", "2"));
        Empty("activity-date", ("iso-date", Date(start + 3, random.Next(300))), ("type", "3"));
        foreach (var country in s_countries.OrderBy(_ => random.Next()).Take(1 + random.Next(2)))
        {
            Empty("recipient-country", ("code", country), ("percentage", "50"));
        }

        Empty("sector", ("vocabulary", "1"), ("code", s_dacSectors[random.Next(s_dacSectors.Length)]), ("percentage", "100"));
        var target = targets[random.Next(targets.Length)];
        if (random.Next(3) == 0)
        {
            Empty("sector", ("vocabulary", "8"), ("code", target), ("percentage", "100"));
        }

        if (random.Next(10) == 0)
        {
            Empty("sector", ("vocabulary", "9"), ("code", indicators[random.Next(indicators.Length)]), ("percentage", "100"));
        }

        Empty("tag", ("vocabulary", "2"), ("code", target.Split('.')[0]));
        Empty("tag", ("vocabulary", "3"), ("code", target));
        if (random.Next(2) == 0)
        {
            Empty("policy-marker", ("vocabulary", "1"), ("code", (1 + random.Next(12)).ToString(CultureInfo.InvariantCulture)), ("significance", random.Next(3).ToString(CultureInfo.InvariantCulture)));
        }

        for (var year = start; year < start + 1 + random.Next(3); year++)
        {
            w.WriteStartElement("budget");
            w.WriteAttributeString("type", "1");
            w.WriteAttributeString("status", "1");
            Empty("period-start", ("iso-date", $"{year}-01-01"));
            Empty("period-end", ("iso-date", $"{year}-12-31"));
            w.WriteStartElement("value");
            w.WriteAttributeString("value-date", $"{year}-01-01");
            w.WriteString((1000 * (10 + random.Next(990))).ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
            w.WriteEndElement();
        }

        for (var i = random.Next(5); i > 0; i--)
        {
            w.WriteStartElement("transaction");
            Empty("transaction-type", ("code", (2 + random.Next(3)).ToString(CultureInfo.InvariantCulture)));
            Empty("transaction-date", ("iso-date", Date(start, random.Next(700))));
            w.WriteStartElement("value");
            if (random.Next(5) == 0)
            {
                w.WriteAttributeString("currency", "GBP");
            }

            w.WriteAttributeString("value-date", Date(start, 0));
            w.WriteString((random.Next(1, 500_000) / 100m).ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
            w.WriteEndElement();
        }

        for (var r = random.Next(3); r > 0; r--)
        {
            w.WriteStartElement("result");
            w.WriteAttributeString("type", "2");
            Narrative("title", Words(5));
            for (var i = 1 + random.Next(2); i > 0; i--)
            {
                w.WriteStartElement("indicator");
                w.WriteAttributeString("measure", "1");
                Narrative("title", Words(4));
                if (random.Next(3) == 0)
                {
                    Empty("reference", ("vocabulary", "9"), ("code", indicators[random.Next(indicators.Length)]));
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }
}
