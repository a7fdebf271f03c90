using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HealthGraph.Ingest.Workbook;
using HealthGraph.Tests.Support;
using HealthGraph.Web.Security;

namespace HealthGraph.Tests.Api;

/// <summary>
/// Where, when and how much, through the API on a council's workbook: work in Khatlon and Sughd with budgets in two
/// currencies and one without, over 2023 to 2026. The questions read the same graph as the list: regionCoverage (the
/// REGION aggregate), the deliverables filter activeIn, and budgetTotals per currency with the work without a budget.
/// </summary>
public sealed class RegionsPeriodsAndMoneyTests(HealthGraphApp app) : IClassFixture<HealthGraphApp>, IAsyncLifetime
{
    private static readonly string s_workbook = string.Join("\r\n",
        string.Join(',', WorkbookColumns.All.Where(c => c.InTemplate).Select(c => c.Header)),
        "council-hwf-khatlon,WHO,,Health workforce planning in Khatlon,,health-workforce,3.8,TJ-KT,,2025,,implementation,100000,USD,,,",
        "council-sp-khatlon,ILO,,Social protection outreach in Khatlon,,,1.3,TJ-KT,,2024-03,2026-02,implementation,50000.50,EUR,,,",
        "council-migrants-khatlon,IOM,,Migrant health screening in Khatlon,,,3.8,TJ-KT,,2023,2023,completed,,,,,",
        "council-phc-sughd,WHO,,Primary health care in Sughd,,,3.8,TJ-SU,,2025-01,2025-12,implementation,20000,USD,,,",
        "");

    public async Task InitializeAsync()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/import/workbook?file=council-2025.csv") { Content = new StringContent(s_workbook, Encoding.UTF8, "text/csv") };
        request.Headers.Add(ApiKeyAuthenticationHandler.Header, HealthGraphApp.EditorKey);
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RegionCoverageListsEveryRegion_WithTheAgenciesWorkingInIt_AndTheGaps()
    {
        var data = await app.DataAsync("""
            { regionCoverage(country: "place-tjk") { gapCount regions { region { isoCode } status agencyCount agencies { agency { id } links } } } }
            """);

        var regions = data["regionCoverage"]!["regions"]!.AsArray()
            .ToDictionary(r => (string)r!["region"]!["isoCode"]!, r => ((string)r!["status"]!, (int)r["agencyCount"]!, string.Join(",", r["agencies"]!.AsArray().Select(a => $"{a!["agency"]!["id"]}:{a["links"]}"))));
        Assert.Equal(["TJ-DU", "TJ-GB", "TJ-KT", "TJ-RA", "TJ-SU"], regions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("SHARED", 3, "ilo:1,iom:1,who:1"), regions["TJ-KT"]);
        Assert.Equal(("SINGLE_AGENCY", 1, "who:2"), regions["TJ-SU"]); // the seed's work in Sughd and the workbook's
        Assert.Equal(("GAP", 0, ""), regions["TJ-DU"]);
        Assert.Equal(3, (int)data["regionCoverage"]!["gapCount"]!);
    }

    [Fact]
    public async Task PartnersOverlapInTheRegionsTheirWorkIsIn()
    {
        var data = await app.DataAsync("""
            { partnerOverlaps(agencyIds: ["who", "ilo", "iom"]) { nodes { agencyA { id } agencyB { id } regions { sharedCount countA countB } } } }
            """);

        var pairs = data["partnerOverlaps"]!["nodes"]!.AsArray()
            .ToDictionary(p => $"{p!["agencyA"]!["id"]}-{p["agencyB"]!["id"]}", p => ((int)p!["regions"]!["sharedCount"]!, (int)p["regions"]!["countA"]!, (int)p["regions"]!["countB"]!));
        Assert.Equal((1, 1, 2), pairs["ilo-who"]);
        Assert.Equal((1, 1, 1), pairs["ilo-iom"]);
        Assert.Equal((1, 1, 2), pairs["iom-who"]);
    }

