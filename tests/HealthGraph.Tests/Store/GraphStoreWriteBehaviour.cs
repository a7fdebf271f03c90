using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Store;

/// <summary>
/// How every store applies edits: created, updated and removed by key, stamped with the writer and the time, all or
/// nothing, and logged. Each test gets a freshly seeded store of its own (the shared seeded fixture stays read-only),
/// with a clock that only moves when the test moves it.
/// </summary>
public abstract class GraphStoreWriteBehaviour : IAsyncLifetime
{
    private static readonly DateTimeOffset s_seededAt = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected ManualClock Clock { get; } = new(s_seededAt);

    private IGraphStore? _store;

    /// <summary>The store under test.</summary>
    protected IGraphStore Store => _store ?? throw new InvalidOperationException("The store is not seeded yet.");

    /// <summary>A new store, loaded with the shipped seed data, that reads its time from <paramref name="clock"/>.</summary>
    protected abstract Task<IGraphStore> CreateSeededStoreAsync(TimeProvider clock);

    public async Task InitializeAsync() => _store = await CreateSeededStoreAsync(Clock);

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private const string NewId = "who-test-hiv-screening";

    private static GraphNode NewDeliverable(string status = "ON_TRACK") => new(
        NewId,
        NodeLabels.Deliverable,
        "HIV screening for returning migrants",
        new Dictionary<string, object?> { ["kind"] = "PROJECT", ["status"] = status, ["year"] = 2025L, ["items"] = new[] { "Screening days" } },
        Provenance.Inferred("Entered by a curator for the test."));

    private static GraphRelationship Relationship(string type, string from, string to) =>
        new(type, from, to, GraphRelationship.NoProperties, Provenance.Inferred("Entered by a curator for the test."));

    private static GraphChange CreateNewDeliverable(string writer = "alice", string status = "ON_TRACK") => new(
        writer,
        "upsertDeliverable",
        NewId,
        [NewDeliverable(status)],
        [Relationship(RelationshipTypes.Delivers, "who", NewId), Relationship(RelationshipTypes.AlignsWith, NewId, "sdg-target-3.3")],
        []);

    private async Task<GraphNode> NodeAsync(string id) => Assert.Single(await Store.GetNodesAsync([id]));

