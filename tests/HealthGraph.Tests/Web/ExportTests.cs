using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HealthGraph.Tests.Store.Neo4j;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Web;

/// <summary>
/// <c>/export/{kind}.csv|json</c> through the real host over the seed: the same rows as the GraphQL fields for the same
/// filters, provenance on every fact, RFC 4180 CSV that spreadsheets cannot run, problem details for bad requests,
/// the API's access rule, and rows sent as they are produced.
/// </summary>
public sealed class ExportTests(HealthGraphApp app) : IClassFixture<HealthGraphApp>
{
    [Theory]
    [InlineData("agency=who&status=ON_TRACK", """{ agency: { eq: "who" }, status: { eq: ON_TRACK } }""", "[]")]
    [InlineData("agency=ilo&agency=iom&orderBy=TITLE:DESC", """{ agency: { in: ["ilo", "iom"] } }""", "[{ field: TITLE, direction: DESC }]")]
    [InlineData("title.contains=HEALTH&alignedWith=sdg-target-3.8", """{ title: { contains: "HEALTH" }, alignedWith: { eq: "sdg-target-3.8" } }""", "[]")]
    [InlineData("year.lte=2021&orderBy=YEAR,ID:DESC", "{ year: { lte: 2021 } }", "[{ field: YEAR }, { field: ID, direction: DESC }]")]
    public async Task DeliverablesFilteredLikeTheGraphQLList_AreTheListsDeliverablesInItsOrder(string parameters, string where, string orderBy)
    {
        var data = await app.DataAsync($"{{ deliverables(first: 100, where: {where}, orderBy: {orderBy}) {{ totalCount edges {{ node {{ id }} }} }} }}");
        var expected = data["deliverables"]!["edges"]!.AsArray().Select(e => (string)e!["node"]!["id"]!).ToList();
        Assert.InRange((int)data["deliverables"]!["totalCount"]!, 2, 100);

        var csv = Csv.Table(await GetTextAsync($"/export/deliverables.csv?{parameters}"));
        var json = await GetJsonAsync($"/export/deliverables.json?{parameters}");

        Assert.Equal(expected, csv.Select(r => r["id"]));
        Assert.Equal(expected, json.Select(r => (string)r!["id"]!));
    }

