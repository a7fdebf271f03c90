using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace HealthGraph.Benchmarks;

/// <summary>
/// The shipped documents a council's dashboard and explorer send, each answered by every store given (the built
/// healthgraph executable, production limits, rate limiting and the result cache off), one request at a time: p50 and p99 of the time to the
/// last byte, after a few requests to warm up, side by side with the ratio of each store's p50 to the first store's.
/// Every answer must be 200 without errors: a document that fails is reported, shown as NaN, and the run exits 1. The
/// stores must hold the same graph (the same `seed --synthetic N`).
/// </summary>
public static class DocumentsBenchmark
{
    public sealed record Store(string Name, IReadOnlyList<string> Settings, string? Memory);

    private sealed record Request(string Name, string Query, IReadOnlyList<object?> Variables);

    public static async Task<int> RunAsync(IReadOnlyList<Store> stores, int requests, TimeSpan warmUp, TextWriter output, CancellationToken cancellationToken)
    {
        var results = new List<Dictionary<string, (double P50, double P99)>>();
        var failed = false;
        string[]? names = null;
        foreach (var store in stores)
        {
            // The stores' own answers: the result cache would answer every repeat of a document from memory.
            using var api = await ApiProcess.StartAsync([.. store.Settings, "--GraphQL:ResultCache:Enabled=false"], cancellationToken);
            var documents = await RequestsAsync(api, cancellationToken);
            names ??= [.. documents.Select(d => d.Name)];
            var warmed = await WarmUpAsync(api, documents, warmUp, cancellationToken);
            if (warmed > 0)
            {
                output.WriteLine($"{store.Name}: warmed up by {warmed} requests in {warmUp.TotalSeconds:F0} s");
            }

            var times = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
            foreach (var document in documents)
            {
                var samples = new List<double>();
                for (var i = -Math.Max(3, requests / 5); i < requests; i++)
                {
                    var variables = document.Variables[((i % document.Variables.Count) + document.Variables.Count) % document.Variables.Count];
                    var timer = Stopwatch.StartNew();
                    var (status, body) = await api.PostAsync(document.Query, variables, cancellationToken);
                    var elapsed = timer.Elapsed.TotalMilliseconds;
                    if (status != 200 || JsonNode.Parse(body)?["errors"] is not null)
                    {
                        output.WriteLine($"{store.Name}: {document.Name} answered {status}: {body[..Math.Min(body.Length, 400)]}");
                        failed = true;
                        samples.Clear();
                        break;
                    }

                    if (i >= 0)
                    {
                        samples.Add(elapsed);
                    }
                }

                samples.Sort();
                times[document.Name] = samples.Count == 0 ? (double.NaN, double.NaN) : (Percentile(samples, 0.5), Percentile(samples, 0.99));
            }

            results.Add(times);
        }

        foreach (var store in stores.Where(s => s.Memory is not null))
        {
            output.WriteLine($"{store.Name}: {store.Memory}");
        }

        output.WriteLine();
        output.WriteLine("| document | " + string.Join(" | ", stores.Select((s, k) => k == 0 ? $"{s.Name} p50 | p99" : $"{s.Name} p50 | p99 | p50 / {stores[0].Name}")) + " |");
        output.WriteLine("|---|" + string.Join("|", stores.Select((_, k) => k == 0 ? "---:|---:" : "---:|---:|---:")) + "|");
        foreach (var name in names!)
        {
            var cells = results.Select((r, k) => k == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{r[name].P50:F1} ms | {r[name].P99:F1} ms")
                : string.Create(CultureInfo.InvariantCulture, $"{r[name].P50:F1} ms | {r[name].P99:F1} ms | {r[name].P50 / results[0][name].P50:F2}"));
            output.WriteLine($"| {name} | {string.Join(" | ", cells)} |");
        }

        return failed ? 1 : 0;
    }