    private async Task<List<string>> AlignedWithAsync(string id) =>
        [.. (await Store.GetRelationshipsAsync([id], RelationshipTypes.AlignsWith, Direction.Outgoing)).Select(r => r.ToId).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task ANewDeliverableIsCreatedWithItsRelationships_StampedByItsWriter()
    {
        var at = Clock.Advance(TimeSpan.FromHours(1));

        var result = await Store.ApplyAsync(CreateNewDeliverable("alice"));

        Assert.Equal((3, 0, 0), (result.Created, result.Updated, result.Removed));
        var node = await NodeAsync(NewId);
        Assert.Equal(new WriteStamp(at, at, "alice"), node.Stamp);
        Assert.Equal("ON_TRACK", node.GetString("status"));
        Assert.Equal(["Screening days"], node.GetStrings("items"));
        Assert.Equal(["sdg-target-3.3"], await AlignedWithAsync(NewId));
        Assert.Contains(await Store.GetContributionsAsync(["sdg-target-3.3"]), c => c.Contribution is { AgencyId: "who", Item.Id: NewId, ViaOutcome: false });
    }

    [Fact]
    public async Task ANeighbourhoodBreaksTiesOnTheOtherEndByDirection_AndCountsARelationshipToItselfOnce()
    {
        var otherEndBefore = (await Store.GetNeighbourhoodAsync("ilo-tjk128", 0))!.RelationshipCount;

        // Both ways between the new deliverable and ilo-tjk128 with the same type, and one from it to itself.
        await Store.ApplyAsync(CreateNewDeliverable() with
        {
            Relationships =
            [
                .. CreateNewDeliverable().Relationships,
                Relationship(RelationshipTypes.Supports, NewId, NewId),
                Relationship(RelationshipTypes.Supports, "ilo-tjk128", NewId),
                Relationship(RelationshipTypes.Supports, NewId, "ilo-tjk128"),
            ],
        });

        var neighbourhood = (await Store.GetNeighbourhoodAsync(NewId, 10))!;
        var firstThree = (await Store.GetNeighbourhoodAsync(NewId, 3))!;

        Assert.Equal(
            [
                (RelationshipTypes.AlignsWith, NewId, "sdg-target-3.3"), (RelationshipTypes.Delivers, "who", NewId),
                (RelationshipTypes.Supports, NewId, "ilo-tjk128"), (RelationshipTypes.Supports, "ilo-tjk128", NewId),
                (RelationshipTypes.Supports, NewId, NewId),
            ],
            neighbourhood.Relationships.Select(r => (r.Type, r.FromId, r.ToId)));
        Assert.Equal(5, neighbourhood.RelationshipCount);
        Assert.Equal((5, 3), (firstThree.RelationshipCount, firstThree.Relationships.Count));
        Assert.Equal(otherEndBefore + 2, (await Store.GetNeighbourhoodAsync("ilo-tjk128", 0))!.RelationshipCount);
    }

    [Fact]
    public async Task ApplyingTheSameChangeAgainChangesNothing_ButIsStillLogged()
    {
        var first = await Store.ApplyAsync(CreateNewDeliverable("alice"));
        var createdAt = (await NodeAsync(NewId)).Stamp;
        Clock.Advance(TimeSpan.FromHours(1));

        var again = await Store.ApplyAsync(CreateNewDeliverable("bob"));

        Assert.Equal((0, 0, 0), (again.Created, again.Updated, again.Removed));
        Assert.False(again.ChangedAnything);
        Assert.Equal(createdAt, (await NodeAsync(NewId)).Stamp);
        Assert.Equal([again.Entry, first.Entry], await Store.GetChangesAsync(10));
        Assert.Equal(("bob", 0, 0, 0), (again.Entry.Writer, again.Entry.Created, again.Entry.Updated, again.Entry.Removed));
    }

    [Fact]
    public async Task ChangingOnePropertyOfASeededNodeUpdatesIt_KeepingWhenItWasCreated()
    {
        var seeded = await NodeAsync("who-hwf-strategy");
        var properties = new Dictionary<string, object?>(seeded.Properties) { ["status"] = "ACHIEVED" };
        var at = Clock.Advance(TimeSpan.FromDays(2));

        var result = await Store.ApplyAsync(new GraphChange("carol", "upsertDeliverable", seeded.Id, [seeded with { Properties = properties }], [], []));

        Assert.Equal((0, 1, 0), (result.Created, result.Updated, result.Removed));
        var updated = await NodeAsync("who-hwf-strategy");
        Assert.Equal(new WriteStamp(s_seededAt, at, "carol"), updated.Stamp);
        Assert.Equal("ACHIEVED", updated.GetString("status"));
        Assert.Equal(seeded.Name, updated.Name);
        Assert.Equal(new WriteStamp(s_seededAt, s_seededAt, "seed"), seeded.Stamp);
        Assert.Equal(seeded.Stamp, (await NodeAsync("who-hf-uhc-reforms")).Stamp);
    }

    [Fact]
    public async Task ReplacingAlignmentsRemovesThemAll_ExceptTheOneTheChangeUpsertsAgain()
    {
        Assert.Equal(["sdg-target-17.16", "sdg-target-17.18"], await AlignedWithAsync("who-sdg-coordination"));
        var kept = Assert.Single(
            await Store.GetRelationshipsAsync(["who-sdg-coordination"], RelationshipTypes.AlignsWith, Direction.Outgoing),
            r => r.ToId == "sdg-target-17.16");

        var result = await Store.ApplyAsync(new GraphChange(
            "alice", "setAlignments", "who-sdg-coordination", [], [kept],
            [new RelationshipRemoval("who-sdg-coordination", RelationshipTypes.AlignsWith, Direction.Outgoing)]));

        Assert.Equal((0, 0, 1), (result.Created, result.Updated, result.Removed));
        Assert.Equal(["sdg-target-17.16"], await AlignedWithAsync("who-sdg-coordination"));
    }

    [Fact]
    public async Task ARemovalNamingTheOtherEndRemovesOnlyThatRelationship_FromEitherEnd()
    {
        var before = await Store.GetStatisticsAsync();

        var result = await Store.ApplyAsync(new GraphChange(
            "alice", "removeAlignment", "sdg-target-3.3", [], [],
            [new RelationshipRemoval("sdg-target-3.3", RelationshipTypes.AlignsWith, Direction.Incoming, "iom-hiv-community-mobilization")]));

        Assert.Equal(1, result.Removed);
        Assert.Empty(await AlignedWithAsync("iom-hiv-community-mobilization"));
        Assert.Equal(["sdg-target-3.3"], await AlignedWithAsync("iom-hiv-regional-training-centre"));
        Assert.Equal(
            before.RelationshipsByType[RelationshipTypes.AlignsWith] - 1,
            (await Store.GetStatisticsAsync()).RelationshipsByType[RelationshipTypes.AlignsWith]);
    }

    [Fact]
    public async Task AChangeExpectingANodeAbsentConflictsWithOneThatExists_AndWritesNothing()
    {
        await Store.ApplyAsync(CreateNewDeliverable("alice"));
        var stamp = (await NodeAsync(NewId)).Stamp;
        Clock.Advance(TimeSpan.FromHours(1));

        var conflict = await Assert.ThrowsAsync<GraphChangeConflictException>(() => Store.ApplyAsync(
            CreateNewDeliverable("bob", status: "ACHIEVED") with { Expectations = [NodeExpectation.Absent(NewId)] }));

        Assert.Equal(stamp, conflict.Current);
        Assert.Contains("already exists", conflict.Message, StringComparison.Ordinal);
        Assert.Equal("ON_TRACK", (await NodeAsync(NewId)).GetString("status"));
        Assert.Single(await Store.GetChangesAsync(10));
    }

    [Fact]
    public async Task AChangeExpectingTheVersionAnEditorSaw_AppliesOnThatVersionOnly()
    {
        var seeded = await NodeAsync("who-hwf-strategy");
        GraphNode Edit(string status) => seeded with { Properties = new Dictionary<string, object?>(seeded.Properties) { ["status"] = status }, Stamp = null };
        Clock.Advance(TimeSpan.FromMinutes(5));

        // Two editors read the seeded version; the first saves, the second's save conflicts and names who came between.
        var first = await Store.ApplyAsync(new GraphChange("alice", "updateDeliverable", seeded.Id, [Edit("ACHIEVED")], [], [])
        {
            Expectations = [NodeExpectation.Present(seeded.Id, seeded.Stamp!.UpdatedAt)],
        });
        var second = await Assert.ThrowsAsync<GraphChangeConflictException>(() => Store.ApplyAsync(
            new GraphChange("bob", "updateDeliverable", seeded.Id, [Edit("DELAYED")], [], []) { Expectations = [NodeExpectation.Present(seeded.Id, seeded.Stamp.UpdatedAt)] }));
        var missing = await Assert.ThrowsAsync<GraphChangeConflictException>(() => Store.ApplyAsync(
            new GraphChange("bob", "updateDeliverable", "no-such-work", [], [], []) { Expectations = [NodeExpectation.Present("no-such-work")] }));

        Assert.Equal(1, first.Updated);
        var now = await NodeAsync(seeded.Id);
        Assert.Equal(("ACHIEVED", "alice"), (now.GetString("status"), now.Stamp!.UpdatedBy));
        Assert.Equal(now.Stamp, second.Current);
        Assert.Contains("alice", second.Message, StringComparison.Ordinal);
        Assert.Null(missing.Current);
        Assert.Single(await Store.GetChangesAsync(10));

        // The version the store gave back is the one an editor saves against next.
        var third = await Store.ApplyAsync(new GraphChange("bob", "updateDeliverable", seeded.Id, [Edit("DELAYED")], [], [])
        {
            Expectations = [NodeExpectation.Present(seeded.Id, now.Stamp.UpdatedAt)],
        });
        Assert.Equal(1, third.Updated);
    }

    [Fact]
    public async Task AnEditorOfAnOrganisationChangesItsWorkOnly_AndARefusedChangeWritesNothing()
    {
        var whoEditor = new EditLimit("key:who-focal-point", ["who"]);
        GraphChange Limited(GraphChange change) => change with { Limit = whoEditor };
        GraphChange Align(string work) => Limited(new GraphChange(
            "key:who-focal-point", "linkAlignment", work, [], [Relationship(RelationshipTypes.AlignsWith, work, "sdg-target-3.c")], []));
        Clock.Advance(TimeSpan.FromMinutes(1));

        // WHO's own work: a deliverable it delivers, an outcome of a results framework it manages, a new piece of work.
        await Store.ApplyAsync(Align("who-hwf-strategy"));
        await Store.ApplyAsync(Align("uhcp-er-hf-reforms"));
        await Store.ApplyAsync(Limited(CreateNewDeliverable("key:who-focal-point")));

        // Another organisation's: ILO's deliverable, its results framework's outcome, and ILO itself.
        var ilos = await Assert.ThrowsAsync<GraphChangeForbiddenException>(() => Store.ApplyAsync(Align("ilo-sp-budget-review")));
        await Assert.ThrowsAsync<GraphChangeForbiddenException>(() => Store.ApplyAsync(Align("ilo-result-sp-governance")));
        var ilo = await NodeAsync("ilo");
        await Assert.ThrowsAsync<GraphChangeForbiddenException>(() => Store.ApplyAsync(Limited(
            new GraphChange("key:who-focal-point", "upsertOrganization", "ilo", [ilo with { Name = "Renamed", Stamp = null }], [], []))));
        Assert.Equal("ilo-sp-budget-review", ilos.Subject);
        Assert.Contains("the work of ilo", ilos.Message, StringComparison.Ordinal);
        Assert.Contains("the work of who", ilos.Message, StringComparison.Ordinal);

        // Work is not given away: after the change it must still be WHO's.
        var givenAway = await Assert.ThrowsAsync<GraphChangeForbiddenException>(() => Store.ApplyAsync(Limited(new GraphChange(
            "key:who-focal-point", "updateDeliverable", NewId, [], [Relationship(RelationshipTypes.Delivers, "ilo", NewId)],
            [new RelationshipRemoval(NewId, RelationshipTypes.Delivers, Direction.Incoming)]))));
        Assert.Contains("After this change", givenAway.Message, StringComparison.Ordinal);

        // A new partner organisation and a new source document may be added; a document already in the graph may not change.
        var partner = new GraphNode("khatlon-health-department", NodeLabels.Organization, "Khatlon regional health department",
            new Dictionary<string, object?> { ["kind"] = "GOVERNMENT" }, Provenance.Inferred("Entered by a curator for the test."));
        await Store.ApplyAsync(Limited(new GraphChange("key:who-focal-point", "upsertOrganization", partner.Id, [partner], [], [])));
        var document = await NodeAsync("iom-tajikistan");
        await Assert.ThrowsAsync<GraphChangeForbiddenException>(() => Store.ApplyAsync(Limited(
            new GraphChange("key:who-focal-point", "upsertDocument", document.Id, [document with { Name = "Renamed", Stamp = null }], [], []))));

        // Nothing of a refused change was written; the allowed ones were, and an administrator's change has no limit.
        Assert.DoesNotContain("sdg-target-3.c", await AlignedWithAsync("ilo-sp-budget-review"));
        Assert.Contains("sdg-target-3.c", await AlignedWithAsync("uhcp-er-hf-reforms"));
        Assert.Equal(["who"], (await Store.GetRelationshipsAsync([NewId], RelationshipTypes.Delivers, Direction.Incoming)).Select(r => r.FromId));
        Assert.NotEqual("Renamed", (await NodeAsync("ilo")).Name);
        Assert.Equal(4, (await Store.GetChangesAsync(10)).Count);
        await Store.ApplyAsync(Align("ilo-sp-budget-review") with { Limit = null });
        Assert.Contains("sdg-target-3.c", await AlignedWithAsync("ilo-sp-budget-review"));
    }

    [Fact]
    public async Task EveryCommittedWriteGivesTheGraphANewVersion_AndReadsAndRefusedWritesDoNot()
    {
        var versions = (IGraphVersion)Store;
        var seeded = await versions.GetGraphVersionAsync();
        await Store.GetNodesAsync(["who"]);
        await Store.GetStatisticsAsync();
        var afterReads = await versions.GetGraphVersionAsync();

        await Store.ApplyAsync(CreateNewDeliverable());
        var afterChange = await versions.GetGraphVersionAsync();
        await Assert.ThrowsAsync<GraphChangeRejectedException>(() => Store.ApplyAsync(
            new GraphChange("alice", "linkAlignment", "no-such-work", [], [Relationship(RelationshipTypes.AlignsWith, "no-such-work", "sdg-target-3.3")], [])));
        var afterRefusal = await versions.GetGraphVersionAsync();
        var theme = new GraphNode("test-theme-version", NodeLabels.Theme, "A theme for the version test", GraphRelationship.NoProperties, Provenance.Inferred("Entered by a curator for the test."));
        await Store.LoadAsync(new SeedGraph([theme], []));
        var afterLoad = await versions.GetGraphVersionAsync();
        await ((IApiKeyStore)Store).AddApiKeyAsync(new StoredApiKey("version-test", "sha256:" + new string('e', 64), ["editor"], ["who"], Clock.GetUtcNow(), "key:admin"));
        var afterKey = await versions.GetGraphVersionAsync();

        Assert.NotNull(seeded);
        Assert.Equal(seeded, afterReads);
        Assert.NotEqual(seeded, afterChange);
        Assert.Equal(afterChange, afterRefusal);
        Assert.NotNull(afterLoad);
        Assert.NotEqual(afterChange, afterLoad);
        Assert.NotEqual(afterLoad, afterKey);
    }

    [Fact]
    public async Task AnIssuedKeyIsFoundByItsHash_ListedByName_RevokedOnce_AndItsNameNeverReused()
    {
        var keys = (IApiKeyStore)Store;
        var at = Clock.Advance(TimeSpan.FromMinutes(1));
        StoredApiKey Key(string name, string hash, params string[] organisations) =>
            new(name, hash, ["editor"], organisations, at, "key:admin");
        var hashA = "sha256:" + new string('a', 64);
        var hashB = "sha256:" + new string('b', 64);

        Assert.True(await keys.AddApiKeyAsync(Key("who-focal-point", hashA, "who")));
        Assert.True(await keys.AddApiKeyAsync(Key("ilo-focal-point", hashB, "ilo", "ilo-tajikistan")));
        Assert.False(await keys.AddApiKeyAsync(Key("who-focal-point", "sha256:" + new string('c', 64), "iom")));

        var found = await keys.FindApiKeyAsync(hashA);
        Assert.Equal(("who-focal-point", "key:admin", at), (found!.Name, found.CreatedBy, found.CreatedAt));
        Assert.Equal(["who"], found.Organisations);
        Assert.Equal(["editor"], found.Roles);
        Assert.Null(await keys.FindApiKeyAsync("sha256:" + new string('c', 64)));
        Assert.Equal(["ilo-focal-point", "who-focal-point"], (await keys.GetApiKeysAsync(10, null)).Select(k => k.Name));
        Assert.Equal(["ilo-focal-point"], (await keys.GetApiKeysAsync(1, null)).Select(k => k.Name));
        Assert.Equal(["who-focal-point"], (await keys.GetApiKeysAsync(10, "ilo-focal-point")).Select(k => k.Name));
        Assert.Equal(["ilo", "ilo-tajikistan"], (await keys.GetApiKeysAsync(1, null)).Single().Organisations);

        var revokedAt = Clock.Advance(TimeSpan.FromMinutes(1));
        var revoked = await keys.RevokeApiKeyAsync("who-focal-point", "key:admin", revokedAt);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await keys.RevokeApiKeyAsync("who-focal-point", "key:other-admin", Clock.GetUtcNow());

        Assert.Equal((revokedAt, "key:admin"), (revoked!.RevokedAt, revoked.RevokedBy));
        Assert.Equal((revokedAt, "key:admin"), (again!.RevokedAt, again.RevokedBy));
        Assert.True((await keys.FindApiKeyAsync(hashA))!.IsRevoked);
        Assert.False((await keys.FindApiKeyAsync(hashB))!.IsRevoked);
        Assert.Null(await keys.RevokeApiKeyAsync("no-such-key", "key:admin", Clock.GetUtcNow()));
        Assert.False(await keys.AddApiKeyAsync(Key("who-focal-point", "sha256:" + new string('d', 64), "who")));
    }

    [Fact]
    public async Task ADeletionRemovesTheNodeWithTheRelationshipsItNames_AndTheAggregatesForgetIt()
    {
        await Store.ApplyAsync(CreateNewDeliverable("alice"));
        Assert.Contains(await Store.GetContributionsAsync(["sdg-target-3.3"]), c => c.Contribution is { Item.Id: NewId });
        var before = await Store.GetStatisticsAsync();

        var result = await Store.ApplyAsync(new GraphChange(
            "alice", "deleteDeliverable", NewId, [], [],
            [new RelationshipRemoval(NewId, RelationshipTypes.Delivers, Direction.Incoming), new RelationshipRemoval(NewId, RelationshipTypes.AlignsWith, Direction.Outgoing)])
        {
            NodeDeletions = [NewId],
        });

        Assert.Equal(3, result.Removed);
        Assert.Empty(await Store.GetNodesAsync([NewId]));
        Assert.DoesNotContain(await Store.GetContributionsAsync(["sdg-target-3.3"]), c => c.Contribution is { Item.Id: NewId });
        var after = await Store.GetStatisticsAsync();
        Assert.Equal(before.NodesByLabel[NodeLabels.Deliverable] - 1, after.NodesByLabel[NodeLabels.Deliverable]);
        Assert.Equal(before.RelationshipsByType[RelationshipTypes.Delivers] - 1, after.RelationshipsByType[RelationshipTypes.Delivers]);
        var check = await ((IAggregateStore)Store).CheckAggregatesAsync();
        Assert.True(check.IsExact, string.Join(Environment.NewLine, check.Differences));
    }

    [Fact]
    public async Task ADeletionOfANodeWithARelationshipItDoesNotName_IsRefusedWhole()
    {
        await Store.ApplyAsync(CreateNewDeliverable("alice"));
        var before = await Store.GetStatisticsAsync();

        var refused = await Assert.ThrowsAsync<GraphChangeRejectedException>(() => Store.ApplyAsync(new GraphChange(
            "alice", "deleteDeliverable", NewId, [], [], [new RelationshipRemoval(NewId, RelationshipTypes.AlignsWith, Direction.Outgoing)])
        {
            NodeDeletions = [NewId],
        }));

        Assert.Contains("still has 1 relationship", refused.Message, StringComparison.Ordinal);
        Assert.Single(await Store.GetNodesAsync([NewId]));
        Assert.Equal(["sdg-target-3.3"], await AlignedWithAsync(NewId));
        Assert.Equal(before.RelationshipsByType, (await Store.GetStatisticsAsync()).RelationshipsByType);
    }

    [Fact]
    public async Task AChangeReferringToAMissingNodeIsRejectedByName_AndNothingOfItIsWritten()
    {
        var before = await Store.GetStatisticsAsync();
        var change = CreateNewDeliverable() with
        {
            Relationships = [Relationship(RelationshipTypes.Delivers, "no-such-agency", NewId), Relationship(RelationshipTypes.AlignsWith, NewId, "sdg-target-3.3")],
            Removals = [new RelationshipRemoval("who-sdg-coordination", RelationshipTypes.AlignsWith, Direction.Outgoing)],
        };

        var error = await Assert.ThrowsAsync<GraphChangeRejectedException>(() => Store.ApplyAsync(change));

        Assert.Contains("no-such-agency", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(NewId, error.Message, StringComparison.Ordinal);
        var after = await Store.GetStatisticsAsync();
        Assert.Equal(before.NodesByLabel, after.NodesByLabel);
        Assert.Equal(before.RelationshipsByType, after.RelationshipsByType);
        Assert.Empty(await Store.GetNodesAsync([NewId]));
        Assert.Equal(["sdg-target-17.16", "sdg-target-17.18"], await AlignedWithAsync("who-sdg-coordination"));
        Assert.Empty(await Store.GetChangesAsync(10));
    }

    [Fact]
    public async Task AGraphLoadedInPartsIsWrittenPartByPart_TheLastWordOnANodeWins_AndAPartReachingNoNodeIsRefusedByName()
    {
        var before = await Store.GetStatisticsAsync();
        SeedGraph[] parts =
        [
            new([NewDeliverable()], [Relationship(RelationshipTypes.Delivers, "who", NewId)]),
            new([NewDeliverable("DELAYED")], [Relationship(RelationshipTypes.AlignsWith, NewId, "sdg-target-3.3")]),
        ];

        var report = await Store.LoadAsync(new SeedGraph([], []) { Parts = parts, PartCount = parts.Length });

        Assert.Equal(new ChangeCounts(1, 1, 0), report.Nodes[NodeLabels.Deliverable]);
        Assert.Equal("DELAYED", (await NodeAsync(NewId)).GetString("status"));
        Assert.Equal(["sdg-target-3.3"], await AlignedWithAsync(NewId));
        Assert.Equal(before.NodeCount + 1, report.After.NodeCount);
        Assert.Equal(before.RelationshipCount + 2, report.After.RelationshipCount);
        Assert.Contains(await Store.GetPortfolioAsync("who"), w => w.DeliverableId == NewId);

        var refused = new SeedGraph([], []) { Parts = [new([], [Relationship(RelationshipTypes.Serves, NewId, "no-such-outcome")])], PartCount = 1 };
        var failure = await Assert.ThrowsAsync<GraphChangeRejectedException>(() => Store.LoadAsync(refused));
        Assert.Equal("Relationships refer to nodes that do not exist: no-such-outcome.", failure.Message);
        Assert.Equal(report.After.RelationshipCount, (await Store.GetStatisticsAsync()).RelationshipCount);
    }

    [Fact]
    public async Task TheChangeLogListsChangesNewestFirst_WithWhoDidWhatWhen()
    {
        var t1 = Clock.Advance(TimeSpan.FromMinutes(1));
        await Store.ApplyAsync(CreateNewDeliverable("alice"));
        var t2 = Clock.Advance(TimeSpan.FromMinutes(1));
        await Store.ApplyAsync(CreateNewDeliverable("bob", status: "ACHIEVED"));
        var t3 = Clock.Advance(TimeSpan.FromMinutes(1));
        await Store.ApplyAsync(new GraphChange(
            "carol", "removeAlignment", NewId, [], [], [new RelationshipRemoval(NewId, RelationshipTypes.AlignsWith, Direction.Outgoing)]));

        var latestTwo = await Store.GetChangesAsync(2);
        var all = await Store.GetChangesAsync(10);

        Assert.Equal(
            [(t3, "carol", "removeAlignment", 0L, 0L, 1L), (t2, "bob", "upsertDeliverable", 0L, 1L, 0L)],
            latestTwo.Select(e => (e.At, e.Writer, e.Operation, e.Created, e.Updated, e.Removed)));
        Assert.Equal([t3, t2, t1], all.Select(e => e.At));
        Assert.Equal([NewId, NewId, NewId], all.Select(e => e.Subject));
        Assert.True(all[0].Sequence > all[1].Sequence && all[1].Sequence > all[2].Sequence);
    }

    /// <summary>
    /// Search reads words the same way in every store: an apostrophe (straight or curly) or a dot ends a word, and
    /// accents on Latin letters do not count, in the text and in what is searched for.
    /// </summary>
    [Fact]
    public async Task SearchFindsTheSameWordsWhateverTheirApostrophesAndAccents()
    {
        GraphNode Theme(string id, string name) => new(id, NodeLabels.Theme, name, GraphRelationship.NoProperties, Provenance.Inferred("Entered for the test."));
        await Store.ApplyAsync(new GraphChange(
            "alice",
            "test",
            "search",
            [
                Theme("test-search-curly", "Tajikistan’s Ministry of Health"),
                Theme("test-search-straight", "Tajikistan's Sughd oblast"),
                Theme("test-search-accent", "Réforme de la santé"),
                Theme("test-search-code", "Indicator 3.b.1 (a)"),
            ],
            [],
            []));

        async Task<string[]> FindAsync(string text) =>
            [.. (await Store.SearchAsync(new SearchQuery(text, [NodeLabels.Theme]))).Select(h => h.Node.Id).Where(id => id.StartsWith("test-search-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

        Assert.Equal(["test-search-curly", "test-search-straight"], await FindAsync("Tajikistan"));
        Assert.Equal(["test-search-curly", "test-search-straight"], await FindAsync("tajikistan s"));
        Assert.Equal(["test-search-curly"], await FindAsync("Tajikistan's ministry"));
        Assert.Equal(["test-search-accent"], await FindAsync("Reforme"));
        Assert.Equal(["test-search-accent"], await FindAsync("réforme SANTE"));
        Assert.Equal(["test-search-accent"], await FindAsync("refor"));
        Assert.Equal(["test-search-code"], await FindAsync("3.b.1"));
        Assert.Equal(["test-search-code"], await FindAsync("indicator a"));
        var hit = Assert.Single(await Store.SearchAsync(new SearchQuery("sughd", [NodeLabels.Theme])));
        Assert.Equal("Tajikistan's «Sughd» oblast", hit.Snippet);
    }

    /// <summary>
    /// A list property (items, aliases) is searched by its elements' own words, as a text property is: an apostrophe in an
    /// item makes no word of its JSON escape (the embedded store once indexed the list's JSON text, so "u" found
    /// "office's" as "u0027s"), and an alias in Cyrillic is found by its words, inflected or not.
    /// </summary>
    [Fact]
    public async Task ListPropertiesAreSearchedByTheirElementsWords()
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["items"] = new[] { "Branding for the country office's health system activities" },
            ["aliases"] = new[] { "Министерство здравоохранения" },
        };
        await Store.ApplyAsync(new GraphChange(
            "alice",
            "test",
            "search lists",
            [new GraphNode("test-search-lists", NodeLabels.Theme, "Ministry of Health", properties, Provenance.Inferred("Entered for the test."))],
            [],
            []));

        async Task<bool> FindsAsync(string text) =>
            (await Store.SearchAsync(new SearchQuery(text, [NodeLabels.Theme]))).Any(h => h.Node.Id == "test-search-lists");

        Assert.True(await FindsAsync("office branding"));
        Assert.True(await FindsAsync("здравоохранения"));
        Assert.True(await FindsAsync("министерство здрав"));
        Assert.False(await FindsAsync("u0027"));
        Assert.False(await FindsAsync("office u"));
        Assert.False(await FindsAsync("u041c"));
    }

    /// <summary>
    /// Sixty deliverables between an organization and a theme, one of them linked to the theme twice (two types): 61
    /// shortest paths, of which every store lists the same first 50, in path order (by the node each hop reaches, then
    /// the relationship's type), and none when asked for shorter ones.
    /// </summary>
    [Fact]
    public async Task ManyShortestPathsAreCutToTheFirstFiftyInPathOrder()
    {
        var deliverables = Enumerable.Range(0, 60).Select(i => $"test-path-deliverable-{i:00}").ToList();
        GraphNode Node(string id, string label) => new(id, label, id, GraphRelationship.NoProperties, Provenance.Inferred("Entered for the test."));
        await Store.ApplyAsync(new GraphChange(
            "alice",
            "test",
            "paths",
            [Node("test-path-org", NodeLabels.Organization), Node("test-path-theme", NodeLabels.Theme), .. deliverables.Select(id => Node(id, NodeLabels.Deliverable))],
            [
                .. deliverables.Select(id => Relationship(RelationshipTypes.Delivers, "test-path-org", id)),
                .. deliverables.Select(id => Relationship(RelationshipTypes.HasTheme, id, "test-path-theme")),
                Relationship(RelationshipTypes.Supports, deliverables[5], "test-path-theme"),
            ],
            []));

        var paths = await Store.FindShortestPathsAsync("test-path-org", "test-path-theme", maxHops: 3);

        var expected = deliverables.Select(id => (id, RelationshipTypes.HasTheme)).Append((deliverables[5], RelationshipTypes.Supports))
            .Order().Take(GraphPath.MaxShortestPaths);
        Assert.Equal(expected, paths.Select(p => (p.Nodes[1].Id, p.Relationships[1].Type)));
        Assert.All(paths, p => Assert.Equal(["test-path-org", p.Nodes[1].Id, "test-path-theme"], p.Nodes.Select(n => n.Id)));
        Assert.Empty(await Store.FindShortestPathsAsync("test-path-org", "test-path-theme", maxHops: 1));
    }

    /// <summary>
    /// A link and an unlink of the same alignment, many at once: whichever the change log lists last decides whether the
    /// alignment exists afterwards. An unlink that read the links before a concurrent link committed, and logged after
    /// it, would leave a link its log entry says it removed.
    /// </summary>
    [Fact]
    public async Task ConcurrentLinksAndUnlinksOfOneAlignment_LeaveWhatTheLastLoggedOneSays()
    {
        var store = Store;
        await store.ApplyAsync(CreateNewDeliverable());
        for (var round = 0; round < 8; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
            {
                await Task.Yield();
                await store.ApplyAsync(i % 2 == 0
                    ? new GraphChange($"writer-{i}", "linkAlignment", NewId, [], [Relationship(RelationshipTypes.AlignsWith, NewId, "sdg-target-3.8")], [])
                    : new GraphChange($"writer-{i}", "unlinkAlignment", NewId, [], [], [new RelationshipRemoval(NewId, RelationshipTypes.AlignsWith, Direction.Outgoing, "sdg-target-3.8")]));
            }));

            var last = Assert.Single(await store.GetChangesAsync(1));
            Assert.Equal(last.Operation == "linkAlignment", (await AlignedWithAsync(NewId)).Contains("sdg-target-3.8"));
        }
    }

    private static readonly string[] s_contendedDeliverables = ["who-test-contended-0", "who-test-contended-1", "who-test-contended-2", "who-test-contended-3"];
    private static readonly string[] s_contendedTargets = ["sdg-target-3.3", "sdg-target-3.8", "sdg-target-8.5"];

    /// <summary>
    /// Change number <paramref name="i"/> of the contention test: over four deliverables in turn, an upsert of the
    /// whole deliverable ("Revision i", which also replaces its DELIVERS link), a link or an unlink of one of three targets.
    /// </summary>
    private static GraphChange ContendedChange(int i)
    {
        var id = s_contendedDeliverables[i % s_contendedDeliverables.Length];
        var target = s_contendedTargets[i / 12 % s_contendedTargets.Length];
        var writer = $"writer-{i}";
        return (i / s_contendedDeliverables.Length % 3) switch
        {
            0 => new GraphChange(
                writer,
                "upsertDeliverable",
                id,
                [new GraphNode(id, NodeLabels.Deliverable, $"Revision {i}", new Dictionary<string, object?> { ["kind"] = "PROJECT", ["year"] = 2025L }, Provenance.Inferred("Concurrent test."))],
                [Relationship(RelationshipTypes.Delivers, i % 2 == 0 ? "who" : "ilo", id)],
                [new RelationshipRemoval(id, RelationshipTypes.Delivers, Direction.Incoming)]),
            1 => new GraphChange(writer, "linkAlignment", id, [], [Relationship(RelationshipTypes.AlignsWith, id, target)], []),
            _ => new GraphChange(writer, "unlinkAlignment", id, [], [], [new RelationshipRemoval(id, RelationshipTypes.AlignsWith, Direction.Outgoing, target)]),
        };
    }

    /// <summary>
    /// The concurrency policy: every change is one serializable transaction and the last committed writer wins.
    /// Two hundred changes at once over four deliverables all commit (or, for a link to a deliverable no upsert has
    /// created yet, are refused as a conflict and leave no trace), and the graph afterwards is what applying the
    /// committed changes one by one in change-log order gives: one node per id, no duplicate relationship, one log
    /// entry per committed change, each deliverable as its last upsert left it, its alignments as its links and
    /// unlinks in log order leave them.
    /// </summary>
    [Fact]
    public async Task TwoHundredConcurrentChangesOverFourDeliverablesLeaveTheGraphAsTheirChangeLogOrderSays()
    {
        var store = Store;
        var changes = Enumerable.Range(0, 200).Select(ContendedChange).ToList();

        var outcomes = await Task.WhenAll(changes.Select(async change =>
        {
            await Task.Yield();
            try
            {
                return (change, Result: await store.ApplyAsync(change), Refused: (GraphChangeRejectedException?)null);
            }
            catch (GraphChangeRejectedException refused)
            {
                return (change, Result: (ChangeResult?)null, Refused: refused);
            }
        }));

        var committed = outcomes.Where(o => o.Result is not null).OrderBy(o => o.Result!.Entry.Sequence).ToList();
        Assert.All(outcomes.Where(o => o.Refused is not null), o => Assert.NotEqual("upsertDeliverable", o.change.Operation));
        Assert.Equal(changes.Count(c => c.Operation == "upsertDeliverable"), committed.Count(o => o.change.Operation == "upsertDeliverable"));

        var log = await store.GetChangesAsync(1000);
        Assert.Equal(committed.Select(o => o.Result!.Entry), log.Reverse());

        foreach (var id in s_contendedDeliverables)
        {
            var mine = committed.Where(o => o.change.Subject == id).ToList();
            var lastUpsert = mine.Last(o => o.change.Operation == "upsertDeliverable");
            var node = Assert.Single(await store.GetNodesAsync([id]));
            Assert.Equal((lastUpsert.change.Nodes[0].Name, lastUpsert.change.Writer), (node.Name, node.Stamp!.UpdatedBy));

            var deliveredBy = await store.GetRelationshipsAsync([id], RelationshipTypes.Delivers, Direction.Incoming);
            Assert.Equal([lastUpsert.change.Relationships[0].FromId], deliveredBy.Select(r => r.FromId));

            var expectedTargets = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var (change, _, _) in mine)
            {
                foreach (var link in change.Relationships.Where(r => r.Type == RelationshipTypes.AlignsWith))
                {
                    expectedTargets.Add(link.ToId);
                }

                foreach (var unlink in change.Removals.Where(r => r.Type == RelationshipTypes.AlignsWith))
                {
                    expectedTargets.Remove(unlink.OtherId!);
                }
            }

            var aligned = await store.GetRelationshipsAsync([id], RelationshipTypes.AlignsWith, Direction.Outgoing);
            Assert.Equal(expectedTargets, aligned.Select(r => r.ToId).Order(StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// A DERIVED alignment (computed from a code its source states, as an IATI import derives a target from an SDG
    /// indicator) counts apart from STATED and INFERRED in every view: the portfolio, the deliverables filter, goal
    /// coverage, the alignment matrix and the overlaps find it under DERIVED (and under every basis) and never under the
    /// other two; the aggregates stay exact as it comes and goes. No agency has target 16.9 in the seed.
    /// </summary>
    [Fact]
    public async Task ADerivedAlignmentCountsApartFromStatedAndInferredInEveryView_AndTheAggregatesStayExact()
    {
        string[] derivedWork = ["ilo-sp-budget-review", "who-hwf-strategy"];
        var derived = Provenance.Derived(
            "IATI sector vocabulary 9 names SDG indicator 16.9.1, which the official SDG framework places under target 16.9.", "who-uhcp-tajikistan", "sector vocabulary 9 code 16.9.1");
        await Store.ApplyAsync(new GraphChange(
            "import", "iatiImport", derivedWork[1], [], [.. derivedWork.Select(w => new GraphRelationship(RelationshipTypes.AlignsWith, w, "sdg-target-16.9", GraphRelationship.NoProperties, derived))], []));

        async Task<List<string>> ListedAsync(Basis? basis) =>
        [
            .. (await Store.ListNodesAsync(new NodeListQuery(
                NodeLabels.Deliverable,
                new FieldCondition(NodeField.Aligned(new AlignmentRule(AlignmentPaths.All, basis)), FilterOperator.Equals, ["sdg-goal-16"]),
                [new NodeOrder(NodeField.Id)]))).Nodes.Select(n => n.Id),
        ];

        async Task<List<string>> CoveringAsync(Basis? basis) =>
            [.. (await Store.GetGoalCoverageAsync("16", basis))!.Targets.Single(t => t.Target.Id == "sdg-target-16.9").AgencyIds];

        async Task<int> SharedTargetsAsync(Basis? basis) =>
            (await Store.GetPartnerOverlapsAsync(["who", "ilo"], basis)).SingleOrDefault()?.Of(OverlapDimension.Target).SharedCount ?? 0;

        Assert.Equal(derivedWork, await ListedAsync(Basis.Derived));
        Assert.Equal(derivedWork, await ListedAsync(null));
        Assert.Empty(await ListedAsync(Basis.Stated));
        Assert.Empty(await ListedAsync(Basis.Inferred));
        Assert.Equal(["ilo", "who"], await CoveringAsync(Basis.Derived));
        Assert.Equal(["ilo", "who"], await CoveringAsync(null));
        Assert.Empty(await CoveringAsync(Basis.Stated));
        Assert.Empty(await CoveringAsync(Basis.Inferred));
        Assert.Equal(Basis.Derived, Assert.Single((await Store.GetContributionsAsync(["sdg-target-16.9"])), c => c.Contribution.AgencyId == "who").Contribution.Basis);
        Assert.Equal((1, 1, 0), (await SharedTargetsAsync(Basis.Derived), await SharedTargetsAsync(null), await SharedTargetsAsync(Basis.Stated)));
        Assert.Contains("sdg-target-16.9", (await Store.GetPortfolioAsync("who", new AlignmentRule(AlignmentPaths.All, Basis.Derived)))
            .Single(i => i.DeliverableId == "who-hwf-strategy").TargetCodes.Select(Vocabulary.SdgTargetId));
        Assert.Equal(
            [("ilo", "16"), ("who", "16")],
            (await Store.GetAlignmentMatrixAsync(AlignmentLevel.Goal, Basis.Derived)).Select(c => (c.AgencyId, c.SdgCode)));
        Assert.DoesNotContain(await Store.GetAlignmentMatrixAsync(AlignmentLevel.Goal, Basis.Inferred), c => c.SdgCode == "16");
        Assert.True(await AlignmentAgreement.AssertAsync(Store, AlignmentPaths.All) > 0);
        var check = await ((IAggregateStore)Store).CheckAggregatesAsync();
        Assert.True(check.IsExact, string.Join(Environment.NewLine, check.Differences));

        await Store.ApplyAsync(new GraphChange(
            "import", "iatiImport", derivedWork[1], [], [], [.. derivedWork.Select(w => new RelationshipRemoval(w, RelationshipTypes.AlignsWith, Direction.Outgoing, "sdg-target-16.9"))]));

        Assert.Empty(await ListedAsync(null));
        Assert.Empty(await CoveringAsync(null));
        Assert.Equal(0, await SharedTargetsAsync(Basis.Derived));
        check = await ((IAggregateStore)Store).CheckAggregatesAsync();
        Assert.True(check.IsExact, string.Join(Environment.NewLine, check.Differences));
    }
    /// <summary>
    /// The REGION dimension follows where work is placed and how places nest: ILO's new work in a district of Sughd
    /// (place-3505242) shares Sughd with WHO's work in the region itself; moving the district to Khatlon, or Khatlon
    /// ceasing to be a region, moves or ends what ILO has, and every aggregate stays exact after each change.
    /// </summary>
    [Fact]
    public async Task RegionOverlapsFollowWhereWorkIsPlaced_AndHowPlacesNest()
    {
        const string district = "place-3505242";
        const string sughd = "place-3505000";
        const string khatlon = "place-3507000";
        await Store.ApplyAsync(new GraphChange(
            "alice", "upsertDeliverable", NewId, [NewDeliverable()],
            [Relationship(RelationshipTypes.Delivers, "ilo", NewId), Relationship(RelationshipTypes.LocatedIn, NewId, district)], []));

        async Task<(int Shared, int Who, int Ilo, string Items)> RegionsAsync()
        {
            var overlap = (await Store.GetPartnerOverlapsAsync(["who", "ilo"])).Single().Of(OverlapDimension.Region);
            var items = overlap.SharedCount == 0 ? [] : (await Store.GetSharedItemsAsync([overlap.Key], 10))[overlap.Key];
            return (overlap.SharedCount, overlap.CountB, overlap.CountA, string.Join(",", items));
        }

        async Task AssertExactAsync()
        {
            var check = await ((IAggregateStore)Store).CheckAggregatesAsync();
            Assert.True(check.IsExact, string.Join(Environment.NewLine, check.Differences));
        }

        Assert.Equal((1, 1, 1, sughd), await RegionsAsync());
        await AssertExactAsync();

        // The district moves to Khatlon: ILO's work is in Khatlon now, not in Sughd.
        await Store.ApplyAsync(new GraphChange(
            "alice", "movePlace", district, [], [Relationship(RelationshipTypes.PartOf, district, khatlon)],
            [new RelationshipRemoval(district, RelationshipTypes.PartOf, Direction.Outgoing, sughd)]));
        var (shared, who, ilo, _) = await RegionsAsync();
        Assert.Equal((0, 1, 1), (shared, who, ilo));
        var holders = await Store.GetItemHoldersAsync(OverlapDimension.Region, [sughd, khatlon, "place-3509000"], null, 10);
        Assert.Equal(
            [(sughd, 1, "who"), (khatlon, 1, "ilo"), ("place-3509000", 0, "")],
            holders.Select(h => (h.ItemId, h.AgencyCount, string.Join(",", h.Agencies.Select(a => a.AgencyId)))));
        await AssertExactAsync();

        // Khatlon ceases to be a region: ILO's work reaches none; and becomes one again.
        var region = await NodeAsync(khatlon);
        GraphNode AtLevel(string level) => region with
        {
            Properties = new Dictionary<string, object?>(region.Properties) { [NodeProperties.Level] = level },
        };
        await Store.ApplyAsync(new GraphChange("alice", "updatePlace", khatlon, [AtLevel("DISTRICT")], [], []));
        Assert.Equal(0, (await RegionsAsync()).Ilo);
        await AssertExactAsync();
        await Store.ApplyAsync(new GraphChange("alice", "updatePlace", khatlon, [AtLevel(Vocabulary.RegionLevel)], [], []));
        Assert.Equal(1, (await RegionsAsync()).Ilo);
        await AssertExactAsync();

        // The work leaves the district: ILO has no region.
        await Store.ApplyAsync(new GraphChange(
            "alice", "updateDeliverable", NewId, [], [], [new RelationshipRemoval(NewId, RelationshipTypes.LocatedIn, Direction.Outgoing)]));
        Assert.Equal(0, (await RegionsAsync()).Ilo);
        await AssertExactAsync();
    }
    /// <summary>
    /// A piece of work's period follows its dates as they are written: planned from March 2024 and running (no end) it is
    /// active in 2030 and not in 2023; given an actual end in 2025 it is active in 2025 and no longer in 2030.
    /// </summary>
    [Fact]
    public async Task WorkIsActiveInThePeriodItsDatesGive_AsTheyChange()
    {
        GraphNode Dated(params (string Key, object? Value)[] dates) => NewDeliverable() with
        {
            Properties = new Dictionary<string, object?>(NewDeliverable().Properties.Where(p => p.Key != NodeProperties.Year).Concat(
                dates.Select(d => KeyValuePair.Create(d.Key, d.Value)))),
        };
        async Task<bool> ActiveAsync(string from, string to) =>
            (await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, NodeField.ActiveBetween(from, to)))).Nodes.Any(n => n.Id == NewId);

        await Store.ApplyAsync(CreateNewDeliverable() with { Nodes = [Dated((NodeProperties.PlannedStartDate, "2024-03"))] });
        Assert.Equal(("2024-03-01", null), ((await NodeAsync(NewId)).GetString(NodeProperties.PeriodStart), (await NodeAsync(NewId)).GetString(NodeProperties.PeriodEnd)));
        Assert.Equal((true, false), (await ActiveAsync("2030-01-01", "2030-12-31"), await ActiveAsync("2023-01-01", "2024-02-29")));

        await Store.ApplyAsync(CreateNewDeliverable() with
        {
            Nodes = [Dated((NodeProperties.PlannedStartDate, "2024-03"), (NodeProperties.ActualEndDate, "2025-06-30"))],
        });
        Assert.Equal((true, false), (await ActiveAsync("2025-06-30", "2025-12-31"), await ActiveAsync("2025-07-01", "2030-12-31")));
    }

    /// <summary>
    /// A question limited to some of the work (<see cref="WorkLimit"/>) answers what the same question answers on a graph
    /// that holds only that work: new work by IOM and WHO in 2025 (in a Khatlon district, and in Khatlon itself, both on
    /// 3.8) and by ILO in 2023; limited to 2025, to Khatlon, and to the seed's own dated work (2021), the overlaps, goal 3's
    /// coverage and the regions' agencies equal the unlimited answers (read from the aggregates) once every other piece of
    /// work is cut off from its agencies (its DELIVERS and IN_FRAMEWORK removed) and the agencies' own themes removed.
    /// </summary>
    [Theory]
    [InlineData("2025", null, true)]
    [InlineData(null, "place-3507000", true)]
    [InlineData("2021", null, false)]
    public async Task ALimitedQuestionAnswersAsAGraphHoldingOnlyThatWorkWould(string? year, string? place, bool whoAndIomShare38)
    {
        const string khatlon = "place-3507000";
        GraphNode Work(string id, long workYear) => NewDeliverable() with
        {
            Id = id,
            Properties = new Dictionary<string, object?>(NewDeliverable().Properties) { [NodeProperties.Year] = workYear },
        };
        await Store.ApplyAsync(new GraphChange(
            "alice", "upsertDeliverable", "test-iom-2025",
            [Work("test-iom-2025", 2025), Work("test-who-2025", 2025), Work("test-ilo-2023", 2023)],
            [
                Relationship(RelationshipTypes.Delivers, "iom", "test-iom-2025"),
                Relationship(RelationshipTypes.AlignsWith, "test-iom-2025", "sdg-target-3.8"),
                Relationship(RelationshipTypes.LocatedIn, "test-iom-2025", "place-3507203"),
                Relationship(RelationshipTypes.Delivers, "who", "test-who-2025"),
                Relationship(RelationshipTypes.AlignsWith, "test-who-2025", "sdg-target-3.8"),
                Relationship(RelationshipTypes.HasTheme, "test-who-2025", "advocacy"),
                Relationship(RelationshipTypes.LocatedIn, "test-who-2025", khatlon),
                Relationship(RelationshipTypes.Delivers, "ilo", "test-ilo-2023"),
                Relationship(RelationshipTypes.AlignsWith, "test-ilo-2023", "sdg-target-3.8"),
            ],
            []));
        var limit = new WorkLimit(year is null ? null : NodeField.ActiveBetween($"{year}-01-01", $"{year}-12-31"), place);
        var regions = (await Store.ListNodesAsync(new NodeListQuery(
            NodeLabels.Place, new FieldCondition(NodeField.Property(NodeProperties.Level), FilterOperator.Equals, [Vocabulary.RegionLevel])))).Nodes.Select(n => n.Id).ToList();

        var rows = await Store.GetLimitedAgencyItemsAsync(limit);
        Assert.Equal(rows.Where(r => r.Agency is "who" or "iom"), await Store.GetLimitedAgencyItemsAsync(limit, agencyIds: ["who", "iom"]));
        var limited = (
            Pairs: Describe(OverlapCounting.Limited(rows, null), o => o.SharedItems!),
            Goal3: Describe((await Store.GetGoalCoverageAsync("3", limit: limit))!),
            Regions: Describe(ItemHolding.FromRows(regions, rows.Where(r => r.Dimension == OverlapDimension.Region), 10)));

        // Every other piece of work cut off from its agencies, and the agencies' own themes removed.
        async Task<List<string>> IdsAsync(string label, NodeFilter? filter) =>
            [.. (await Store.ListNodesAsync(new NodeListQuery(label, filter))).Nodes.Select(n => n.Id)];
        var inLimit = new HashSet<string>(StringComparer.Ordinal);
        var outside = new List<string>();
        foreach (var label in WorkLimit.Labels)
        {
            inLimit.UnionWith(await IdsAsync(label, limit.Filter));
            outside.AddRange((await IdsAsync(label, null)).Where(id => !inLimit.Contains(id)));
        }

        await Store.ApplyAsync(new GraphChange(
            "alice", "keepOnlyTheLimitedWork", "test", [], [],
            [
                .. outside.SelectMany(id => new[]
                {
                    new RelationshipRemoval(id, RelationshipTypes.Delivers, Direction.Incoming),
                    new RelationshipRemoval(id, RelationshipTypes.InFramework, Direction.Outgoing),
                }),
                .. (await IdsAsync(NodeLabels.Organization, null)).Select(id => new RelationshipRemoval(id, RelationshipTypes.HasTheme, Direction.Outgoing)),
            ]));

        var overlaps = await Store.GetPartnerOverlapsAsync(null);
        var shared = await Store.GetSharedItemsAsync([.. overlaps.SelectMany(o => o.Dimensions).Where(d => d.SharedCount > 0).Select(d => d.Key)], 1000);
        Assert.Equal(Describe(overlaps, d => shared.GetValueOrDefault(d.Key) ?? []), limited.Pairs);
        Assert.Equal(Describe((await Store.GetGoalCoverageAsync("3"))!), limited.Goal3);
        Assert.Equal(Describe(await Store.GetItemHoldersAsync(OverlapDimension.Region, regions, null, 10)), limited.Regions);

        // The limit holds what it should: WHO and IOM share 3.8 in 2025 and in Khatlon, not in 2021.
        Assert.Equal(whoAndIomShare38, limited.Pairs.Contains("iom-who TARGET 1/1/1 sdg-target-3.8", StringComparer.Ordinal));
        Assert.Equal(year != "2021", inLimit.Contains("test-who-2025"));
        Assert.DoesNotContain("test-ilo-2023", inLimit);
    }

    private static List<string> Describe(IReadOnlyList<PartnerOverlap> pairs, Func<DimensionOverlap, IReadOnlyList<string>> shared) =>
    [
        .. pairs.SelectMany(p => p.Dimensions.Select(d =>
            $"{p.AgencyA}-{p.AgencyB} {DimensionCodes.Of(d.Dimension)} {d.SharedCount}/{d.CountA}/{d.CountB} {string.Join(",", shared(d))}")),
    ];

    private static List<string> Describe(GoalCoverage coverage) =>
    [
        .. coverage.Targets.Select(t => (Id: t.Target.Id, t.Work)).Append((Id: coverage.Goal.Id, Work: coverage.GoalWork)).Select(w =>
            $"{w.Id}: {string.Join(",", w.Work.AgencyIds.Order(StringComparer.Ordinal))}; {w.Work.ContributionCount} contributions, "
            + $"{string.Join(",", w.Work.DeliverableIds)} {string.Join(",", w.Work.OutcomeIds)}; "
            + string.Join(",", w.Work.Contributions.Select(c => $"{c.AgencyId}>{c.Item.Id} {c.Basis} {c.ViaOutcome}"))),
    ];

    private static List<string> Describe(IReadOnlyList<ItemHolders> holders) =>
        [.. holders.Select(h => $"{h.ItemId}: {h.AgencyCount} {string.Join(",", h.Agencies.Select(a => $"{a.AgencyId}:{a.Links}"))}")];

    /// <summary>
    /// The change log keeps what each change did to its subject, before and after, and gives one entity's history by
    /// itself: the new deliverable's creation (its fields from nothing, who delivers it, its alignment), then a change of
    /// status and alignment (3.3 for 3.8), newest first; another entity's change is not in it.
    /// </summary>
    [Fact]
    public async Task AnEntitysHistoryListsWhatEachChangeDidToIt_BeforeAndAfter()
    {
        await Store.ApplyAsync(CreateNewDeliverable());
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Store.ApplyAsync(new GraphChange(
            "bob", "updateDeliverable", NewId, [NewDeliverable("ACHIEVED")],
            [Relationship(RelationshipTypes.AlignsWith, NewId, "sdg-target-3.8")],
            [new RelationshipRemoval(NewId, RelationshipTypes.AlignsWith, Direction.Outgoing, "sdg-target-3.3")]));
        await Store.ApplyAsync(new GraphChange("carol", "upsertTheme", "advocacy", [], [Relationship(RelationshipTypes.HasTheme, NewId, "advocacy")], []));

        var history = await Store.GetChangesAsync(10, subject: NewId);

        Assert.Equal(["bob", "alice"], history.Select(h => h.Writer));
        var (update, creation) = (history[0].Details!, history[1].Details!);
        Assert.Equal([new FieldChange("status", "ON_TRACK", "ACHIEVED")], update.Fields);
        Assert.Equal([new LinkChange(RelationshipTypes.AlignsWith, true, "sdg-target-3.8")], update.Added);
        Assert.Equal([new LinkChange(RelationshipTypes.AlignsWith, true, "sdg-target-3.3")], update.Removed);
        Assert.Contains(new FieldChange("name", null, "HIV screening for returning migrants"), creation.Fields);
        Assert.Contains(new FieldChange("items", null, "Screening days"), creation.Fields);
        Assert.Equal(
            [new LinkChange(RelationshipTypes.AlignsWith, true, "sdg-target-3.3"), new LinkChange(RelationshipTypes.Delivers, false, "who")],
            creation.Added);
        Assert.Empty(creation.Removed);
        Assert.Equal(history[0].Sequence, (await Store.GetChangesAsync(1, subject: NewId)).Single().Sequence);
        Assert.Equal(history[1].Sequence, (await Store.GetChangesAsync(10, before: history[0].Sequence, subject: NewId)).Single().Sequence);
    }
}
