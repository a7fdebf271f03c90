using FsCheck;
using FsCheck.Fluent;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Tests.Support;

/// <summary>Random edits for the property tests of the stores' aggregates, kept current on every write.</summary>
public static class RandomWrites
{
    /// <summary>
    /// Sequences of up to six changes, each upserting and removing up to three relationships of the given shapes (type,
    /// possible starts, possible ends): new relationships, a basis or reason change, removals of one relationship or of
    /// all of a type at a node.
    /// </summary>
    public static Arbitrary<GraphChange[]> Changes(IReadOnlyList<(string Type, string[] From, string[] To)> shapes)
    {
        var relationship =
            from shape in Gen.Elements(shapes.ToArray())
            from start in Gen.Elements(shape.From)
            from end in Gen.Elements(shape.To)
            from stated in Gen.Elements(true, false)
            from reason in Gen.Elements("a test", "another test")
            select (shape.Type, Start: start, End: end, Stated: stated, Reason: reason);

        var change =
            from upserts in relationship.ListOf().Resize(3)
            from removals in relationship.ListOf().Resize(3)
            from removeAll in Gen.Elements(false, false, false, true)
            select new GraphChange(
                "test",
                "random",
                "aggregate",
                [],
                [.. upserts.DistinctBy(u => (u.Type, u.Start, u.End)).Select(u => new GraphRelationship(
                    u.Type, u.Start, u.End, GraphRelationship.NoProperties,
                    u.Stated ? Provenance.Stated("who-jar", "excerpt") : Provenance.Inferred(u.Reason)))],
                [.. removals.Select(r => new RelationshipRemoval(r.Start, r.Type, Direction.Outgoing, removeAll ? null : r.End))]);

        return change.ArrayOf().Resize(6).ToArbitrary();
    }

    /// <summary>The ids of the first <paramref name="count"/> nodes of a label, by id.</summary>
    public static async Task<string[]> IdsAsync(IGraphStore store, string label, int count) =>
        [.. (await store.ListNodesAsync(new NodeListQuery(label, First: count))).Nodes.Select(n => n.Id)];

    /// <summary>
    /// Every relationship type that feeds the partner-overlap and goal-coverage aggregates (agency_links), between
    /// nodes of the store it can connect: a few of each label, by id.
    /// </summary>
    public static async Task<(string Type, string[] From, string[] To)[]> AggregateShapesAsync(IGraphStore store)
    {
        var organizations = await IdsAsync(store, NodeLabels.Organization, 8);
        var deliverables = await IdsAsync(store, NodeLabels.Deliverable, 8);
        var outcomes = await IdsAsync(store, NodeLabels.Outcome, 8);
        var frameworks = await IdsAsync(store, NodeLabels.ResultsFramework, 4);
        var targets = await IdsAsync(store, NodeLabels.SdgTarget, 6);
        var goals = await IdsAsync(store, NodeLabels.SdgGoal, 3);
        var themes = await IdsAsync(store, NodeLabels.Theme, 5);
        var places = (await store.ListNodesAsync(new NodeListQuery(NodeLabels.Place, First: 200))).Nodes;
        string[] PlacesAt(string level, int count) => [.. places.Where(p => p.GetString(NodeProperties.Level) == level).Select(p => p.Id).Take(count)];
        var (countries, regions, districts) = (PlacesAt("COUNTRY", 2), PlacesAt(Vocabulary.RegionLevel, 4), PlacesAt("DISTRICT", 4));
        var work = deliverables.Concat(outcomes).ToArray();
        return
        [
            (RelationshipTypes.Delivers, organizations, deliverables),
            (RelationshipTypes.Delivers, organizations, outcomes),
            (RelationshipTypes.Serves, deliverables, outcomes),
            (RelationshipTypes.Serves, deliverables, deliverables),
            (RelationshipTypes.ManagedBy, frameworks, organizations),
            (RelationshipTypes.InFramework, outcomes, frameworks),
            (RelationshipTypes.AlignsWith, work, targets),
            (RelationshipTypes.AlignsWith, work, goals),
            (RelationshipTypes.HasTarget, goals, targets),
            (RelationshipTypes.HasTheme, work.Concat(organizations).ToArray(), themes),
            (RelationshipTypes.Supports, work, organizations),
            (RelationshipTypes.LocatedIn, work, [.. countries, .. regions, .. districts]),
            (RelationshipTypes.PartOf, districts, regions),
            (RelationshipTypes.PartOf, regions, countries),
        ];
    }

    /// <summary>Applies random sequences of changes of the given shapes to the store, checking after each sequence.</summary>
    /// <returns>How many changes were applied in all.</returns>
    public static int Check(IGraphStore store, IReadOnlyList<(string Type, string[] From, string[] To)> shapes, Func<Task> assertExactAsync, int maxTest)
    {
        var applied = 0;
        Prop.ForAll(Changes(shapes), changes =>
        {
            foreach (var c in changes)
            {
                store.ApplyAsync(c).GetAwaiter().GetResult();
                applied++;
            }

            assertExactAsync().GetAwaiter().GetResult();
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));
        return applied;
    }

    /// <summary>What <see cref="ApplyManyAsync"/> wrote, by kind.</summary>
    public sealed record WriteCounts(int Links, int Creates, int Deletes, int Imports)
    {
        public int Total => Links + Creates + Deletes + Imports;
    }

