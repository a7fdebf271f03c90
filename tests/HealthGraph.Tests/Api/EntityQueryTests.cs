using HealthGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static HealthGraph.Tests.Api.CoordinationQueryTests;

namespace HealthGraph.Tests.Api;

/// <summary>Entities, lookups, relationships both ways, Relay pagination and filters through the real host.</summary>
public sealed class EntityQueryTests(HealthGraphApp app) : IClassFixture<HealthGraphApp>
{
    /// <summary>
    /// IOM's facts answer as the seed holds them (they answered null): "Tajikistan has been an IOM Member State since
    /// November 1994" and "More than 30" staff, with their precision and qualifier; the deprecated fields say what an
    /// Int can.
    /// </summary>
    [Fact]
    public async Task IomsMembershipDateAndStaffCountAnswerWithTheirPrecisionAndQualifier()
    {
        var data = await app.DataAsync("""
            { agency(id: "iom") { memberStateSince memberStateDate { iso precision year month day } staffCount staff { value qualifier text } activeProjectCount } }
            """);

        var iom = data["agency"]!;
        Assert.Equal(1994, (int)iom["memberStateSince"]!);
        Assert.Equal("""{"iso":"1994-11","precision":"MONTH","year":1994,"month":11,"day":null}""", iom["memberStateDate"]!.ToJsonString());
        Assert.Null(iom["staffCount"]);
        Assert.Equal("""{"value":30,"qualifier":"MORE_THAN","text":"More than 30"}""", iom["staff"]!.ToJsonString());
        Assert.Equal(12, (int)iom["activeProjectCount"]!);
    }

    [Theory]
    [InlineData("1994", "1994", "Year")]
    [InlineData("1994-11", "1994-11", "Month")]
    [InlineData("2024-02-29", "2024-02-29", "Day")]
    [InlineData(2021L, "2021", "Year")]
    [InlineData("2023-02-29", null, null)]
    [InlineData("1994-13", null, null)]
    [InlineData("November 1994", null, null)]
    public void APartialDateKeepsItsSourcesPrecision(object value, string? iso, string? precision)
    {
        var date = HealthGraph.Graph.PartialDate.From(value);

        Assert.Equal(iso, date?.Iso);
        Assert.Equal(precision, date?.Precision.ToString());
    }

    [Theory]
    [InlineData("More than 30", 30L, "MoreThan")]
    [InlineData("about 40", 40L, "About")]
    [InlineData("12", 12L, "Exactly")]
    [InlineData(7L, 7L, "Exactly")]
    [InlineData("Fewer than 5", 5L, "FewerThan")]
    [InlineData("Many", null, null)]
    [InlineData("Thirty", null, null)]
    [InlineData("Nearly 30", null, null)]
    public void AReportedCountKeepsItsQualifier(object value, long? number, string? qualifier)
    {
        var count = HealthGraph.Graph.ReportedCount.From(value);

        Assert.Equal(number, count?.Value);
        Assert.Equal(qualifier, count?.Qualifier.ToString());
    }

    [Fact]
    public async Task NodeFetchesAnyEntityByItsGlobalId_AsItsOwnType()
    {
        var data = await app.DataAsync("""
            { a: node(id: "who") { id ... on Organization { shortName organizationKind } }
              b: node(id: "sdg-target-8.3") { id ... on SdgTarget { code } }
              c: node(id: "no-such-thing") { id } }
            """);

        Assert.Equal(("WHO", "UN_AGENCY"), ((string)data["a"]!["shortName"]!, (string)data["a"]!["organizationKind"]!));
        Assert.Equal("8.3", (string?)data["b"]!["code"]);
        Assert.Null(data["c"]);
    }

    [Fact]
    public async Task NaturalLookupsFindByIdOrCode_AndReturnNullForTheWrongKind()
    {
        var data = await app.DataAsync("""
            { agency(id: "ilo") { name } deliverable(id: "who-hwf-strategy") { title }
              wrongKind: deliverable(id: "who") { id } sdgGoal(code: "8") { shortName } sdgIndicator(code: "8.3.1") { target { code } } }
            """);

        Assert.Equal("International Labour Organization", (string?)data["agency"]!["name"]);
        Assert.NotNull(data["deliverable"]!["title"]);
        Assert.Null(data["wrongKind"]);
        Assert.Equal("Decent work and economic growth", (string?)data["sdgGoal"]!["shortName"]);
        Assert.Equal("8.3", (string?)data["sdgIndicator"]!["target"]!["code"]);
    }

