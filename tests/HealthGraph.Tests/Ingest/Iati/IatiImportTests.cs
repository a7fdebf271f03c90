using HealthGraph.Api.Features.Deliverables;
using HealthGraph.Graph;
using HealthGraph.Ingest.Iati;
using HealthGraph.Store;
using HealthGraph.Tests.Support;
using static HealthGraph.Tests.Ingest.Iati.IatiFiles;

namespace HealthGraph.Tests.Ingest.Iati;

/// <summary>`healthgraph seed import-iati`: the mapping of every IATI element it reads, the checks, and re-imports.</summary>
public sealed class IatiImportTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryStore _temporary = new();

    private IGraphStore Store => _temporary.Store;

    public async Task InitializeAsync() => Assert.True((await _temporary.SeedAsync()).IsValid);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task TheAnnotatedExampleBecomesADeliverable_WithItsOrganisationsByRole_AmountsThemesAndResults()
    {
        var result = await ImportAsync(AnnotatedExample);

        Assert.True(result.Written, string.Join("\n", result.Problems));
        Assert.Equal((1, 1, 0), (result.ActivitiesRead, result.New, result.Invalid));
        var id = IatiGraphMapper.DeliverableId(ExampleIdentifier, "AA-AAA-123456789");
        var deliverable = await NodeAsync(id);
        Assert.Equal("Activity title", deliverable.Name);
        Assert.Equal(("IMPLEMENTATION", "2"), (deliverable.GetString("status"), deliverable.GetString("iatiActivityStatus")));
        Assert.Equal(("2012-04-15", "2012-04-28", "2015-12-31"),
            (deliverable.GetString("plannedStartDate"), deliverable.GetString("actualStartDate"), deliverable.GetString("plannedEndDate")));
        Assert.Equal(["AF", "AG"], deliverable.GetStrings("recipientCountries"));
        Assert.StartsWith("General activity description text.", deliverable.GetString("description"));

        Assert.Equal(["iati-org-bb-bbb-123456789"], await EndsAsync(id, RelationshipTypes.Funds));
        Assert.Equal(["iati-org-cc-ccc-123456789"], await EndsAsync(id, RelationshipTypes.AccountableFor));
        Assert.Equal(["iati-org-aa-aaa-123456789"], await EndsAsync(id, RelationshipTypes.Extends));
        Assert.Equal(["iati-org-aa-aaa-123456789"], await EndsAsync(id, RelationshipTypes.Reports));
        Assert.Empty(await EndsAsync(id, RelationshipTypes.Delivers));
        var funder = await NodeAsync("iati-org-bb-bbb-123456789");
        Assert.Equal(("Name of Agency B", "DEVELOPMENT_PARTNER", "40"), (funder.Name, funder.GetString("kind"), funder.GetString("iatiOrganizationType")));

        Assert.Equal(
            [
                new IatiAmount(IatiAmount.Budget, "1", 3000m, "EUR", "2014-01-01", "2014-12-31", null),
                new IatiAmount(IatiAmount.Transaction, "1", 1000m, "EUR", null, null, "2012-01-01"),
            ],
            deliverable.GetStrings("amounts").Select(IatiGraphMapper.ParseAmount));

        var themes = await Store.GetNodesAsync(await EndsAsync(id, RelationshipTypes.HasTheme, Direction.Outgoing));
        Assert.Equal(
            ["A description of the sector", "A description of the tag", "A description of the tag", "DAC 3-digit sector 111", "DAC 3-digit sector 112",
             "DAC policy marker 2", "DAC policy marker 9", "IATI policy-marker A1 (vocabulary 99)"],
            themes.Select(t => t.Name).Order(StringComparer.Ordinal));

        var outcome = Assert.Single(await Store.GetNodesAsync(await EndsAsync(id, RelationshipTypes.Serves, Direction.Outgoing)));
        Assert.Equal(("Result title", "RESULT"), (outcome.Name, outcome.GetString("level")));
        var indicator = Assert.Single(await Store.GetNodesAsync(await EndsAsync(outcome.Id, RelationshipTypes.MeasuredBy, Direction.Outgoing)));
        Assert.Equal("Indicator title", indicator.Name);
        Assert.Equal(["1:3429", "7:861", "99:B1"], indicator.GetStrings("references"));

        // Provenance: the file's document, and an excerpt that names the activity.
        var document = await NodeAsync(IatiGraphMapper.DocumentId(AnnotatedExample));
        Assert.Equal(("IATI_FILE", "activity-standard-example-annotated-2.03.xml"), (document.GetString("kind"), document.Name));
        var facts = await DocumentFactsReader.ReadAllAsync(Store, document.Id);
        Assert.Equal(1 + 3 + 8 + 1 + 1, facts.Nodes.Count(n => n.Id != document.Id));
        Assert.All(facts.Nodes.Where(n => n.Id != document.Id).Select(n => n.Provenance).Concat(facts.Relationships.Select(r => r.Provenance)), p =>
        {
            Assert.Equal(Basis.Stated, p.Basis);
            Assert.StartsWith($"iati-identifier {ExampleIdentifier}: ", p.Excerpt);
        });
    }

    [Fact]
    public async Task SdgTagsSectorsAndIndicatorReferencesBecomeAlignments_OtherSectorsAndMarkersThemes()
    {
        var path = Write(_temporary.Folder, "sdg.xml", [Activity("XM-1-A", "XM-1", """
            <sector vocabulary="1" code="12220"/>
            <sector vocabulary="7" code="1"/>
            <sector vocabulary="8" code="1.3"/>
            <sector vocabulary="9" code="8.3.1"/>
            <tag vocabulary="2" code="3"/>
            <tag vocabulary="3" code="3.8"/>
            <policy-marker vocabulary="1" code="2" significance="1"/>
            <result type="1"><title><narrative>More people covered</narrative></title>
              <indicator measure="1"><title><narrative>Coverage index</narrative></title><reference vocabulary="9" code="3.8.1"/></indicator>
            </result>
            """)]);

        Assert.True((await ImportAsync(path)).Written);

        var id = IatiGraphMapper.DeliverableId("XM-1-A", "XM-1");
        var alignments = await Store.GetRelationshipsAsync([id], RelationshipTypes.AlignsWith, Direction.Outgoing);
        Assert.Equal(
            [("sdg-goal-1", Basis.Stated), ("sdg-goal-3", Basis.Stated), ("sdg-target-1.3", Basis.Stated), ("sdg-target-3.8", Basis.Stated), ("sdg-target-8.3", Basis.Derived)],
            alignments.Select(a => (a.ToId, a.Provenance.Basis)).Order());
        Assert.Equal("iati-identifier XM-1-A: tag vocabulary 3 code 3.8", alignments.Single(a => a.ToId == "sdg-target-3.8").Provenance.Excerpt);
        Assert.Contains("indicator 8.3.1", alignments.Single(a => a.ToId == "sdg-target-8.3").Provenance.Reason, StringComparison.Ordinal);
        Assert.Equal(["8.3.1"], (await NodeAsync(id)).GetStrings("sdgIndicatorCodes"));

        var outcome = Assert.Single(await EndsAsync(id, RelationshipTypes.Serves, Direction.Outgoing));
        var indicator = Assert.Single(await EndsAsync(outcome, RelationshipTypes.MeasuredBy, Direction.Outgoing));
        var sdgIndicator = Assert.Single(await Store.GetRelationshipsAsync([indicator], RelationshipTypes.AlignsWith, Direction.Outgoing));
        Assert.Equal(("sdg-indicator-3.8.1", Basis.Stated), (sdgIndicator.ToId, sdgIndicator.Provenance.Basis));
        // The indicator path: the result aligns with 3.8.1's target, derived by the framework's rule.
        var resultTarget = Assert.Single(await Store.GetRelationshipsAsync([outcome], RelationshipTypes.AlignsWith, Direction.Outgoing));
        Assert.Equal(("sdg-target-3.8", Basis.Derived), (resultTarget.ToId, resultTarget.Provenance.Basis));
        Assert.Equal("Indicator 1 of result 1 references SDG indicator 3.8.1, which the official SDG framework places under target 3.8.", resultTarget.Provenance.Reason);
        Assert.Equal("iati-identifier XM-1-A: result 1 indicator 1 reference vocabulary 9 code 3.8.1", resultTarget.Provenance.Excerpt);

        var themes = await Store.GetRelationshipsAsync([id], RelationshipTypes.HasTheme, Direction.Outgoing);
        Assert.Equal(["DAC policy marker 2", "DAC sector 12220"], (await Store.GetNodesAsync([.. themes.Select(t => t.ToId)])).Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal("1", themes.Single(t => t.ToId.Contains("policy-marker", StringComparison.Ordinal)).Properties["significance"]);
    }

    [Fact]
    public async Task ImplementingOrganisationsDeliver_SoIatiWorkCountsInCoverage()
    {
        var path = Write(_temporary.Folder, "roles.xml", [Activity("XM-2-A", "XM-2", $"""
            {Org("XM-F", 1)}{Org("XM-A", 2, "10")}{Org("XM-E", 3, "21")}{Org("XM-I", 4, "22")}
            <tag vocabulary="3" code="3.8"/>
            """)]);

        Assert.True((await ImportAsync(path)).Written);

        var id = IatiGraphMapper.DeliverableId("XM-2-A", "XM-2");
        Assert.Equal(["iati-org-xm-f"], await EndsAsync(id, RelationshipTypes.Funds));
        Assert.Equal(["iati-org-xm-a"], await EndsAsync(id, RelationshipTypes.AccountableFor));
        Assert.Equal(["iati-org-xm-e"], await EndsAsync(id, RelationshipTypes.Extends));
        Assert.Equal(["iati-org-xm-i"], await EndsAsync(id, RelationshipTypes.Delivers));
        Assert.Equal(["iati-org-xm-2"], await EndsAsync(id, RelationshipTypes.Reports));
        Assert.Equal(["GOVERNMENT_BODY", "NGO", "NGO"],
            (await Store.GetNodesAsync(["iati-org-xm-a", "iati-org-xm-e", "iati-org-xm-i"])).Select(o => o.GetString("kind")).Order(StringComparer.Ordinal));
        var work = (await Store.GetSdgWorkAsync(["sdg-target-3.8"])).Single();
        Assert.Contains(id, work.DeliverableIds);
        Assert.Contains("iati-org-xm-i", work.AgencyIds);
    }

    /// <summary>
    /// The indicator path: an activity whose result is measured by an SDG indicator counts on that indicator's target,
    /// through the result it serves, in every view, under DERIVED (the framework places the indicator under the target).
    /// </summary>
    [Fact]
    public async Task WorkWhoseResultIsMeasuredByAnSdgIndicatorCountsOnItsTarget_ThroughItsOutcome_AsDerived()
    {
        var path = Write(_temporary.Folder, "indicator.xml", [Activity("XM-3-A", "XM-3", $"""
            {Org("XM-I", 4, "22")}
            <result type="1"><title><narrative>Fewer catastrophic health costs</narrative></title>
              <indicator measure="1"><title><narrative>Households spending over a tenth</narrative></title><reference vocabulary="9" code="3.8.2"/></indicator>
            </result>
            """)]);

        Assert.True((await ImportAsync(path)).Written);

        var id = IatiGraphMapper.DeliverableId("XM-3-A", "XM-3");
        var contribution = Assert.Single(await Store.GetContributionsAsync(["sdg-target-3.8"], Basis.Derived), c => c.Contribution.Item.Id == id).Contribution;
        Assert.Equal(("iati-org-xm-i", true), (contribution.AgencyId, contribution.ViaOutcome));
        Assert.DoesNotContain(await Store.GetContributionsAsync(["sdg-target-3.8"], Basis.Inferred), c => c.Contribution.Item.Id == id);
        var throughOutcome = Assert.Single(await Store.GetPortfolioAsync("iati-org-xm-i", new AlignmentRule(AlignmentPaths.ViaOutcome, Basis.Derived)));
        Assert.Equal(["3.8"], throughOutcome.TargetCodes);
        Assert.Equal(["3"], throughOutcome.GoalCodes);
        var itself = Assert.Single(await Store.GetPortfolioAsync("iati-org-xm-i", new AlignmentRule(AlignmentPaths.Direct | AlignmentPaths.ViaTarget, null)));
        Assert.Empty(itself.GoalCodes);
    }

    [Fact]
    public async Task AmountsKeepTheirTypeCurrencyAndPeriod_TakingTheDefaultCurrencyWhenTheValueHasNone()
    {
        var path = Write(_temporary.Folder, "amounts.xml", [Activity("XM-3-A", "XM-3", $"""
            {Budget("1500.50", "2024-01-01", "2024-12-31")}
            {Budget("2000", "2025-01-01", "2025-12-31", currency: "EUR", type: "2")}
            {Transaction("3", "-250", "2024-03-31")}
            {Transaction("2", "900", "2024-02-01", currency: "GBP")}
            """, currency: "USD")]);

        Assert.True((await ImportAsync(path)).Written);

        Assert.Equal(
            [
                new IatiAmount(IatiAmount.Budget, "1", 1500.50m, "USD", "2024-01-01", "2024-12-31", null),
                new IatiAmount(IatiAmount.Budget, "2", 2000m, "EUR", "2025-01-01", "2025-12-31", null),
                new IatiAmount(IatiAmount.Transaction, "3", -250m, "USD", null, null, "2024-03-31"),
                new IatiAmount(IatiAmount.Transaction, "2", 900m, "GBP", null, null, "2024-02-01"),
            ],
            (await NodeAsync(IatiGraphMapper.DeliverableId("XM-3-A", "XM-3"))).GetStrings("amounts").Select(IatiGraphMapper.ParseAmount));
    }

    [Fact]
    public async Task ProblemsNameFileActivityAndElement_AndWithoutSkipInvalidNothingIsWritten()
    {
        var before = await StatisticsAsync();
        var path = Write(_temporary.Folder, "bad.xml",
        [
            Activity("XM-4-OK", "XM-4"),
            """<iati-activity><reporting-org ref="XM-4"/><title><narrative>No identifier</narrative></title></iati-activity>""",
            Activity("XM-4-B", "XM-4", """<sector vocabulary="13" code="1"/><tag vocabulary="5" code="x"/><tag vocabulary="3" code="8.99"/>"""),
            Activity("XM-4-C", "XM-4", $"""{Budget("12,5", "2024-02-30", "2024-12-31")}<result><indicator><reference vocabulary="9" code="8.3.9"/></indicator></result>""", currency: ""),
        ]);

        var result = await ImportAsync(path);

        Assert.False(result.Written);
        Assert.Equal(3, result.Invalid);
        Assert.Equal(
            [
                "bad.xml: activity #2 (line 10, no iati-identifier): iati-identifier: missing",
                "bad.xml: activity 'XM-4-B': sector/@vocabulary: '13' is not a known sector vocabulary (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 98, 99)",
                "bad.xml: activity 'XM-4-B': tag/@vocabulary: '5' is not a known tag vocabulary (1, 2, 3, 4, 99)",
                "bad.xml: activity 'XM-4-B': tag[@vocabulary='3']/@code: '8.99' is not a target of the official SDG framework",
                "bad.xml: activity 'XM-4-C': budget/period-start/@iso-date: '2024-02-30' is not a date (YYYY-MM-DD)",
                "bad.xml: activity 'XM-4-C': budget/value/@currency: missing, and the activity has no default-currency",
                "bad.xml: activity 'XM-4-C': budget/value/@value-date: '2024-02-30' is not a date (YYYY-MM-DD)",
                "bad.xml: activity 'XM-4-C': budget/value: '12,5' is not an amount (a decimal number such as 1500.50)",
                "bad.xml: activity 'XM-4-C': result/indicator/reference[@vocabulary='9']/@code: '8.3.9' is not an indicator of the official SDG framework",
            ],
            result.Problems.Select(p => p.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(before, await StatisticsAsync());
    }

    [Fact]
    public async Task WithSkipInvalidTheValidActivitiesAreLoaded_AndTheInvalidReported()
    {
        var path = Write(_temporary.Folder, "mixed.xml",
            [Activity("XM-5-OK", "XM-5"), Activity("XM-5-BAD", "XM-5", """<activity-date type="7" iso-date="2024-01-01"/>""")]);

        var result = await ImportAsync(path, skipInvalid: true);

        Assert.True(result.Written);
        Assert.Equal((2, 1, 1), (result.ActivitiesRead, result.Invalid, result.Loaded));
        Assert.Equal(["mixed.xml: activity 'XM-5-BAD': activity-date/@type: '7' is not an activity date type (1 to 4)"], result.Problems.Select(p => p.ToString()));
        Assert.NotEmpty(await Store.GetNodesAsync([IatiGraphMapper.DeliverableId("XM-5-OK", "XM-5")]));
        Assert.Empty(await Store.GetNodesAsync([IatiGraphMapper.DeliverableId("XM-5-BAD", "XM-5")]));
    }

    [Theory]
    [InlineData("2.04")]
    [InlineData("1.05")]
    public async Task AnUnsupportedVersionIsRefusedNamingTheFileAndVersion(string version)
    {
        var before = await StatisticsAsync();
        var path = Write(_temporary.Folder, "old.xml", [Activity("XM-6-A", "XM-6")], version);

        var result = await ImportAsync(path, skipInvalid: true);

        Assert.False(result.Written);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(path, problem.File);
        Assert.Contains($"version '{version}' is not supported", problem.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StatisticsAsync());
    }

    [Fact]
    public async Task BrokenXmlIsRefusedWithFileLineAndPosition_AndNothingIsWritten_EvenWithSkipInvalid()
    {
        var before = await StatisticsAsync();
        var good = Write(_temporary.Folder, "good.xml", [Activity("XM-7-A", "XM-7")]);
        var broken = Path.Combine(_temporary.Folder, "broken.xml");
        File.WriteAllText(broken, "<iati-activities version=\"2.03\">\n<iati-activity>\n  <iati-identifier>XM-7-B</iati-identifier>\n  <title></iati-activity>\n</iati-activities>");

        var result = await ImportAsync([good, broken], skipInvalid: true);

        Assert.False(result.Written);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(broken, problem.File);
        Assert.StartsWith("line 4, position ", problem.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StatisticsAsync());
    }

    [Fact]
    public async Task ImportingTheSameFileAgainChangesNothing()
    {
        var first = await ImportAsync(AnnotatedExample);
        var second = await ImportAsync(AnnotatedExample);

        Assert.True(first.ChangedAnything);
        Assert.False(second.ChangedAnything);
        Assert.All(second.Nodes.Values.Concat(second.Relationships.Values), c => Assert.Equal(0, c.Created + c.Updated));
        Assert.Equal(0, second.Removed);
        Assert.Equal(first.After, second.After, StatisticsComparer.Instance);
    }

    [Fact]
    public async Task ANewerVersionReplacesTheActivityInPlace_RemovingWhatItNoLongerHas()
    {
        var v1 = Write(_temporary.Folder, "v1.xml", [Activity("XM-8-A", "XM-8", $"""
            {Org("XM-F", 1)}{Org("XM-I", 4)}<tag vocabulary="2" code="3"/><sector vocabulary="1" code="12220"/>
            <result><title><narrative>First result</narrative></title><indicator><title><narrative>I</narrative></title><reference vocabulary="9" code="3.8.1"/></indicator></result>
            {Budget("100", "2024-01-01", "2024-12-31")}
            """, lastUpdated: "2024-01-01T00:00:00Z")]);
        var v2 = Write(_temporary.Folder, "v2.xml", [Activity("XM-8-A", "XM-8", $"""
            {Org("XM-I", 4)}<tag vocabulary="2" code="8"/>
            {Budget("250", "2025-01-01", "2025-12-31")}
            """, lastUpdated: "2024-06-01T00:00:00Z")]);
        await ImportAsync(v1);
        var id = IatiGraphMapper.DeliverableId("XM-8-A", "XM-8");
        var outcome = Assert.Single(await EndsAsync(id, RelationshipTypes.Serves, Direction.Outgoing));
        var indicator = Assert.Single(await EndsAsync(outcome, RelationshipTypes.MeasuredBy, Direction.Outgoing));

        var result = await ImportAsync(v2);

        Assert.Equal((1, 0, 1), (result.Loaded, result.New, result.Replaced));
        Assert.Empty(await EndsAsync(id, RelationshipTypes.Funds));
        Assert.Equal(["iati-org-xm-i"], await EndsAsync(id, RelationshipTypes.Delivers));
        Assert.Equal(["sdg-goal-8"], await EndsAsync(id, RelationshipTypes.AlignsWith, Direction.Outgoing));
        Assert.Empty(await EndsAsync(id, RelationshipTypes.HasTheme, Direction.Outgoing));
        Assert.Empty(await EndsAsync(id, RelationshipTypes.Serves, Direction.Outgoing));
        Assert.Empty(await EndsAsync(outcome, RelationshipTypes.MeasuredBy, Direction.Outgoing));
        Assert.Empty(await EndsAsync(indicator, RelationshipTypes.AlignsWith, Direction.Outgoing));
        Assert.Empty(await EndsAsync(outcome, RelationshipTypes.AlignsWith, Direction.Outgoing));
        Assert.Equal(7, result.Removed); // FUNDS, ALIGNS_WITH goal 3, HAS_THEME, SERVES, MEASURED_BY, the indicator's and the result's ALIGNS_WITH
        var deliverable = await NodeAsync(id);
        Assert.Equal([new IatiAmount(IatiAmount.Budget, "1", 250m, "USD", "2025-01-01", "2025-12-31", null)], deliverable.GetStrings("amounts").Select(IatiGraphMapper.ParseAmount));
        Assert.Equal(IatiGraphMapper.DocumentId(v2), deliverable.Provenance.DocumentId);
    }

    [Fact]
    public async Task AnOlderVersionThanTheStoredOneIsSkippedWithAMessage()
    {
        var newer = Write(_temporary.Folder, "newer.xml", [Activity("XM-9-A", "XM-9", "<tag vocabulary=\"2\" code=\"8\"/>", lastUpdated: "2024-06-01T00:00:00Z")]);
        var older = Write(_temporary.Folder, "older.xml", [Activity("XM-9-A", "XM-9", "<tag vocabulary=\"2\" code=\"3\"/>", lastUpdated: "2024-01-01T00:00:00Z")]);
        await ImportAsync(newer);

        var result = await ImportAsync(older);

        Assert.Equal((0, 1), (result.Loaded, result.SkippedOlder));
        Assert.False(result.ChangedAnything);
        Assert.Contains(result.Messages, m => m.Contains("'XM-9-A'", StringComparison.Ordinal) && m.Contains("skipped", StringComparison.Ordinal));
        Assert.Equal(["sdg-goal-8"], await EndsAsync(IatiGraphMapper.DeliverableId("XM-9-A", "XM-9"), RelationshipTypes.AlignsWith, Direction.Outgoing));
    }

    [Theory]
    [InlineData(false, 2_000)]
    [InlineData(false, 1)]
    [InlineData(true, 2_000)]
    public async Task OneActivityReportedByTwoPublishersIsTwoLinkedRecords_CountedOnceInTotals(bool thirdPartyFirst, int batchSize)
    {
        _batchSize = batchSize;
        // XM-OWN publishes its own activity XM-OWN-1; XM-FUNDER reports the same activity (same identifier) too.
        var own = Write(_temporary.Folder, "own.xml", [Activity("XM-OWN-1", "XM-OWN", $"{Org("XM-FUNDER", 1)}{Transaction("3", "1000", "2024-03-01")}")]);
        var third = Write(_temporary.Folder, "third.xml", [Activity("XM-OWN-1", "XM-FUNDER", $"{Org("XM-FUNDER", 1)}{Transaction("3", "1000", "2024-03-01")}")]);
        var other = Write(_temporary.Folder, "other.xml", [Activity("XM-OTHER-1", "XM-OTHER", $"{Transaction("3", "50", "2024-03-01")}")]);
        if (thirdPartyFirst)
        {
            await ImportAsync(third, other);
            await ImportAsync(own);
        }
        else
        {
            await ImportAsync(own, third, other);
        }

        var ownId = IatiGraphMapper.DeliverableId("XM-OWN-1", "XM-OWN");
        var thirdId = IatiGraphMapper.DeliverableId("XM-OWN-1", "XM-FUNDER");
        Assert.NotEqual(ownId, thirdId);
        Assert.Equal([thirdId], await EndsAsync(ownId, RelationshipTypes.SameActivityAs, Direction.Outgoing));
        Assert.Equal([ownId], await EndsAsync(thirdId, RelationshipTypes.SameActivityAs, Direction.Outgoing));
        Assert.Equal((1L, 0L), ((await NodeAsync(ownId)).GetInt64("iatiCountedInTotals"), (await NodeAsync(thirdId)).GetInt64("iatiCountedInTotals")));

        var totals = await AmountQueries.TotalsAsync(Store, null, CancellationToken.None);
        Assert.Equal([new AmountTotal(IatiAmount.Transaction, "3", "USD", 1050m, 2)], totals);
        var funder = await AmountQueries.TotalsAsync(Store, "iati-org-xm-funder", CancellationToken.None);
        Assert.Equal([new AmountTotal(IatiAmount.Transaction, "3", "USD", 1000m, 1)], funder);
    }

    private Task<IatiImportResult> ImportAsync(params string[] paths) => ImportAsync(paths, skipInvalid: false);

    private Task<IatiImportResult> ImportAsync(string path, bool skipInvalid) => ImportAsync([path], skipInvalid);

    private async Task<IatiImportResult> ImportAsync(string[] paths, bool skipInvalid) =>
        await new IatiImporter(Store) { BatchSize = _batchSize }.ImportAsync(paths, skipInvalid);

    private int _batchSize = 2_000;

    private async Task<GraphNode> NodeAsync(string id) => Assert.Single(await Store.GetNodesAsync([id]));

    /// <summary>The ids at the other end of a node's relationships of one type (incoming by default: organisations of a deliverable).</summary>
    private async Task<List<string>> EndsAsync(string id, string type, Direction direction = Direction.Incoming) =>
        [.. (await Store.GetRelationshipsAsync([id], type, direction)).Select(r => direction == Direction.Incoming ? r.FromId : r.ToId).Order(StringComparer.Ordinal)];

    private async Task<string> StatisticsAsync()
    {
        var statistics = await Store.GetStatisticsAsync();
        return string.Join(", ", statistics.NodesByLabel.Concat(statistics.RelationshipsByType).Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal));
    }

    private sealed class StatisticsComparer : IEqualityComparer<GraphStatistics?>
    {
        public static StatisticsComparer Instance { get; } = new();

        public bool Equals(GraphStatistics? x, GraphStatistics? y) =>
            x is not null && y is not null && x.NodesByLabel.OrderBy(p => p.Key).SequenceEqual(y.NodesByLabel.OrderBy(p => p.Key))
            && x.RelationshipsByType.OrderBy(p => p.Key).SequenceEqual(y.RelationshipsByType.OrderBy(p => p.Key));

        public int GetHashCode(GraphStatistics? obj) => 0;
    }
}

/// <summary>An import into an empty store brings the shipped seed (and its SDG framework) and loads everything at once.</summary>
public sealed class IatiImportIntoAnEmptyStoreTests : IDisposable
{
    private readonly TemporaryStore _temporary = new();

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task TheSeedAndTheActivitiesGoInTogether_AndRecordsInDifferentBatchesStillLink()
    {
        var own = Write(_temporary.Folder, "own.xml", [Activity("XM-OWN-1", "XM-OWN", $"<tag vocabulary=\"3\" code=\"3.8\"/>{Transaction("3", "1000", "2024-03-01")}")]);
        var third = Write(_temporary.Folder, "third.xml", [Activity("XM-OWN-1", "XM-FUNDER", Transaction("3", "1000", "2024-03-01"))]);

        var result = await new IatiImporter(_temporary.Store) { BatchSize = 1 }.ImportAsync([third, own], skipInvalid: false);

        Assert.True(result.Written);
        Assert.Equal(17, result.After!.NodesByLabel[NodeLabels.SdgGoal]);
        var seedDeliverables = (await HealthGraph.Ingest.Seed.Seeder.BuildGraphAsync(TemporaryStore.SeedDirectory)).Nodes.Count(n => n.Label == NodeLabels.Deliverable);
        Assert.Equal(seedDeliverables + 2, result.Nodes[NodeLabels.Deliverable].Created);
        var ownId = IatiGraphMapper.DeliverableId("XM-OWN-1", "XM-OWN");
        var thirdId = IatiGraphMapper.DeliverableId("XM-OWN-1", "XM-FUNDER");
        Assert.Equal([thirdId], (await _temporary.Store.GetRelationshipsAsync([ownId], RelationshipTypes.SameActivityAs, Direction.Outgoing)).Select(r => r.ToId));
        Assert.Equal([ownId], (await _temporary.Store.GetRelationshipsAsync([thirdId], RelationshipTypes.SameActivityAs, Direction.Outgoing)).Select(r => r.ToId));
        Assert.Equal([new AmountTotal(IatiAmount.Transaction, "3", "USD", 1000m, 1)], await AmountQueries.TotalsAsync(_temporary.Store, null, CancellationToken.None));
        Assert.Equal(["sdg-target-3.8"], (await _temporary.Store.GetRelationshipsAsync([ownId], RelationshipTypes.AlignsWith, Direction.Outgoing)).Select(r => r.ToId));

        var again = await new IatiImporter(_temporary.Store) { BatchSize = 1 }.ImportAsync([third, own], skipInvalid: false);
        Assert.False(again.ChangedAnything);
    }
}

/// <summary>`healthgraph seed import-iati` as a user runs it: the built executable, its exit codes and messages.</summary>
public sealed class IatiImportCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("healthgraph-iati-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task AMissingFileIsNamedWithWhereItWasLookedFor_AndNothingIsWritten()
    {
        var database = Path.Combine(_folder.FullName, "graph.db");

        using var run = await HealthGraphProcess.RunAsync("seed", "import-iati", "no-such-activities.xml", $"--Sqlite:Path={database}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(Squashed("There is no file no-such-activities.xml (looked for"), Squashed(run.Output), StringComparison.Ordinal);
        Assert.Contains(Squashed(Path.Combine(Path.GetDirectoryName(HealthGraphProcess.Executable)!, "no-such-activities.xml")), Squashed(run.Output), StringComparison.Ordinal);
        Assert.False(File.Exists(database));
    }

    [Fact]
    public async Task AnActivityWithProblemsFailsTheImport_NamingEachProblem()
    {
        var file = Path.Combine(_folder.FullName, "bad.xml");
        await File.WriteAllTextAsync(file, """<iati-activities version="2.03"><iati-activity><iati-identifier></iati-identifier></iati-activity></iati-activities>""");

        using var run = await HealthGraphProcess.RunAsync("seed", "import-iati", file, $"--Sqlite:Path={Path.Combine(_folder.FullName, "graph.db")}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(Squashed("bad.xml: activity #1 (line 1, no iati-identifier): iati-identifier: empty"), Squashed(run.Output), StringComparison.Ordinal);
    }

    /// <summary>The text without white space: the console wraps long lines at its width, wherever they break.</summary>
    private static string Squashed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