    [Fact]
    public async Task ADeliverableRow_CarriesItsAgencyThemesAndTheStatedSourceTheGraphQLApiGives()
    {
        var data = await app.DataAsync("""
            { deliverable(id: "who-hf-uhc-reforms") { title deliveredBy { nodes { id name } } themes(first: 100) { nodes { id } } alignments { code }
              provenance { basis reason excerpt document { id title } } } }
            """);
        var deliverable = data["deliverable"]!;

        var row = Assert.Single(Csv.Table(await GetTextAsync("/export/deliverables.csv?id=who-hf-uhc-reforms")));
        var json = Assert.Single(await GetJsonAsync("/export/deliverables.json?id=who-hf-uhc-reforms"))!;

        Assert.Equal("STATED", row["basis"]);
        Assert.Equal("", row["reason"]);
        Assert.Equal((string)deliverable["provenance"]!["document"]!["id"]!, row["documentId"]);
        Assert.Equal((string)deliverable["provenance"]!["document"]!["title"]!, row["documentTitle"]);
        Assert.Equal((string)deliverable["provenance"]!["excerpt"]!, row["excerpt"]);
        Assert.Equal((string)deliverable["title"]!, row["title"]);
        Assert.Equal(string.Join("; ", deliverable["deliveredBy"]!["nodes"]!.AsArray().Select(a => (string)a!["id"]!)), row["agencyIds"]);
        Assert.Equal(string.Join("; ", deliverable["deliveredBy"]!["nodes"]!.AsArray().Select(a => (string)a!["name"]!)), row["agencyNames"]);
        Assert.Equal(deliverable["themes"]!["nodes"]!.AsArray().Select(t => (string)t!["id"]!).Order(StringComparer.Ordinal), json["themeIds"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(deliverable["alignments"]!.AsArray().Select(a => (string)a!["code"]!), json["sdgCodes"]!.AsArray().Select(c => (string)c!));
        Assert.Equal((string)deliverable["provenance"]!["excerpt"]!, (string)json["excerpt"]!);
        Assert.Null(json["reason"]);
    }

    [Fact]
    public async Task AnInferredAlignment_CarriesTheCuratorsReasonDocumentAndEvidence()
    {
        var data = await app.DataAsync("""
            { outcome(id: "uhcp-er-national-health-plans") { alignments(basis: INFERRED) { code provenance { reason excerpt document { id title } } } } }
            """);
        var alignment = Assert.Single(data["outcome"]!["alignments"]!.AsArray(), a => (string)a!["code"]! == "3.8")!;

        var rows = Csv.Table(await GetTextAsync("/export/alignments.csv?target=3.8&basis=INFERRED"));

        Assert.All(rows, r => Assert.Equal(("3.8", "3", "INFERRED"), (r["target"], r["goal"], r["basis"])));
        var row = Assert.Single(rows, r => r["workId"] == "uhcp-er-national-health-plans");
        Assert.Equal("OUTCOME", row["workType"]);
        Assert.Equal((string)alignment["provenance"]!["reason"]!, row["reason"]);
        Assert.Equal((string)alignment["provenance"]!["document"]!["id"]!, row["documentId"]);
        Assert.Equal((string)alignment["provenance"]!["document"]!["title"]!, row["documentTitle"]);
        Assert.Equal((string)alignment["provenance"]!["excerpt"]!, row["excerpt"]);
        Assert.Equal("sdg-target-3.8", row["sdgId"]);
    }

    [Fact]
    public async Task TheAlignmentsExport_HasEveryAlignmentOfEveryDeliverableAndOutcome_AndItsBasisFilterKeepsOnlyThatBasis()
    {
        var expected = new List<(string Work, string Code, string Basis)>();
        foreach (var list in new[] { "deliverables", "outcomes" })
        {
            string? after = null;
            do
            {
                var page = (await app.DataAsync(
                    $"query($after: String) {{ {list}(first: 100, after: $after) {{ pageInfo {{ hasNextPage endCursor }} edges {{ node {{ id alignments {{ code basis }} }} }} }} }}",
                    new { after }))[list]!;
                expected.AddRange(page["edges"]!.AsArray().SelectMany(e => e!["node"]!["alignments"]!.AsArray()
                    .Select(a => ((string)e["node"]!["id"]!, (string)a!["code"]!, (string)a["basis"]!))));
                after = (bool)page["pageInfo"]!["hasNextPage"]! ? (string?)page["pageInfo"]!["endCursor"] : null;
            }
            while (after is not null);
        }

        var all = await GetJsonAsync("/export/alignments.json");
        var stated = Csv.Table(await GetTextAsync("/export/alignments.csv?basis=STATED"));

        Assert.Equal(
            expected.Order(),
            all.Select(r => ((string)r!["workId"]!, (string?)r["target"] ?? (string)r["goal"]!, (string)r["basis"]!)).Order());
        Assert.Equal(
            expected.Where(e => e.Basis == "STATED").Order(),
            stated.Select(r => (r["workId"], r["target"] is "" ? r["goal"] : r["target"], r["basis"])).Order());
    }

    [Fact]
    public async Task TheOverlapsExport_IsPartnerOverlapsOneRowPerPairInTheDimensionAskedFor()
    {
        var data = await app.DataAsync("""
            { partnerOverlaps(basis: INFERRED, first: 10) { totalCount nodes { agencyA { id name } agencyB { id name } themes { sharedCount countA countB jaccard shared(first: 100) { id } } } } }
            """);
        var expected = data["partnerOverlaps"]!["nodes"]!.AsArray()
            .Where(p => (int)p!["themes"]!["sharedCount"]! > 0)
            .Select(p => string.Join('|', (string)p!["agencyA"]!["id"]!, (string)p["agencyA"]!["name"]!, (string)p["agencyB"]!["id"]!, (string)p["agencyB"]!["name"]!, (int)p["themes"]!["sharedCount"]!, (int)p["themes"]!["countA"]!,
                (int)p["themes"]!["countB"]!, (double)p["themes"]!["jaccard"]!, string.Join("; ", p["themes"]!["shared"]!.AsArray().Select(s => (string)s!["id"]!))))
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal((int)data["partnerOverlaps"]!["totalCount"]!, data["partnerOverlaps"]!["nodes"]!.AsArray().Count); // every pair, in one page

        var rows = Csv.Table(await GetTextAsync("/export/overlaps.csv?dimension=THEME&basis=INFERRED"));
        var json = await GetJsonAsync("/export/overlaps.json?dimension=THEME&basis=INFERRED");

        Assert.All(rows, r => Assert.Equal(("THEME", "INFERRED"), (r["dimension"], r["countedBasis"])));
        Assert.Equal(expected, rows.Select(r => string.Join('|', r["agencyA"], r["agencyAName"], r["agencyB"], r["agencyBName"], r["sharedCount"], r["countA"], r["countB"],
            double.Parse(r["jaccard"], System.Globalization.CultureInfo.InvariantCulture), r["sharedIds"])));
        Assert.Equal(expected, json.Select(r => string.Join('|', (string)r!["agencyA"]!, (string)r["agencyAName"]!, (string)r["agencyB"]!, (string)r["agencyBName"]!, (int)r["sharedCount"]!, (int)r["countA"]!, (int)r["countB"]!,
            (double)r["jaccard"]!, string.Join("; ", r["sharedIds"]!.AsArray().Select(s => (string)s!)))));
    }

    [Fact]
    public async Task TheCoverageExport_IsGoalCoverageOneRowPerTarget_ForEachBasis()
    {
        var expected = new Dictionary<string, List<string>>();
        foreach (var basis in new[] { "STATED", "INFERRED" })
        {
            var data = await app.DataAsync($$"""
                { goalCoverage(goal: "3", basis: {{basis}}) { targets { target { code } status agencyCount agencies { id } deliverableCount outcomeCount contributionCount } } }
                """);
            expected[basis] = [.. data["goalCoverage"]!["targets"]!.AsArray().Select(t => string.Join('|', (string)t!["target"]!["code"]!, (string)t["status"]!, (int)t["agencyCount"]!,
                string.Join("; ", t["agencies"]!.AsArray().Select(a => (string)a!["id"]!)), (int)t["deliverableCount"]!, (int)t["outcomeCount"]!, (int)t["contributionCount"]!))];

            var rows = Csv.Table(await GetTextAsync($"/export/coverage.csv?goal=3&basis={basis}"));
            var json = await GetJsonAsync($"/export/coverage.json?goal=3&basis={basis}");

            Assert.Equal(expected[basis], rows.Select(r => string.Join('|', r["target"], r["status"], r["agencyCount"], r["agencyIds"], r["deliverableCount"], r["outcomeCount"], r["contributionCount"])));
            Assert.Equal(expected[basis], json.Select(r => string.Join('|', (string)r!["target"]!, (string)r["status"]!, (int)r["agencyCount"]!,
                string.Join("; ", r["agencyIds"]!.AsArray().Select(a => (string)a!)), (int)r["deliverableCount"]!, (int)r["outcomeCount"]!, (int)r["contributionCount"]!)));
            Assert.All(rows, r => Assert.Equal(basis, r["countedBasis"]));
        }

        var everyGoal = Csv.Table(await GetTextAsync("/export/coverage.csv"));

        Assert.NotEqual(expected["STATED"], expected["INFERRED"]); // the seed's goal 3 tells the bases apart
        Assert.Equal(169, everyGoal.Count);
        Assert.Equal(Enumerable.Range(1, 17).Select(g => g.ToString(System.Globalization.CultureInfo.InvariantCulture)), everyGoal.Select(r => r["goal"]).Distinct());
    }

    [Fact]
    public async Task ATitleWithACommaQuotesAndANewline_IsQuotedPerRfc4180_AndCellsThatLookLikeFormulasGetAQuote()
    {
        using var editor = new HealthGraphApp { ApiKey = HealthGraphApp.EditorKey };
        const string title = "=HYPERLINK(\"https://evil.example\"), \"quoted\"\nand a second line";
        await editor.DataAsync(
            "mutation($input: UpsertDeliverableInput!) { upsertDeliverable(input: $input) { created } }",
            new
            {
                input = new
                {
                    id = "who-export-quoting",
                    agencyId = "who",
                    title,
                    kind = "ACTIVITY",
                    items = new[] { "-2+3", "plain, with a comma" },
                    source = new { basis = "INFERRED", reason = "@the export tests" },
                },
            });
        using var client = editor.CreateClient();

        var text = await client.GetStringAsync("/export/deliverables.csv?id=who-export-quoting");
        var json = JsonNode.Parse(await client.GetStringAsync("/export/deliverables.json?id=who-export-quoting"))!.AsArray();

        Assert.Contains("\"'=HYPERLINK(\"\"https://evil.example\"\"), \"\"quoted\"\"\nand a second line\"", text, StringComparison.Ordinal);
        var row = Assert.Single(Csv.Table(text));
        Assert.Equal("'" + title, row["title"]);
        Assert.Equal("'-2+3; plain, with a comma", row["items"]);
        Assert.Equal("'@the export tests", row["reason"]);
        Assert.Equal("INFERRED", row["basis"]);
        Assert.Equal(title, (string)json[0]!["title"]!);
        Assert.Equal(["-2+3", "plain, with a comma"], json[0]!["items"]!.AsArray().Select(i => (string)i!));
    }

    [Theory]
    [InlineData("＝HYPERLINK(\"https://evil.example\")")] // U+FF1D, the full-width equals sign
    [InlineData("＋1+1")] // U+FF0B
    [InlineData("－1+1")] // U+FF0D
    [InlineData("＠SUM(A1)")] // U+FF20
    public async Task ACellStartingWithAFullWidthFormulaSign_GetsAQuoteLikeItsAsciiForm(string title)
    {
        using var editor = new HealthGraphApp { ApiKey = HealthGraphApp.EditorKey };
        await UpsertDeliverableAsync(editor, "who-export-full-width", title, items: null);
        using var client = editor.CreateClient();

        var row = Assert.Single(Csv.Table(await client.GetStringAsync("/export/deliverables.csv?id=who-export-full-width")));
        var json = JsonNode.Parse(await client.GetStringAsync("/export/deliverables.json?id=who-export-full-width"))!.AsArray();

        Assert.Equal("'" + title, row["title"]);
        Assert.Equal(title, (string)json[0]!["title"]!);
    }

    [Fact]
    public async Task EveryValueOfAListCell_IsDefusedAsACellStartIs()
    {
        using var editor = new HealthGraphApp { ApiKey = HealthGraphApp.EditorKey };
        string[] items = ["plain", "=HYPERLINK(\"https://evil.example\")", "+1", "-1", "@SUM(A1)", "\tcmd", "＝1+1", "a - b = c"];
        await UpsertDeliverableAsync(editor, "who-export-list-cells", "A deliverable with risky items", items);
        using var client = editor.CreateClient();

        var row = Assert.Single(Csv.Table(await client.GetStringAsync("/export/deliverables.csv?id=who-export-list-cells")));
        var json = JsonNode.Parse(await client.GetStringAsync("/export/deliverables.json?id=who-export-list-cells"))!.AsArray();

        Assert.Equal("plain; '=HYPERLINK(\"https://evil.example\"); '+1; '-1; '@SUM(A1); '\tcmd; '＝1+1; a - b = c", row["items"]);
        Assert.Equal(items, json[0]!["items"]!.AsArray().Select(i => (string)i!));
    }

    private static Task UpsertDeliverableAsync(HealthGraphApp editor, string id, string title, string[]? items) =>
        editor.DataAsync(
            "mutation($input: UpsertDeliverableInput!) { upsertDeliverable(input: $input) { created } }",
            new
            {
                input = new
                {
                    id,
                    agencyId = "who",
                    title,
                    kind = "ACTIVITY",
                    items,
                    source = new { basis = "INFERRED", reason = "Written by the export tests." },
                },
            });

    [Theory]
    [InlineData("/export/budgets.csv")]
    [InlineData("/export/deliverables.xls")]
    [InlineData("/export/deliverables")]
    public async Task AnUnknownKindOrFormat_Is404WithTheExportsThatExist(string url)
    {
        var (status, problem) = await GetProblemAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(["deliverables", "alignments", "overlaps", "coverage", "workbook"], problem["kinds"]!.AsArray().Select(k => (string)k!));
        Assert.Equal(["csv", "json", "xlsx"], problem["formats"]!.AsArray().Select(k => (string)k!));
        Assert.Contains("/export/coverage.csv", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/export/deliverables.csv?status=DONE", "status", "ON_TRACK")]
    [InlineData("/export/deliverables.json?deliverableKind=TALK", "deliverableKind", "PROJECT")]
    [InlineData("/export/deliverables.csv?year=soon", "year", null)]
    [InlineData("/export/deliverables.csv?orderBy=COLOUR", "orderBy", "YEAR:DESC")]
    [InlineData("/export/deliverables.csv?colour=red", "colour", "title.contains")]
    [InlineData("/export/coverage.csv?basis=MAYBE", "basis", "INFERRED")]
    [InlineData("/export/coverage.json?goal=18", "goal", null)]
    [InlineData("/export/alignments.csv?target=3.99", "target", null)]
    [InlineData("/export/overlaps.csv?dimension=SECTOR", "dimension", "COUNTERPART")]
    [InlineData("/export/overlaps.csv?basis=STATED&basis=INFERRED", "basis", null)]
    public async Task ABadParameter_Is400NamingTheParameterAndWhatItTakes(string url, string parameter, string? allowed)
    {
        var (status, problem) = await GetProblemAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(parameter, (string?)problem["parameter"]);
        if (allowed is not null)
        {
            Assert.Contains(allowed, problem["allowed"]!.AsArray().Select(a => (string)a!));
        }
    }

    [Fact]
    public async Task WhenReadsNeedAKey_AnExportNeedsOneToo_AndItKeepsTheGraphQLEndpointsCorsPolicy()
    {
        using var locked = new HealthGraphApp { With = { ["Auth:RequireAuthenticatedReads"] = "true" } };
        using var client = locked.CreateClient();

        using var anonymous = await client.GetAsync("/export/coverage.csv?goal=3");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/export/coverage.csv?goal=3");
        request.Headers.Add(HealthGraph.Web.Security.ApiKeyAuthenticationHandler.Header, HealthGraphApp.ReaderKey);
        request.Headers.Add("Origin", "https://explorer.example.org");
        using var reader = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, reader.StatusCode);
        Assert.Equal("https://explorer.example.org", reader.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(13, Csv.Table(await reader.Content.ReadAsStringAsync()).Count);
    }

    [Fact]
    public async Task AnExportIsAFileDownload_InUtf8WithCrlfLineEnds()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/export/coverage.csv?goal=3");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment; filename=\"healthgraph-coverage.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.StartsWith("goal,target,targetId,targetTitle,status,agencyCount,agencyIds,deliverableCount,outcomeCount,contributionCount,countedBasis\r\n", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(15, Encoding.UTF8.GetString(bytes).Split("\r\n").Length); // the header, 13 targets, and the empty string after the last CRLF
    }

    [Fact]
    public async Task TheCoverageOfEveryGoal_IsSentGoalByGoal_BeforeTheNextGoalIsAskedOfTheStore()
    {
        using var streaming = new HealthGraphApp();
        using var client = streaming.CreateClient();
        var secondGoal = new TaskCompletionSource();
        var secondGoalAsked = new TaskCompletionSource();
        streaming.Counter.BeforeGoalCoverage = goal =>
        {
            if (goal != "2")
            {
                return Task.CompletedTask;
            }

            secondGoalAsked.TrySetResult();
            return secondGoal.Task;
        };

        using var response = await client.GetAsync("/export/coverage.csv", HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(30));
        using var body = new StreamReader(await response.Content.ReadAsStreamAsync());
        var header = await body.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var firstRow = await body.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await secondGoalAsked.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("goal,", header, StringComparison.Ordinal);
        Assert.StartsWith("1,1.1,", firstRow, StringComparison.Ordinal);
        Assert.False(secondGoal.Task.IsCompleted); // the first goal's rows arrived while the store still held the second goal's
        secondGoal.SetResult();
        var rest = await body.ReadToEndAsync();
        Assert.Contains("\n2,2.1,", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhileTheStoreIsUnavailable_AnExportIs503_WithoutTheStoresAddress()
    {
        await using var neo4j = await FakeNeo4jServer.StartAsync();
        await neo4j.StopAsync();
        using var down = new FakeNeo4jApp(neo4j.Uri);
        using var client = down.CreateClient();

        using var response = await client.GetAsync("/export/coverage.csv?goal=3");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The graph store is unavailable right now, so nothing was exported; try again shortly.", (string)problem["detail"]!);
        Assert.DoesNotContain(neo4j.Uri.Host, response.Content.Headers.ToString() + problem.ToJsonString(), StringComparison.Ordinal); // for the log and /health/ready only
    }

    private async Task<string> GetTextAsync(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return text;
    }

    private async Task<JsonArray> GetJsonAsync(string url) => JsonNode.Parse(await GetTextAsync(url))!.AsArray();

    private async Task<(HttpStatusCode Status, JsonNode Problem)> GetProblemAsync(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}

/// <summary>A deliverables export over more deliverables than a page: read from the store page by page, every deliverable once.</summary>
public sealed class DeliverableExportPagingTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryStore _store = new();
    private HealthGraphApp _app = null!;

    public async Task InitializeAsync()
    {
        var seeded = await new HealthGraph.Ingest.Seed.Seeder(_store.Store).SeedAsync(TemporaryStore.SeedDirectory, (1_200, 42));
        Assert.True(seeded.IsValid, string.Join(Environment.NewLine, seeded.Problems));
        _app = new HealthGraphApp { With = { ["Sqlite:Path"] = System.IO.Path.Combine(_store.Folder, "graph.db"), ["HealthGraph:SeedOnFirstRun"] = "false" } };
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _app?.Dispose();
        _store.Dispose();
    }

    [Fact]
    public async Task EveryDeliverableIsExportedOnce_InIdOrder_ReadFromTheStoreFiveHundredAtATime()
    {
        var total = (int)(await _app.DataAsync("{ deliverables(first: 0) { totalCount } }"))["deliverables"]!["totalCount"]!;
        Assert.True(total > 2 * HealthGraph.Web.Exports.DeliverableExport.PageSize, $"{total} deliverables fill more than two pages");
        using var client = _app.CreateClient();
        _app.Counter.Reset();

        var rows = Csv.Table(await client.GetStringAsync("/export/deliverables.csv"));

        var ids = rows.Select(r => r["id"]).ToList();
        Assert.Equal(total, ids.Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal((total + HealthGraph.Web.Exports.DeliverableExport.PageSize - 1) / HealthGraph.Web.Exports.DeliverableExport.PageSize, _app.Counter.ListCalls);
    }
}

/// <summary>
/// A strict RFC 4180 reader: records end with CRLF, a field is either unquoted (no comma, quote, CR or LF) or quoted
/// with its quotes doubled; anything else is an error, so a loose writer fails the tests.
/// </summary>
public static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("A quoted field is not closed.");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r'))
                {
                    if (text[i] is '"' or '\n')
                    {
                        throw new FormatException($"A quote or LF in an unquoted field at {i}.");
                    }

                    field.Append(text[i++]);
                }
            }

            record.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            if (i + 1 >= text.Length || text[i] != '\r' || text[i + 1] != '\n')
            {
                throw new FormatException($"A record does not end with CRLF at {i}.");
            }

            i += 2;
            records.Add(record);
            record = [];
        }

        return records;
    }

    /// <summary>The records after the header, as dictionaries by column; every record must have as many fields as the header.</summary>
    public static List<Dictionary<string, string>> Table(string text)
    {
        var records = Parse(text);
        var header = records[0];
        return [.. records.Skip(1).Select(r => r.Count == header.Count
            ? header.Zip(r).ToDictionary(p => p.First, p => p.Second)
            : throw new FormatException($"A record has {r.Count} fields, the header {header.Count}."))];
    }
}