    [Fact]
    public async Task RelationshipsAreNavigableBothWays_WithTheProvenanceOfEachAlignment()
    {
        var data = await app.DataAsync("""
            { outcome(id: "ilo-tjk128") { alignments { code basis provenance { document { id } excerpt } } deliverables { nodes { id deliveredBy { nodes { id } } } } }
              sdgTarget(code: "8.5") { contributions(basis: STATED) { work { ... on Outcome { id } ... on Deliverable { id } } agency { id } } } }
            """);

        var alignments = data["outcome"]!["alignments"]!.AsArray();
        Assert.Equal(["1", "1.3", "8", "8.3", "8.5"], alignments.Select(a => (string)a!["code"]!));
        Assert.All(alignments, a =>
        {
            Assert.Equal("STATED", (string?)a!["basis"]);
            Assert.Equal("ilo-tjk128-2021", (string?)a["provenance"]!["document"]!["id"]);
            Assert.False(string.IsNullOrEmpty((string?)a["provenance"]!["excerpt"]));
        });
        Assert.All(data["outcome"]!["deliverables"]!["nodes"]!.AsArray(), d => Assert.Equal(["ilo"], Ids(d!["deliveredBy"]!["nodes"])));
        Assert.Contains(data["sdgTarget"]!["contributions"]!.AsArray(), c => (string?)c!["work"]!["id"] == "ilo-tjk128");
    }

    [Fact]
    public async Task AGoalsTargetsFollowTheFrameworksOrder()
    {
        var data = await app.DataAsync("""{ sdgGoal(code: "8") { targets { code } } }""");

        var codes = data["sdgGoal"]!["targets"]!.AsArray().Select(t => (string)t!["code"]!).ToList();
        Assert.Equal(["8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7", "8.8", "8.9", "8.10", "8.a", "8.b"], codes);
    }

    [Fact]
    public async Task AConfirmedPartnersRolesAreQuotedFromTheirSource_WithThePageThatConfirmsThem()
    {
        var data = await app.DataAsync("""
            {
              eu: organization(id: "european-union") { name organizationKind roles { role confirmedBy provenance { basis excerpt document { id documentKind } } } }
              who: organization(id: "who") { roles { role } }
              ilo: organization(id: "ilo") { roles { role } }
            }
            """);

        var eu = data["eu"]!;
        Assert.Equal(("European Union", "DEVELOPMENT_PARTNER"), ((string)eu["name"]!, (string)eu["organizationKind"]!));
        var role = eu["roles"]!.AsArray().Single()!;
        Assert.StartsWith("Funds the Health Development Programme", (string)role["role"]!, StringComparison.Ordinal);
        Assert.StartsWith("https://www.unicef.org/tajikistan/press-releases/", (string)role["confirmedBy"]!, StringComparison.Ordinal);
        Assert.Equal("STATED", (string)role["provenance"]!["basis"]!);
        Assert.Equal((string)role["role"]!, (string)role["provenance"]!["excerpt"]!);
        Assert.Equal(("tajikistan-health-partners", "REFERENCE_DATA"), ((string)role["provenance"]!["document"]!["id"]!, (string)role["provenance"]!["document"]!["documentKind"]!));
        Assert.Equal(2, data["who"]!["roles"]!.AsArray().Count);
        Assert.Empty(data["ilo"]!["roles"]!.AsArray()); // ILO is only a lead in the partner list
    }

    [Fact]
    public async Task ADocumentListsTheFactsItIsTheSourceOf()
    {
        var data = await app.DataAsync("""
            { document(id: "iom-tajikistan") { documentKind publisher { id } facts { entities(first: 100) { nodes { id } } relationships(first: 100) { nodes { type from { id } to { id } } } } } }
            """);

        var document = data["document"]!;
        Assert.Equal("iom", (string?)document["publisher"]!["id"]);
        Assert.Contains("iom-hiv-community-mobilization", Ids(document["facts"]!["entities"]!["nodes"]));
        Assert.Contains(document["facts"]!["relationships"]!["nodes"]!.AsArray(), r => (string?)r!["type"] == "DELIVERS" && (string?)r["from"]!["id"] == "iom");
    }

