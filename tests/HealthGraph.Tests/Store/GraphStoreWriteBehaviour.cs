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

    /// <summary>The store under test; a test is skipped (with <see cref="SkipReason"/>) when there is none here.</summary>
    protected IGraphStore Store
    {
        get
        {
            Skip.If(_store is null, SkipReason);
            return _store!;
        }
    }

    /// <summary>Why there is no store to test here (for a store that needs a server).</summary>
    protected virtual string SkipReason => "The store is not available.";

    /// <summary>A new store, loaded with the shipped seed data, that reads its time from <paramref name="clock"/> (null: not available here).</summary>
    protected abstract Task<IGraphStore?> CreateSeededStoreAsync(TimeProvider clock);

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

    [SkippableFact]
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

    [SkippableFact]
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

    [SkippableFact]
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

    [SkippableFact]
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

    [SkippableFact]
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

    [SkippableFact]
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

    [SkippableFact]
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
}
