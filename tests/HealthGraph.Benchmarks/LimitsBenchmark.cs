using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace HealthGraph.Benchmarks;

/// <summary>
/// The most expensive requests the limits still admit: each sent once to a fresh API process (the built healthgraph
/// executable, production limits, rate limiting off) over the given store, with its time, answer size, price and the
/// process's peak resident memory (VmHWM; the process is new for each request, so the peak is that request's). The
/// requests are those the hostile-request tests find heaviest: the shipped documents at their largest pages and the
/// costliest variants an attacker can still send.
/// </summary>
public static partial class LimitsBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<string> settings, TextWriter output, CancellationToken cancellationToken)
    {
        var (agency, other) = await FindAgenciesAsync(settings, cancellationToken);
        var contains = string.Join(", ", Enumerable.Range(0, 40).Select(i => $$"""{ items: { contains: "zq{{i:D2}}x" } }"""));
        (string Name, string Query, object? Variables)[] requests =
        [
            ("alignment matrix by target, 100 agencies", Operations.Document("AlignmentMatrix"), new { level = "TARGET", first = 100 }),
            ("goal 3's coverage, 1,000 per target", Operations.Document("GoalCoverage"), new { goal = "3", first = 1000 }),
            ("overlap matrix by target, 100 agencies", Operations.Document("OverlapMatrix"), new { dimension = "TARGET", first = 100 }),
            ("every pair, largest page, with its count", "{ partnerOverlaps(first: 100) { totalCount nodes { agencyA { id } agencyB { id } targets { sharedCount shared(first: 100) { id } } } } }", null),
            ("40 text conditions over every deliverable", $$"""{ deliverables(first: 100, where: { or: [{{contains}}] }) { totalCount nodes { id } } }""", null),
            ("twelve aliases of 20 themes' work", "{ " + string.Join(' ', Enumerable.Range(0, 12).Select(i => $"t{i}: themes(first: 20) {{ nodes {{ deliverables(first: 100) {{ nodes {{ id title }} }} }} }}")) + " }", null),
            ("shortest paths, 6 hops", Operations.Document("Connections"), new { from = agency, to = other, maxHops = 6 }),
            ("an agency's portfolio", Operations.Document("Portfolio"), new { agencyId = agency }),
        ];

        output.WriteLine("| request | price | status | time | answer | peak memory |");
        output.WriteLine("|---|---:|---|---:|---:|---:|");
        var failures = 0;
        foreach (var (name, query, variables) in requests)
        {
            using var api = await ApiProcess.StartAsync(settings, cancellationToken);
            await api.PostAsync("{ statistics { entityCount } }", null, cancellationToken); // the graph's sizes, for pricing
            var timer = Stopwatch.StartNew();
            var (status, body) = await api.PostAsync(query, variables, cancellationToken);
            var time = timer.Elapsed;
            var json = JsonNode.Parse(body);
            var error = (string?)json?["errors"]?[0]?["extensions"]?["code"];
            failures += error is null or "QUERY_TOO_COMPLEX" ? 0 : 1; // refused by its price at this size: an answer too
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {(double?)json?["extensions"]?["cost"]?["requested"] ?? 0:N0} | {status}{(error is null ? "" : " " + error)} | {time.TotalSeconds:F2} s | {Encoding.UTF8.GetByteCount(body) / 1e6:F2} MB | {api.PeakResidentBytes / (1024 * 1024)} MB |"));
        }

        return failures == 0 ? 0 : 1;
    }

    /// <summary>Two synthetic UN agencies (a synthetic store's), else WHO and ILO (the seed's).</summary>
    private static async Task<(string, string)> FindAgenciesAsync(IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        using var api = await ApiProcess.StartAsync(settings, cancellationToken);
        var (_, body) = await api.PostAsync(
            "query($ids: [ID!]) { organizations(first: 2, where: { id: { in: $ids }, organizationKind: { eq: UN_AGENCY } }) { nodes { id } } }",
            new { ids = Enumerable.Range(1, 20).Select(i => $"syn-agency-{i:D3}") }, cancellationToken);
        var ids = JsonNode.Parse(body)!["data"]!["organizations"]!["nodes"]!.AsArray().Select(n => (string)n!["id"]!).ToList();
        return ids.Count == 2 ? (ids[0], ids[1]) : ("who", "ilo");
    }
}
