using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthGraph.Tests.Support;
using HealthGraph.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HealthGraph.Tests.Hardening;

/// <summary>
/// The API as an attacker meets it (OWASP API4:2023, unrestricted resource consumption), on a store of synthetic deliverables
/// (<see cref="SyntheticStore.Deliverables"/>: 20,000 on the embedded store, 10,000 on Neo4j, whose load is slower), served by the real executable with its production limits: every hostile request is refused before it
/// runs or answered within the execution timeout plus 10% (a streamed export begins within it, and its rows follow as
/// they are read), one at a time and all at once, and the process never holds more than 1 GB. Limits that refused everything would pass that, so the legitimate large requests (every shipped
/// document and explorer view at its largest page, the full exports, the standard introspection query, a nodes lookup
/// of MaxBatchSize ids) must each answer in full on the same process.
/// </summary>
public abstract class HostileRequestTests(SyntheticStore store, ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    /// <summary>The API's execution timeout (GraphQL:Limits:ExecutionTimeout's default), and the bound on any answer: 10% more.</summary>
    private static readonly TimeSpan s_timeout = new HealthGraph.Api.Engine.Execution.GraphQLLimits().ExecutionTimeout;
    private static readonly TimeSpan s_bound = s_timeout * 1.1;

    private const long MaxResidentBytes = 1L << 30;

    private HealthGraphProcess? _api;
    private HttpClient? _http;
    private string _agency = "";
    private string _otherAgency = "";

    protected HealthGraphProcess Api => _api!;

    /// <summary>The API's settings for the loaded store.</summary>
    protected string[] StoreSettings => store.Settings;

    /// <summary>
    /// Reads the graph's sizes (for pricing) on a process with a short execution timeout: its first request also pays the
    /// process's warm-up, which on a busy machine can outlast the timeout, so it is sent until it answers (at most 5 times).
    /// </summary>
    protected static async Task WarmAsync(HealthGraphProcess api)
    {
        using var http = new HttpClient { BaseAddress = api.Address };
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var response = await http.PostAsync(new Uri("/graphql", UriKind.Relative), new StringContent(
                JsonSerializer.Serialize(new { query = "{ statistics { entityCount } }" }), Encoding.UTF8, "application/json"));
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }

        Assert.Fail("The API did not answer { statistics { entityCount } } in 5 attempts.");
    }

    protected void Log(string line) => output.WriteLine(line);

    public async Task InitializeAsync()
    {
        _api = await HealthGraphProcess.StartApiAsync(StoreSettings);
        _http = new HttpClient { BaseAddress = _api.Address, Timeout = TimeSpan.FromMinutes(2) };
        var synthetic = HealthGraph.Ingest.Synthetic.SyntheticSeed.AgencyIds(store.Deliverables).Take(20);
        var agencies = await SendAsync(Graph("query($ids: [ID!]) { organizations(first: 2, where: { id: { in: $ids }, organizationKind: { eq: UN_AGENCY } }) { nodes { id } } }", new { ids = synthetic }), keyed: true);
        Assert.True(agencies.Json?["data"] is not null, agencies.Body);
        var ids = agencies.Json!["data"]!["organizations"]!["nodes"]!.AsArray().Select(n => (string)n!["id"]!).ToList();
        (_agency, _otherAgency) = (ids[0], ids[1]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _http?.Dispose();
        _api?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The probe's reproductions and their variants, sent without a key.</summary>
    private IEnumerable<(string Name, HttpRequestMessage Request)> HostileRequests()
    {
        string Repeat(int times, Func<int, string> part) => string.Join(' ', Enumerable.Range(0, times).Select(part));
        var madeUpIds = (int count) => Enumerable.Range(0, count).Select(i => $"made-up-{i:D5}").ToArray();

        // 1. The overlap matrix, quadratic in ids it never checked.
        yield return ("overlapMatrix with 2,000 made-up ids", Graph("query($ids: [ID!]) { overlapMatrix(agencyIds: $ids) { cells { sharedCount } } }", new { ids = madeUpIds(2_000) }));
        yield return ("overlapMatrix with 5,000 made-up ids", Graph("query($ids: [ID!]) { overlapMatrix(agencyIds: $ids) { cells { sharedCount } } }", new { ids = madeUpIds(5_000) }));
        yield return ("overlapMatrix of 100 agencies by counterpart", Graph("{ overlapMatrix(dimension: COUNTERPART, first: 100) { cells { sharedCount shared(first: 1000) { id } } } }"));

        // 2. Relationship lists, nested.
        yield return ("an agency's work, its themes, their work (largest pages)", Graph($$"""{ organization(id: "{{_agency}}") { deliverables(first: 100) { nodes { id themes(first: 100) { nodes { id deliverables(first: 100) { nodes { id } } } } } } } }"""));
        yield return ("an agency's work, its themes, their work (default pages)", Graph($$"""{ organization(id: "{{_agency}}") { deliverables { nodes { id themes { nodes { id deliverables { nodes { id } } } } } } } }"""));
        yield return ("twelve aliases of themes' work", Graph("{ " + Repeat(12, i => $"t{i}: themes(first: 100) {{ nodes {{ deliverables(first: 100) {{ nodes {{ id title }} }} }} }}") + " }"));
        yield return ("twelve aliases of themes' work, smaller pages", Graph("{ " + Repeat(12, i => $"t{i}: themes(first: 20) {{ nodes {{ deliverables(first: 100) {{ nodes {{ id title }} }} }} }}") + " }"));
        yield return ("a hundred ids, each with its work", Graph("query($ids: [ID!]!) { nodes(ids: $ids) { ... on Organization { deliverables(first: 100) { nodes { id themes(first: 10) { nodes { id } } } } } } }", new { ids = Enumerable.Repeat(_agency, 100) }));

        // 3. Filters and text: priced by the rows they scan.
        var contains = string.Join(", ", Enumerable.Range(0, 99).Select(i => $$"""{ items: { contains: "zq{{i:D2}}x" } }"""));
        yield return ("99 text conditions", Graph($$"""{ deliverables(first: 100, where: { or: [{{contains}}] }) { totalCount } }"""));
        var fewer = string.Join(", ", Enumerable.Range(0, 40).Select(i => $$"""{ items: { contains: "zq{{i:D2}}x" } }"""));
        yield return ("40 text conditions", Graph($$"""{ deliverables(first: 100, where: { or: [{{fewer}}] }) { totalCount } }"""));
        yield return ("ten aliases of 99 text conditions", Graph("{ " + Repeat(10, i => $$"""d{{i}}: deliverables(first: 100, where: { or: [{{contains}}] }) { totalCount }""") + " }"));
        yield return ("search for every word", Graph("""{ search(text: "a* e* i* o* u* syn*", first: 100) { entity { id } snippet } }"""));

        // 4. Overlaps.
        yield return ("PartnerOverlaps, every pair, largest page, with the count", Graph("{ partnerOverlaps(first: 100) { totalCount nodes { agencyA { id } agencyB { id } targets { shared(first: 1000) { id } } themes { shared(first: 1000) { id } } counterparts { shared(first: 1000) { id } } outcomes { shared(first: 1000) { id } } } } }"));
        yield return ("the overlaps export", new HttpRequestMessage(HttpMethod.Get, "/export/overlaps.csv"));
        yield return ("the alignment matrix by target, largest pages", Graph("{ alignmentMatrix(level: TARGET, first: 100) { cells { count items(first: 1000) { work { ... on Deliverable { id } } } } } }"));
        yield return ("shortest paths between two agencies", Graph($$"""{ connections(from: "{{_agency}}", to: "{{_otherAgency}}", maxHops: 6) { length entities { id } } }"""));
        yield return ("the neighbourhood of a target", Graph("""{ neighbourhood(id: "sdg-target-3.8", first: 500) { relationships { type from { id } to { id } } } }"""));

        // Introspection abused, and the document limits.
        var ofType = "name " + string.Concat(Enumerable.Repeat("ofType { name ", 12)) + new string('}', 12);
        yield return ("a nested __type / ofType bomb", Graph($$"""{ __type(name: "Query") { fields { type { fields { type { fields { type { {{ofType}} } } } } } } } }"""));
        yield return ("fifty aliases of the whole schema", Graph("{ " + Repeat(50, i => $"s{i}: __schema {{ types {{ fields {{ args {{ type {{ name }} }} type {{ name }} }} }} }}") + " }"));
        yield return ("a thousand aliases of __schema", Graph("{ " + Repeat(1_000, i => $"s{i}: __schema {{ queryType {{ name }} }}") + " }"));
        yield return ("a fragment of 40 aliases spread 10 times", Graph("{ " + Repeat(10, i => $"a{i}: statistics {{ ...F }}") + " } fragment F on GraphStatistics { " + Repeat(40, i => $"c{i}: entityCount") + " }"));
        yield return ("a query 16 levels deep", Graph(BadInputs.DeepQuery(16)));
        yield return ("a subscription", Graph("subscription { x }"));
        yield return ("__type with an empty name", Graph("""{ __type(name: "") { name } }"""));
    }

    /// <summary>The legitimate large requests, sent with a key: each must answer in full.</summary>
    private IEnumerable<(string Name, HttpRequestMessage Request)> LegitimateRequests()
    {
        foreach (var (operation, variables) in LargestPages())
        {
            yield return ($"{operation} {variables}", Graph(ShippedDocuments.ByOperation[operation], JsonSerializer.Deserialize<JsonElement>(variables)));
        }

        yield return ("the standard introspection query", Graph(File.ReadAllText(RepositoryFiles.PathOf("tests", "HealthGraph.Tests", "Hardening", "StandardIntrospection.graphql"))));
        yield return ("nodes of MaxBatchSize ids", Graph("query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Deliverable { title deliveredBy { nodes { id } } } } }",
            new { ids = Enumerable.Range(1, new HealthGraph.Api.Engine.Execution.GraphQLLimits().MaxBatchSize).Select(i => $"syn-deliverable-{i:D5}") }));
        // The overlaps export, the largest, is among the hostile requests (sent without a key, it must answer too).
        foreach (var export in new[] { "deliverables.csv", "alignments.csv", "coverage.csv" })
        {
            yield return ($"the full export {export}", new HttpRequestMessage(HttpMethod.Get, $"/export/{export}"));
        }
    }

    /// <summary>Every shipped document and explorer view, at its largest page (<see cref="ShippedDocuments.LargestPages"/>).</summary>
    private IReadOnlyList<(string Operation, string Variables)> LargestPages() => ShippedDocuments.LargestPages(_agency, _otherAgency, "syn agency");

    [Fact]
    public async Task HostileRequestsOneAtATime_AreRefusedOrAnsweredWithinTheTimeout_InUnder1GB()
    {
        var late = new List<string>();
        foreach (var (name, request) in HostileRequests())
        {
            // One at a time, as a patient attacker: a request refused for its rate (429) is sent again when allowed, so
            // every request meets the pricing and the deadline, not only the rate limit.
            var answer = await SendPatientlyAsync(request, keyed: false);
            Report(name, answer);
            if (answer.Time > s_bound || IsServerFailure(answer))
            {
                late.Add($"{name}: {(int)answer.Status} {answer.Code} in {answer.Time.TotalSeconds:F1} s");
            }
        }

        Assert.True(late.Count == 0, $"Answered later than {s_bound.TotalSeconds:F1} s or failed: {string.Join("; ", late)}");
        AssertPeakMemory();
    }

    [Fact]
    public async Task HostileRequestsAllAtOnce_AreRefusedOrAnsweredWithinTheTimeout_InUnder1GB()
    {
        var requests = HostileRequests().ToList();
        var answers = await Task.WhenAll(requests.Select(r => SendAsync(r.Request, keyed: false)));

        foreach (var ((name, _), answer) in requests.Zip(answers))
        {
            Report(name, answer);
        }

        var late = requests.Zip(answers).Where(x => x.Second.Time > s_bound || IsServerFailure(x.Second))
            .Select(x => $"{x.First.Name}: {(int)x.Second.Status} {x.Second.Code} in {x.Second.Time.TotalSeconds:F1} s").ToList();
        Assert.True(late.Count == 0, $"Answered later than {s_bound.TotalSeconds:F1} s or failed: {string.Join("; ", late)}");
        Assert.Contains(answers, a => a.Status == HttpStatusCode.TooManyRequests); // the caller's concurrency and cost budget at work
        AssertPeakMemory();
    }

    [Fact]
    public async Task TheLegitimateLargeRequestsAnswerInFull()
    {
        var failures = new List<string>();
        foreach (var (name, request) in LegitimateRequests())
        {
            var answer = await SendPatientlyAsync(request, keyed: true);
            Report(name, answer);
            if (answer.Status != HttpStatusCode.OK || answer.Json?["errors"] is not null || (answer.Json is { } json && json["data"] is null))
            {
                failures.Add($"{name}: {(int)answer.Status} {Clip(answer.Body)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        AssertPeakMemory();
    }

    protected static HttpRequestMessage Graph(string query, object? variables = null) => new(HttpMethod.Post, "/graphql")
    {
        Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
    };

    /// <summary>
    /// An answer: its status, when it began (its headers: a GraphQL answer is written whole, so that is when it ended; an
    /// export streams its rows after), when its last byte came, its body and the wait a 429 asks for.
    /// </summary>
    protected sealed record Answer(HttpStatusCode Status, TimeSpan Time, TimeSpan Total, string Body, long Bytes, TimeSpan? RetryAfter)
    {
        public JsonNode? Json { get; } = Body.StartsWith('{') ? JsonNode.Parse(Body) : null;

        public string? Code => (string?)Json?["errors"]?[0]?["extensions"]?["code"];
    }

    protected async Task<Answer> SendAsync(HttpRequestMessage request, bool keyed)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv", 0.8));
        if (keyed)
        {
            request.Headers.Add(ApiKeyAuthenticationHandler.Header, HealthGraphApp.EditorKey);
        }

        var timer = Stopwatch.StartNew();
        using var response = await _http!.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var began = timer.Elapsed;
        var body = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, began, timer.Elapsed, body, Encoding.UTF8.GetByteCount(body), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>Sends the request, and again (a copy) while the answer is 429, after the wait its Retry-After gives.</summary>
    private async Task<Answer> SendPatientlyAsync(HttpRequestMessage request, bool keyed)
    {
        var content = request.Content is null ? null : await request.Content.ReadAsStringAsync();
        for (var attempt = 0; ; attempt++)
        {
            using var copy = new HttpRequestMessage(request.Method, request.RequestUri);
            if (content is not null)
            {
                copy.Content = new StringContent(content, Encoding.UTF8, "application/json");
            }

            var answer = await SendAsync(copy, keyed);
            if (answer.Status != HttpStatusCode.TooManyRequests || attempt == 20)
            {
                return answer;
            }

            await Task.Delay(answer.RetryAfter ?? TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>A failure of the server's own (a 500, or a 503 other than the deadline's), never an answer to a request.</summary>
    private static bool IsServerFailure(Answer answer) =>
        (int)answer.Status >= 500 && !(answer.Status == HttpStatusCode.ServiceUnavailable && answer.Code == "EXECUTION_TIMEOUT");

    private void Report(string name, Answer answer) =>
        output.WriteLine($"{name}: {(int)answer.Status} {answer.Code ?? ""} in {answer.Time.TotalSeconds:F2} s ({answer.Total.TotalSeconds:F2} s to the last byte), {answer.Bytes:N0} bytes; peak {Api.PeakResidentBytes / (1024 * 1024)} MB");

    private void AssertPeakMemory()
    {
        var peak = Api.PeakResidentBytes;
        output.WriteLine($"The API's peak resident memory: {peak / (1024.0 * 1024):F0} MB");
        Assert.True(peak < MaxResidentBytes, $"The API held {peak / (1024.0 * 1024):F0} MB at its peak; at most 1024 MB are allowed.");
    }

    private static string Clip(string text) => text.Length > 400 ? text[..400] + "…" : text;
}

/// <summary>The hostile requests on the embedded store; a request cut at its deadline stops its SQLite statement.</summary>
public sealed class HostileRequestsOnSqlite(SyntheticSqliteStore store, ITestOutputHelper output)
    : HostileRequestTests(store, output), IClassFixture<SyntheticSqliteStore>
{
    /// <summary>
    /// With a 0.5 s execution timeout, 40 text conditions over every deliverable (about 2 s of SQLite, the most the
    /// request's price admits) are answered EXECUTION_TIMEOUT at the deadline, and the statement is interrupted: in the
    /// 3 s after, the process uses little CPU (a statement that ran on would use a core for over a second; the runtime's
    /// own work, such as compiling in the background, used up to half a second on a machine shared with other work).
    /// </summary>
    [Fact]
    public async Task ARequestCutAtItsDeadlineStopsItsStatement()
    {
        var timeout = TimeSpan.FromSeconds(0.5);
        using var api = await HealthGraphProcess.StartApiAsync([.. StoreSettings, "--GraphQL:RateLimit:Enabled=false", $"--GraphQL:Limits:ExecutionTimeout={timeout}"]);
        var contains = string.Join(", ", Enumerable.Range(0, 40).Select(i => $$"""{ items: { contains: "zq{{i:D2}}x" } }"""));
        await WarmAsync(api);

        var timer = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = api.Address };
        using var response = await http.PostAsync(new Uri("/graphql", UriKind.Relative), new StringContent(
            JsonSerializer.Serialize(new { query = $$"""{ deliverables(first: 100, where: { or: [{{contains}}] }) { totalCount } }""" }), Encoding.UTF8, "application/json"));
        var answered = timer.Elapsed;
        var body = await response.Content.ReadAsStringAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // the interrupt lands, the answer's own work ends
        var cpu = api.CpuTime;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var afterwards = api.CpuTime - cpu;

        Log($"answered at {answered.TotalSeconds:F2} s; CPU used in the 3 s after: {afterwards.TotalSeconds:F2} s");
        Assert.Contains("EXECUTION_TIMEOUT", body, StringComparison.Ordinal);
        Assert.True(answered < timeout * 1.1 + TimeSpan.FromSeconds(0.1), $"answered after {answered.TotalSeconds:F2} s");
        Assert.True(afterwards < TimeSpan.FromSeconds(0.75), $"the process used {afterwards.TotalSeconds:F2} s of CPU in the 3 s after the answer: the statement ran on");
    }

}

/// <summary>The hostile requests on the real Neo4j server; a request cut at its deadline leaves no transaction running.</summary>
[Collection(Neo4jTests.Name)]
[Trait(Neo4jTests.Category, Neo4jTests.Name)]
public sealed class HostileRequestsOnNeo4j(Neo4jServerFixture server, SyntheticNeo4jStore store, ITestOutputHelper output)
    : HostileRequestTests(store, output), IClassFixture<SyntheticNeo4jStore>
{
    /// <summary>
    /// With a 1 s execution timeout, the alignment matrix of 100 agencies by target (seconds of Cypher at 10,000
    /// deliverables, and admitted: its price is what it reads) is answered EXECUTION_TIMEOUT at the deadline, and within
    /// a second of the deadline Neo4j runs no transaction of the API's any more (SHOW TRANSACTIONS): the attempt's
    /// transaction was found by its parameter and terminated, not left to run into db.transaction.timeout (30 s).
    /// </summary>
    [Fact]
    public async Task ARequestCutAtItsDeadlineLeavesNoTransactionRunning()
    {
        var timeout = TimeSpan.FromSeconds(1);
        using var api = await HealthGraphProcess.StartApiAsync([.. StoreSettings, "--GraphQL:RateLimit:Enabled=false", $"--GraphQL:Limits:ExecutionTimeout={timeout}"]);
        await WarmAsync(api);
        using var host = server.CreateHost();
        var neo4j = host.Services.GetRequiredService<HealthGraph.Store.Neo4j.Client.QueryApiClient>();
        async Task<int> RunningAsync() => (await neo4j.RunAsync(HealthGraph.Store.Neo4j.Client.QueryRequest.Read(
            "SHOW TRANSACTIONS YIELD currentQuery, parameters WHERE parameters.hgAttempt IS NOT NULL AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS' RETURN count(*) AS n",
            new Dictionary<string, object?>()))).Rows.Sum(r => Convert.ToInt32(r["n"], System.Globalization.CultureInfo.InvariantCulture));

        var timer = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = api.Address };
        using var response = await http.PostAsync(new Uri("/graphql", UriKind.Relative), new StringContent(
            JsonSerializer.Serialize(new { query = "{ alignmentMatrix(level: TARGET, first: 100) { agencies { id } cells { agency { id } code count items(first: 3) { workName } } } }" }),
            Encoding.UTF8,
            "application/json"));
        var answered = timer.Elapsed;
        var body = await response.Content.ReadAsStringAsync();
        var stillRunning = await RunningAsync();
        while (stillRunning > 0 && timer.Elapsed < timeout + TimeSpan.FromSeconds(1))
        {
            stillRunning = await RunningAsync();
        }

        var ended = timer.Elapsed;
        while (await RunningAsync() > 0 && timer.Elapsed < TimeSpan.FromSeconds(10))
        {
        }

        Log($"answered at {answered.TotalSeconds:F2} s; the API's transactions ended by {timer.Elapsed.TotalSeconds:F2} s (checked until {ended.TotalSeconds:F2} s)");

        Assert.Contains("EXECUTION_TIMEOUT", body, StringComparison.Ordinal);
        // Half a second over the deadline at most: the cut itself, and a busy two-core machine (a tenth of a second, the
        // bound before, failed at 1.10 s on one CI run); a request that ran on would take the server's 30 s.
        Assert.True(answered < timeout + TimeSpan.FromSeconds(0.5), $"answered after {answered.TotalSeconds:F2} s");
        var details = stillRunning == 0 ? "" : string.Join("; ", (await neo4j.RunAsync(HealthGraph.Store.Neo4j.Client.QueryRequest.Read(
            "SHOW TRANSACTIONS YIELD currentQuery, parameters, elapsedTime, status WHERE parameters.hgAttempt IS NOT NULL AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS' RETURN left(currentQuery, 120) + ' ' + toString(elapsedTime) + ' ' + status AS t",
            new Dictionary<string, object?>()))).Rows.Select(r => r["t"]));
        Assert.True(stillRunning == 0, $"{stillRunning} of the API's transactions still ran {timer.Elapsed.TotalSeconds:F2} s after the request began: {details}");
    }

}

/// <summary>
/// The synthetic store of a hostile suite, loaded once for its class (the suites only read: no request carries a key
/// that may write), so each test starts only its own API process.
/// </summary>
public abstract class SyntheticStore : IAsyncLifetime
{
    /// <summary>Deliverables in the synthetic store.</summary>
    public abstract int Deliverables { get; }

    /// <summary>The API's settings for the loaded store.</summary>
    public string[] Settings { get; private set; } = [];

    protected string[] SeedArguments(params string[] settings) =>
        ["seed", "--synthetic", Deliverables.ToString(System.Globalization.CultureInfo.InvariantCulture), .. settings];

    /// <summary>Loads the store and returns the API's settings for it.</summary>
    protected abstract Task<string[]> LoadAsync();

    public async Task InitializeAsync() => Settings = await LoadAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>The synthetic store in a SQLite file of its own.</summary>
public sealed class SyntheticSqliteStore : SyntheticStore
{
    private readonly string _folder = Directory.CreateTempSubdirectory("healthgraph-hostile-").FullName;

    public override int Deliverables => 20_000;

    protected override async Task<string[]> LoadAsync()
    {
        var path = Path.Combine(_folder, "graph.db");
        using var seed = await HealthGraphProcess.RunAsync(TimeSpan.FromMinutes(5), SeedArguments($"--Sqlite:Path={path}"));
        Assert.True(seed.ExitCode == 0, seed.Output);
        return [$"--Sqlite:Path={path}"];
    }

    public override Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The synthetic store on the Neo4j leg's server, in its wiped database.</summary>
public sealed class SyntheticNeo4jStore(Neo4jServerFixture server) : SyntheticStore
{
    public override int Deliverables => 10_000;

    protected override async Task<string[]> LoadAsync()
    {
        await server.ResetAsync();
        using var seed = await HealthGraphProcess.RunAsync(TimeSpan.FromMinutes(5), SeedArguments(server.CommandLineSettings));
        Assert.True(seed.ExitCode == 0, seed.Output);
        return server.CommandLineSettings;
    }
}