    [Fact]
    public async Task PagingForwardsVisitsEveryDeliverableOnce_AndBackwardsGivesTheSamePagesInReverse()
    {
        const string Forward = """
            query($after: String) { deliverables(first: 7, after: $after, orderBy: [{ field: YEAR, direction: DESC }, { field: TITLE }]) {
              totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }
            """;
        var seen = new List<string>();
        string? after = null;
        var total = 0;
        bool more;
        do
        {
            var page = (await app.DataAsync(Forward, new { after }))["deliverables"]!;
            total = (int)page["totalCount"]!;
            seen.AddRange(page["edges"]!.AsArray().Select(e => (string)e!["node"]!["id"]!));
            Assert.Equal(after is not null, (bool)page["pageInfo"]!["hasPreviousPage"]!);
            more = (bool)page["pageInfo"]!["hasNextPage"]!;
            after = (string?)page["pageInfo"]!["endCursor"];
        }
        while (more);

        Assert.Equal(36, total);
        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());

        const string Backward = """
            query($before: String) { deliverables(last: 7, before: $before, orderBy: [{ field: YEAR, direction: DESC }, { field: TITLE }]) {
              pageInfo { hasPreviousPage startCursor } edges { node { id } } } }
            """;
        var backwards = new List<string>();
        string? before = null;
        do
        {
            var page = (await app.DataAsync(Backward, new { before }))["deliverables"]!;
            backwards.InsertRange(0, page["edges"]!.AsArray().Select(e => (string)e!["node"]!["id"]!));
            more = (bool)page["pageInfo"]!["hasPreviousPage"]!;
            before = (string?)page["pageInfo"]!["startCursor"];
        }
        while (more);

