using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

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

    /// <summary>The healthgraph executable serving the API on a free port.</summary>
    private sealed partial class ApiProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private HttpClient? _http;

        private ApiProcess(IReadOnlyList<string> settings)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(typeof(HealthGraph.Api.HealthGraphSchema).Assembly.Location);
            foreach (var argument in new[] { "--urls", "http://127.0.0.1:0", "--GraphQL:RateLimit:Enabled=false", "--HealthGraph:SeedOnFirstRun=false" }.Concat(settings))
            {
                start.ArgumentList.Add(argument);
            }

            _process = Process.Start(start)!;
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public long PeakResidentBytes
        {
            get
            {
                var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        public static async Task<ApiProcess> StartAsync(IReadOnlyList<string> settings, CancellationToken cancellationToken)
        {
            var api = new ApiProcess(settings);
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (api._process.HasExited)
                {
                    throw new InvalidOperationException($"The API ended (exit code {api._process.ExitCode}):{Environment.NewLine}{api.Output}");
                }

                if (Listening().Match(api.Output) is { Success: true } match)
                {
                    api._http = new HttpClient { BaseAddress = new Uri(match.Groups["address"].Value), Timeout = TimeSpan.FromMinutes(5) };
                    return api;
                }

                await Task.Delay(50, cancellationToken);
            }

            api.Dispose();
            throw new TimeoutException("The API did not listen within 2 minutes.");
        }

        public async Task<(int Status, string Body)> PostAsync(string query, object? variables, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
            using var response = await _http!.SendAsync(request, cancellationToken);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _http?.Dispose();
            _process.Dispose();
        }

        private string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        private void Append(string? line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }

        [GeneratedRegex(@"Now listening on: (?<address>http://127\.0\.0\.1:\d+)")]
        private static partial Regex Listening();
    }
}