    [Theory]
    [InlineData("2025", "2025", "council-hwf-khatlon,council-phc-sughd,council-sp-khatlon")]
    [InlineData("2023", "2023", "council-migrants-khatlon")]
    [InlineData("2026-03", null, "council-hwf-khatlon")] // the Khatlon workforce plan runs on; ILO's ends in February 2026
    [InlineData(null, "2024-02", "council-migrants-khatlon")]
    public async Task TheListFindsTheWorkActiveInAPeriod(string? from, string? to, string expected)
    {
        var period = new JsonObject { ["from"] = from, ["to"] = to };
        var data = await app.DataAsync(
            "query($p: PeriodFilter) { deliverables(where: { activeIn: $p, id: { in: [\"council-hwf-khatlon\", \"council-sp-khatlon\", \"council-migrants-khatlon\", \"council-phc-sughd\"] } }) { totalCount nodes { id } } }",
            new JsonObject { ["p"] = period });

        Assert.Equal(expected, string.Join(",", data["deliverables"]!["nodes"]!.AsArray().Select(n => (string)n!["id"]!)));
    }

    [Fact]
    public async Task BudgetsAreTotalledPerCurrency_ByRegionGoalTargetAndOrganization_WithTheWorkWithoutABudget()
    {
        var data = await app.DataAsync("""
            {
              regions: budgetTotals(by: REGION) { group { id } workCount budgetedCount withoutBudgetCount totals { amount currency } }
              targets: budgetTotals(by: TARGET, goal: "3") { group { id } workCount withoutBudgetCount totals { amount currency } }
              agencies: budgetTotals(by: ORGANIZATION, organizations: ["who", "ilo"], activeIn: { from: "2025", to: "2025" }) { group { id } workCount withoutBudgetCount totals { amount currency } }
            }
            """);

        static string Totals(JsonNode group) => string.Join(" + ", group["totals"]!.AsArray().Select(t => $"{t!["amount"]} {t["currency"]}"));
        var khatlon = data["regions"]!.AsArray().Single(r => (string)r!["group"]!["id"]! == "place-3507000")!;
        Assert.Equal((3, 2, 1, "50000.50 EUR + 100000 USD"), ((int)khatlon["workCount"]!, (int)khatlon["budgetedCount"]!, (int)khatlon["withoutBudgetCount"]!, Totals(khatlon)));
        var target38 = data["targets"]!.AsArray().Single(t => (string)t!["group"]!["id"]! == "sdg-target-3.8")!;
        Assert.Equal("120000 USD", Totals(target38));
        Assert.True((int)target38["withoutBudgetCount"]! >= 1 + 1, "the IOM row and the seed's work on 3.8 have no budget");
        var agencies = data["agencies"]!.AsArray().ToDictionary(a => (string)a!["group"]!["id"]!, a => ((int)a!["workCount"]!, (int)a["withoutBudgetCount"]!, Totals(a)));
        Assert.Equal((2, 0, "120000 USD"), agencies["who"]); // the seed's WHO work has no dates: it is in no period
        Assert.Equal((1, 0, "50000.50 EUR"), agencies["ilo"]);
    }

    [Theory]
    [InlineData("2025", "ilo-who regions 1/1/2 place-3507000; targets 0/1/1")] // ILO's work in Khatlon runs into 2026; WHO's Sughd work is 2025's too
    [InlineData("2023", "")] // only IOM worked in 2023: no pair
    public async Task OverlapsLimitedToAPeriodCountOnlyTheWorkActiveInIt(string year, string expected)
    {
        var data = await app.DataAsync(
            "query($y: String) { partnerOverlaps(agencyIds: [\"who\", \"ilo\", \"iom\"], activeIn: { from: $y, to: $y }) { totalCount nodes { agencyA { id } agencyB { id } regions { sharedCount countA countB shared { id } } targets { sharedCount countA countB } } } }",
            new JsonObject { ["y"] = year });

        var pairs = data["partnerOverlaps"]!["nodes"]!.AsArray().Select(p =>
        {
            static string Counts(JsonNode d) => $"{d["sharedCount"]}/{d["countA"]}/{d["countB"]}";
            var regions = p!["regions"]!;
            return $"{p["agencyA"]!["id"]}-{p["agencyB"]!["id"]} regions {Counts(regions)} {string.Join(",", regions["shared"]!.AsArray().Select(s => (string)s!["id"]!))}; targets {Counts(p["targets"]!)}";
        });
        Assert.Equal(expected, string.Join(" | ", pairs));
        Assert.Equal(expected.Length == 0 ? 0 : 1, (int)data["partnerOverlaps"]!["totalCount"]!);
    }