        Assert.Equal(seen, backwards);
    }

    [Fact]
    public async Task FiltersCombineWithOrAndNot()
    {
        var data = await app.DataAsync("""
            { iomOrIlo: deliverables(first: 100, where: { or: [{ agency: { eq: "iom" } }, { agency: { eq: "ilo" } }] }) { totalCount }
              notWho: deliverables(where: { not: { agency: { eq: "who" } } }) { totalCount }
              titled: deliverables(where: { title: { contains: "HIV" }, agency: { in: ["iom"] } }) { edges { node { id } } }
              none: deliverables(where: { id: { in: [] } }) { totalCount }
              year: deliverables(where: { year: { gte: 2021, lte: 2021 } }) { totalCount } }
            """);

        Assert.Equal(9, (int)data["iomOrIlo"]!["totalCount"]!);
        Assert.Equal(9, (int)data["notWho"]!["totalCount"]!);
        Assert.Equal(["iom-hiv-community-mobilization", "iom-hiv-regional-training-centre"], data["titled"]!["edges"]!.AsArray().Select(e => (string)e!["node"]!["id"]!));
        Assert.Equal(0, (int)data["none"]!["totalCount"]!);
        Assert.Equal(6, (int)data["year"]!["totalCount"]!);
    }

    [Theory]
    [InlineData("first: 101", "first", "PAGE_TOO_LARGE")]
    [InlineData("first: -1", "first", "NEGATIVE_PAGE_SIZE")]
    [InlineData("last: -5", "last", "NEGATIVE_PAGE_SIZE")]
    [InlineData("first: 5, last: 5", "last", "FIRST_AND_LAST")]
    [InlineData("after: \"bm90IGEgY3Vyc29y\"", "after", null)]
    public async Task BadPagingArgumentsAreRefusedWithTheArgumentNamed(string arguments, string field, string? reason)
    {
        var json = await app.QueryAsync($"{{ deliverables({arguments}) {{ totalCount }} }}");

        var error = Assert.Single(json["errors"]!.AsArray())!;
        Assert.Equal(field, (string?)error["extensions"]!["field"]);
        Assert.Equal(reason is null ? "INVALID_CURSOR" : "INVALID_INPUT", (string?)error["extensions"]!["code"]);
        if (reason is not null)
        {
            Assert.Equal(reason, (string?)error["extensions"]!["reason"]);
        }
    }

    [Fact]
    public async Task ACursorFromAnotherOrderingIsRefused_NotMisread()
    {
        var page = await app.DataAsync("{ deliverables(first: 2, orderBy: [{ field: YEAR }]) { pageInfo { endCursor } } }");
        var cursor = (string)page["deliverables"]!["pageInfo"]!["endCursor"]!;

        var json = await app.QueryAsync("query($c: String) { deliverables(first: 2, after: $c, orderBy: [{ field: TITLE }]) { totalCount } }", new { c = cursor });

        var error = Assert.Single(json["errors"]!.AsArray())!;
        Assert.Equal("INVALID_CURSOR", (string?)error["extensions"]!["code"]);
        Assert.Contains("YEAR:asc", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANestedQueryOverAllAgenciesTheirWorkAndTargetsCostsTheSameRoundTripsAsOverOne()
    {
        const string Query = """
            query($where: OrganizationFilter) { organizations(first: 5, where: $where) {
              edges { node { id deliverables(first: 40) { nodes { id status alignments { target { code goal { code } } } themes(first: 10) { nodes { id } } } } } } } }
            """;

        await app.DataAsync("{ statistics { entityCount } }"); // the host is up and its store made
        app.Counter.Reset();
        var all = await app.DataAsync(Query, new { where = new { organizationKind = new { eq = "UN_AGENCY" } } });
        var callsForAll = app.Counter.Calls;
        app.Counter.Reset();
        await app.DataAsync(Query, new { where = new { id = new { eq = "who" } } });
        var callsForOne = app.Counter.Calls;

        var deliverables = all["organizations"]!["edges"]!.AsArray().SelectMany(e => e!["node"]!["deliverables"]!["nodes"]!.AsArray()).Count();
        Assert.Equal(36, deliverables);
        Assert.Equal(callsForOne, callsForAll);
        // The list; DELIVERS; the deliverables; ALIGNS_WITH and HAS_THEME; their targets and themes (one node batch);
        // the targets' goals: seven round trips, however many agencies and deliverables there are.
        Assert.Equal(7, callsForAll);
    }

    [Fact]
    public async Task EveryStoreCallOfARequest_RootFieldsAndBatchLoadersAlike_IsMadeInTheRequestsStoreScope()
    {
        const string Query = """
            { statistics { entityCount } organizations(where: { id: { eq: "who" } }) {
              edges { node { id deliverables(first: 40) { nodes { id alignments { target { code goal { code } } } themes(first: 10) { nodes { id } } } } } } }
              search(text: "health workforce", first: 3) { entity { id } }
              goalCoverage(goal: "8") { gapCount } }
            """;

        await app.DataAsync("{ statistics { entityCount } }"); // the host is up and its store made
        app.Counter.Reset();
        await app.DataAsync(Query);

        // statistics, the seven round trips of the nested query (see above), the search and the goal's coverage (each
        // one store call that the counter counts apart from the others: both are counted in the scope check too).
        Assert.Equal(10, app.Counter.Calls);
        Assert.Equal(app.Counter.Calls, app.Counter.CallsInRequest);
        await app.Services.GetRequiredService<HealthGraph.Store.Sqlite.SqliteGraphStore>().GetStatisticsAsync();
        Assert.False(app.Services.GetRequiredService<HealthGraph.Store.Sqlite.SqliteGraphStore>().InRequest); // outside a request, no scope
    }

    [Fact]
    public async Task ASourceDocumentAskedOnlyForItsIdIsAnsweredFromTheProvenance_WithoutARoundTrip()
    {
        const string Query = """
            query($where: DeliverableFilter) { deliverables(where: $where, first: 20, orderBy: [{ field: TITLE }]) {
              edges { node { id alignments { code provenance { document { SELECTION } } } } } } }
            """;
        var variables = new { where = new { agency = new { eq = "who" } } };

        await app.DataAsync("{ statistics { entityCount } }"); // the host is up and its store made
        app.Counter.Reset();
        var idsOnly = await app.DataAsync(Query.Replace("SELECTION", "id __typename", StringComparison.Ordinal), variables);
        var callsForIds = app.Counter.Calls;
        app.Counter.Reset();
        var loaded = await app.DataAsync(Query.Replace("SELECTION", "id __typename title", StringComparison.Ordinal), variables);
        var callsForTitles = app.Counter.Calls;

        static IEnumerable<(string?, string?)> Documents(System.Text.Json.Nodes.JsonNode data) =>
            data["deliverables"]!["edges"]!.AsArray()
                .SelectMany(e => e!["node"]!["alignments"]!.AsArray())
                .Select(a => a!["provenance"]!["document"])
                .Select(d => ((string?)d?["id"], (string?)d?["__typename"]));

        var cited = Documents(loaded).ToList();
        Assert.Contains(cited, d => d.Item1 is not null);
        Assert.All(cited.Where(d => d.Item1 is not null), d => Assert.Equal("Document", d.Item2));
        Assert.Equal(cited, Documents(idsOnly));
        // The list, its ALIGNS_WITH relationships, the SDG nodes; the documents only when more than their id is asked.
        Assert.Equal(3, callsForIds);
        Assert.Equal(4, callsForTitles);
    }
}