    /// <summary>
    /// Applies <paramref name="writes"/> random writes one after another, of every kind a council's editors and imports
    /// make: link and unlink changes of the given shapes (most of them), new deliverables created with their links (an
    /// agency, a target or goal, a theme, an outcome served, a place), such deliverables deleted with their links, and
    /// loads of a few relationships (an import); <paramref name="checkAsync"/> runs after every
    /// <paramref name="checkEvery"/> writes and at the end.
    /// </summary>
    public static async Task<WriteCounts> ApplyManyAsync(
        IGraphStore store, IReadOnlyList<(string Type, string[] From, string[] To)> shapes, int writes, int seed, Func<Task> checkAsync, int checkEvery)
    {
        var random = new Random(seed);
        var links = new Queue<GraphChange>(Changes(shapes).Generator.Sample(numberOfSamples: writes, size: 6, seed: new FsCheck.Rnd((ulong)seed, 1UL)).SelectMany(c => c));
        T Any<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];
        string[] Ends(string type, string fromLabelOf) => shapes.First(s => s.Type == type && s.From.Contains(fromLabelOf)).To;
        var organizations = shapes.First(s => s.Type == RelationshipTypes.Delivers).From;
        var deliverable = shapes.First(s => s.Type == RelationshipTypes.Delivers).To[0];
        var created = new List<string>();
        var (linked, creates, deletes, imports) = (0, 0, 0, 0);
        for (var i = 0; i < writes; i++)
        {
            var roll = random.Next(100);
            if (roll < 12)
            {
                var id = $"random-work-{seed}-{i}";
                Provenance Basis() => random.Next(2) == 0 ? Provenance.Stated("who-jar", "excerpt") : Provenance.Inferred("a test");
                GraphRelationship Link(string type, string start, string end) => new(type, start, end, GraphRelationship.NoProperties, Basis());
                await store.ApplyAsync(new GraphChange(
                    "test", "create", id,
                    [new GraphNode(id, NodeLabels.Deliverable, $"Random work {i}", new Dictionary<string, object?> { ["year"] = 2020L + random.Next(8) }, Provenance.Inferred("a test"))],
                    [
                        Link(RelationshipTypes.Delivers, Any(organizations), id),
                        Link(RelationshipTypes.AlignsWith, id, Any(Ends(RelationshipTypes.AlignsWith, deliverable))),
                        Link(RelationshipTypes.HasTheme, id, Any(Ends(RelationshipTypes.HasTheme, deliverable))),
                        Link(RelationshipTypes.Serves, id, Any(shapes.First(s => s.Type == RelationshipTypes.Serves).To)),
                        Link(RelationshipTypes.LocatedIn, id, Any(Ends(RelationshipTypes.LocatedIn, deliverable))),
                    ],
                    []));
                created.Add(id);
                creates++;
            }
            else if (roll < 18 && created.Count > 0)
            {
                var id = created[random.Next(created.Count)];
                created.Remove(id);
                RelationshipRemoval[] removals =
                [
                    new(id, RelationshipTypes.Delivers, Direction.Incoming),
                    .. new[] { RelationshipTypes.AlignsWith, RelationshipTypes.HasTheme, RelationshipTypes.Serves, RelationshipTypes.LocatedIn, RelationshipTypes.Supports }
                        .Select(type => new RelationshipRemoval(id, type, Direction.Outgoing)),
                ];
                await store.ApplyAsync(new GraphChange("test", "delete", id, [], [], removals) { NodeDeletions = [id] });
                deletes++;
            }
            else if (roll < 22)
            {
                var change = links.Dequeue();
                await store.LoadAsync(new SeedGraph([], change.Relationships));
                imports++;
            }
            else
            {
                await store.ApplyAsync(links.Dequeue());
                linked++;
            }

            if ((i + 1) % checkEvery == 0 || i == writes - 1)
            {
                await checkAsync();
            }
        }

        return new WriteCounts(linked, creates, deletes, imports);
    }

    /// <summary>
    /// <see cref="ApplyManyAsync"/> as <paramref name="writers"/> writers at once, <paramref name="writesEach"/> writes each
    /// (each creates and deletes its own deliverables; their links, unlinks and loads touch the same agencies and work).
    /// </summary>
    public static async Task<WriteCounts> ApplyManyAtOnceAsync(
        IGraphStore store, IReadOnlyList<(string Type, string[] From, string[] To)> shapes, int writers, int writesEach)
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() =>
            ApplyManyAsync(store, shapes, writesEach, seed: 100 + w, checkAsync: () => Task.CompletedTask, checkEvery: int.MaxValue))));
        return new WriteCounts(counts.Sum(c => c.Links), counts.Sum(c => c.Creates), counts.Sum(c => c.Deletes), counts.Sum(c => c.Imports));
    }

    /// <summary>
    /// Applies a few random sequences of changes of the given shapes as four writers at once, over the same few nodes:
    /// their changes touch the same agencies and work.
    /// </summary>
    public static async Task ApplyAtOnceAsync(IGraphStore store, IReadOnlyList<(string Type, string[] From, string[] To)> shapes)
    {
        const int Writers = 4;
        var changes = Changes(shapes).Generator.Sample(numberOfSamples: 6, size: 8).SelectMany(c => c).ToArray();
        Assert.True(changes.Length >= 2 * Writers);

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            foreach (var change in changes.Where((_, i) => i % Writers == w))
            {
                await store.ApplyAsync(change);
            }
        })));
    }
}