    /// <summary>Every document with each of its variables in turn until <paramref name="warmUp"/> has passed; how many were sent.</summary>
    private static async Task<int> WarmUpAsync(ApiProcess api, List<Request> documents, TimeSpan warmUp, CancellationToken cancellationToken)
    {
        var sent = 0;
        var timer = Stopwatch.StartNew();
        while (timer.Elapsed < warmUp)
        {
            foreach (var document in documents)
            {
                await api.PostAsync(document.Query, document.Variables[sent % document.Variables.Count], cancellationToken);
                sent++;
            }
        }

        return sent;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>The documents, with variables that exist in the store (its largest agency, a cursor deep in the deliverables).</summary>
    private static async Task<List<Request>> RequestsAsync(ApiProcess api, CancellationToken cancellationToken)
    {
        var biggest = await BiggestAgencyAsync(api, cancellationToken) ?? "who";

        // A cursor 5,000 deliverables deep (or as deep as the list goes), by title, walked to a page at a time.
        string? cursor = null;
        for (var page = 0; page < 50; page++)
        {
            var (_, body) = await api.PostAsync(
                "query($after: String) { deliverables(first: 100, after: $after, orderBy: [{ field: TITLE }]) { pageInfo { hasNextPage endCursor } } }",
                new { after = cursor }, cancellationToken);
            var info = JsonNode.Parse(body)!["data"]!["deliverables"]!["pageInfo"]!;
            if (!(bool)info["hasNextPage"]!)
            {
                break;
            }

            cursor = (string?)info["endCursor"];
        }

        var byTitle = new[] { new { field = "TITLE" } };
        return
        [
            new("dashboard (overlap matrix and goal 8's coverage)", Operations.Dashboard.Query, [new { goal = "8" }]),
            new("partner overlaps, first page, all agencies", Operations.Document("PartnerOverlaps"), [null]),
            new("overlap matrix", Operations.Document("OverlapMatrix"), [null]),
            new("coverage of each goal (1 to 17 in turn)", Operations.Document("GoalCoverage"), [.. Enumerable.Range(1, 17).Select(g => (object?)new { goal = g.ToString(CultureInfo.InvariantCulture) })]),
            new($"portfolio of the largest agency", Operations.Document("Portfolio"), [new { agencyId = biggest }]),
            new("search \"health workforce\"", Operations.Document("Search"), [new { text = "health workforce" }]),
            new("deliverables, first page by title", Operations.Document("Deliverables"), [new { orderBy = byTitle, first = 20 }]),
            new("deliverables, a page 5,000 deep by title", Operations.Document("Deliverables"), [new { orderBy = byTitle, first = 20, after = cursor }]),
            new("potential partners of the largest agency", Operations.Document("PotentialPartners"), [new { agencyId = biggest }]),

            // Issue 28's target: a question limited by period or region within 2x of the same question unlimited.
            new("deliverables with their total, unlimited", Limited, [new { where = (object?)null }]),
            new("deliverables with their total, active in 2025", Limited, [new { where = new { activeIn = s_2025 } }]),
            new("deliverables with their total, in Khatlon", Limited, [new { where = new { place = s_khatlon } }]),
            new("deliverables with their total, in Khatlon in 2025", Limited, [new { where = new { place = s_khatlon, activeIn = s_2025 } }]),
            new("overlap matrix by region", Operations.Document("OverlapMatrix"), [new { dimension = "REGION" }]),
            new("region coverage of Tajikistan", "{ regionCoverage { gapCount regions { region { id } status agencyCount agencies { agency { id } links } } } }", [null]),
            new("budget totals by region", "{ budgetTotals(by: REGION) { group { id } workCount withoutBudgetCount totals { amount currency } } }", [null]),
        ];
    }

    /// <summary>The first page of deliverables with the list's total, filtered by <c>$where</c>.</summary>
    private const string Limited = "query($where: DeliverableFilter) { deliverables(first: 20, where: $where) { totalCount nodes { id } } }";

    private static readonly object s_2025 = new { from = "2025", to = "2025" };
    private static readonly object s_khatlon = new { eq = "place-3507000" };

    /// <summary>The agency with the most deliverables among the first UN agencies (a synthetic store's syn-agency-001), or null.</summary>
    private static async Task<string?> BiggestAgencyAsync(ApiProcess api, CancellationToken cancellationToken)
    {
        var (_, body) = await api.PostAsync(
            "{ organizations(first: 20, where: { organizationKind: { eq: UN_AGENCY } }) { nodes { id deliverables(first: 0) { totalCount } } } }", null, cancellationToken);
        return JsonNode.Parse(body)?["data"]?["organizations"]?["nodes"]?.AsArray()
            .OrderByDescending(n => (int?)n?["deliverables"]?["totalCount"] ?? 0)
            .Select(n => (string?)n?["id"])
            .FirstOrDefault();
    }
}