    [Fact]
    public async Task CoverageLimitedToAPeriodOrAPlace_CountsOnlyTheWorkThere()
    {
        var data = await app.DataAsync("""
            {
              regions2023: regionCoverage(country: "place-tjk", activeIn: { from: "2023", to: "2023" }) { regions { region { isoCode } status agencies { agency { id } links } } }
              khatlon: goalCoverage(goal: "3", place: "place-3507000") { targets { target { code } status contributions { agency { id } } deliverables { id } } }
              matrix: overlapMatrix(dimension: REGION, agencyIds: ["who", "ilo", "iom"], activeIn: { from: "2025", to: "2025" }) { cells { row { id } column { id } sharedCount shared { id } } }
              money: budgetTotals(by: TARGET, goal: "3", place: "place-3507000") { group { id } workCount withoutBudgetCount totals { amount currency } }
            }
            """);

        var regions = data["regions2023"]!["regions"]!.AsArray().ToDictionary(
            r => (string)r!["region"]!["isoCode"]!,
            r => $"{r!["status"]} {string.Join(",", r["agencies"]!.AsArray().Select(a => $"{a!["agency"]!["id"]}:{a["links"]}"))}");
        Assert.Equal("SINGLE_AGENCY iom:1", regions["TJ-KT"]);
        Assert.Equal("GAP ", regions["TJ-SU"]); // the seed's WHO work in Sughd has no dates, and the workbook's starts in 2025

        var target38 = data["khatlon"]!["targets"]!.AsArray().Single(t => (string)t!["target"]!["code"]! == "3.8")!;
        Assert.Equal("SHARED", (string)target38["status"]!);
        Assert.Equal(["council-hwf-khatlon", "council-migrants-khatlon"], target38["deliverables"]!.AsArray().Select(d => (string)d!["id"]!));
        Assert.All(data["khatlon"]!["targets"]!.AsArray().Where(t => (string)t!["target"]!["code"]! != "3.8"), t => Assert.Equal("GAP", (string)t!["status"]!));

        var cell = data["matrix"]!["cells"]!.AsArray().Single(c => (string)c!["row"]!["id"]! == "ilo" && (string)c["column"]!["id"]! == "who")!;
        Assert.Equal((1, "place-3507000"), ((int)cell["sharedCount"]!, (string)cell["shared"]![0]!["id"]!));

        var money = data["money"]!.AsArray().Single(t => (string)t!["group"]!["id"]! == "sdg-target-3.8")!;
        Assert.Equal((2, 1, "100000", "USD"), ((int)money["workCount"]!, (int)money["withoutBudgetCount"]!, (string)money["totals"]![0]!["amount"]!.ToString(), (string)money["totals"]![0]!["currency"]!));
    }

    [Theory]
    [InlineData("deliverables(where: { activeIn: { from: \"2025-13\" } }) { totalCount }", "NOT_A_DATE", "'where.activeIn.from' is '2025-13'")]
    [InlineData("deliverables(where: { activeIn: { from: \"2026\", to: \"2025\" } }) { totalCount }", "EMPTY_PERIOD", "ends (2025-12-31) before it starts (2026-01-01)")]
    [InlineData("partnerOverlaps(place: \"who\") { totalCount }", "NOT_A_PLACE", "'place' is 'who', which is no place")]
    [InlineData("goalCoverage(goal: \"3\", activeIn: { from: \"2025-13\" }) { goal { code } }", "NOT_A_DATE", "'activeIn.from' is '2025-13'")]
    [InlineData("regionCoverage(activeIn: { from: \"2026\", to: \"2025\" }) { gapCount }", "EMPTY_PERIOD", "ends (2025-12-31) before it starts (2026-01-01)")]
    public async Task ABadPeriodOrPlaceIsRefusedAtItsArgument(string field, string reason, string message)
    {
        using var response = await app.PostAsync($"{{ {field} }}");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var error = body["errors"]![0]!;
        Assert.Contains(message, (string)error["message"]!, StringComparison.Ordinal);
        Assert.Equal(reason, (string?)error["extensions"]!["reason"]);
    }

    [Fact]
    public async Task TheOverlapsExportTakesTheSameLimits_AndRefusesABadOne()
    {
        using var client = app.CreateClient();

        var csv = await client.GetStringAsync("/export/overlaps.csv?agency=who&agency=ilo&dimension=REGION&activeIn.from=2025&activeIn.to=2025");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("ilo,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",REGION,1,1,2,", lines[1], StringComparison.Ordinal);
        Assert.Contains("place-3507000", lines[1], StringComparison.Ordinal);

        using var bad = await client.GetAsync("/export/overlaps.csv?place=who");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'place' is 'who', which is no place", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
