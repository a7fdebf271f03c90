using System.Globalization;
using HealthGraph.Graph;
using HealthGraph.Ingest.Seed;
using HealthGraph.Store;

namespace HealthGraph.Ingest.Iati;

/// <summary>How far an import is: activities read (checking) or loaded, of how many.</summary>
public sealed record IatiProgress(string Phase, long Done, long? Total);

/// <summary>
/// What an import did. <see cref="Written"/> is false when problems stopped it (then nothing was written).
/// Loaded activities are the records written (new or replacing an older or equal version); <see cref="Removed"/>
/// counts the relationships that newer versions no longer have.
/// </summary>
public sealed record IatiImportResult(
    bool Written,
    int Files,
    long ActivitiesRead,
    long Invalid,
    long Loaded,
    long New,
    long Replaced,
    long SkippedOlder,
    long Superseded,
    long Removed,
    IReadOnlyList<IatiProblem> Problems,
    IReadOnlyList<string> Messages,
    IReadOnlyDictionary<string, ChangeCounts> Nodes,
    IReadOnlyDictionary<string, ChangeCounts> Relationships,
    GraphStatistics? After)
{
    public bool ChangedAnything => Removed > 0 || Nodes.Values.Concat(Relationships.Values).Any(c => c.Changed > 0);
}

/// <summary>
/// <c>healthgraph seed import-iati</c>: reads IATI activity files twice, streaming. The first pass checks every
/// activity (nothing is written when any is invalid, unless invalid ones are to be skipped) and notes which version
/// of each record (iati-identifier + reporting org) to load; the second maps the activities and writes them in
/// batches: a merge (<see cref="IGraphStore.LoadAsync"/>), then the removal of what a replaced record no longer has
/// (<see cref="IGraphStore.ApplyAsync"/>). A record older than the stored one is skipped.
/// </summary>
public sealed class IatiImporter(IGraphStore store)
{
    /// <summary>How many activities go into one write.</summary>
    public int BatchSize { get; init; } = 2_000;

    public const string Writer = "seed";

    public async Task<IatiImportResult> ImportAsync(
        IReadOnlyList<string> paths, bool skipInvalid, IProgress<IatiProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // Into an empty store, the shipped seed (with the SDG framework the activities link to) and the activities go in
        // as one load, which the store can build in bulk; otherwise the activities are merged batch by batch.
        var seed = (await store.GetStatisticsAsync(cancellationToken)).NodeCount == 0
            ? await Seeder.BuildGraphAsync(Seeder.DefaultDirectory, cancellationToken)
            : null;
        var sdg = seed is null ? await ReadSdgCodesAsync(cancellationToken) : SdgCodesOf(seed.Nodes);
        var problems = new List<IatiProblem>();
        var messages = new List<string>();

        // Pass 1: check every activity, and choose the version of each record to load (the latest one in the files).
        var chosen = new Dictionary<(string Identifier, string Reporter), (DateTimeOffset? LastUpdated, int File, int Position)>();
        var reporters = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        long read = 0, invalid = 0, superseded = 0;
        try
        {
            for (var file = 0; file < paths.Count; file++)
            {
                foreach (var activity in IatiReader.Read(paths[file], sdg))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (++read % 1_000 == 0)
                    {
                        progress?.Report(new IatiProgress("checked", read, null));
                    }

                    if (!activity.IsValid)
                    {
                        invalid++;
                        problems.AddRange(activity.Problems);
                        continue;
                    }

                    var key = (activity.Identifier!, activity.ReportingOrg!.Ref!);
                    if (chosen.TryGetValue(key, out var earlier))
                    {
                        superseded++;
                        var later = !(earlier.LastUpdated > activity.LastUpdated);
                        messages.Add($"{Path.GetFileName(paths[file])}: activity '{key.Item1}' reported by {key.Item2} appears more than once in the files; "
                            + (later ? $"this later one (#{activity.Position}) is loaded." : $"this older one (#{activity.Position}) is skipped."));
                        if (!later)
                        {
                            continue;
                        }
                    }

                    chosen[key] = (activity.LastUpdated, file, activity.Position);
                    if (!reporters.TryGetValue(key.Item1, out var set))
                    {
                        reporters[key.Item1] = set = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(key.Item2);
                }
            }
        }
        catch (IatiFileException e)
        {
            problems.Add(new IatiProblem(e.Path, null, "file", e.Detail));
            return Stopped(paths.Count, read, invalid, problems, messages);
        }

        progress?.Report(new IatiProgress("checked", read, read));
        if (problems.Count > 0 && !skipInvalid)
        {
            return Stopped(paths.Count, read, invalid, problems, messages);
        }

        // Pass 2: map and write, batch by batch.
        var writer = new BatchWriter(store, paths, reporters, messages, seed);
        var batch = new List<(IatiActivity, int)>(BatchSize);
        for (var file = 0; file < paths.Count; file++)
        {
            foreach (var activity in IatiReader.Read(paths[file], sdg))
            {
                if (!activity.IsValid || chosen[(activity.Identifier!, activity.ReportingOrg!.Ref!)] is var (_, f, p) && (f != file || p != activity.Position))
                {
                    continue;
                }

                batch.Add((activity, file));
                if (batch.Count == BatchSize)
                {
                    await writer.WriteAsync(batch, cancellationToken);
                    batch.Clear();
                    progress?.Report(new IatiProgress("loaded", writer.Loaded + writer.SkippedOlder, chosen.Count));
                }
            }
        }

        await writer.WriteAsync(batch, cancellationToken);
        progress?.Report(new IatiProgress("loaded", writer.Loaded + writer.SkippedOlder, chosen.Count));
        await writer.FinishAsync(progress, cancellationToken);
        var after = await store.GetStatisticsAsync(cancellationToken);
        return new IatiImportResult(
            true, paths.Count, read, invalid, writer.Loaded, writer.New, writer.Replaced, writer.SkippedOlder, superseded, writer.Removed,
            problems, messages, writer.Nodes, writer.Relationships, after);
    }

    private static IatiImportResult Stopped(int files, long read, long invalid, List<IatiProblem> problems, List<string> messages) =>
        new(false, files, read, invalid, 0, 0, 0, 0, 0, 0, problems, messages,
            new Dictionary<string, ChangeCounts>(), new Dictionary<string, ChangeCounts>(), null);

    /// <summary>The SDG codes the store holds: an import links to these nodes, so the framework must be loaded first.</summary>
    private async Task<SdgCodes> ReadSdgCodesAsync(CancellationToken cancellationToken)
    {
        var nodes = new List<GraphNode>();
        foreach (var label in new[] { NodeLabels.SdgGoal, NodeLabels.SdgTarget, NodeLabels.SdgIndicator })
        {
            nodes.AddRange((await store.ListNodesAsync(new NodeListQuery(label), cancellationToken)).Nodes);
        }

        var codes = SdgCodesOf(nodes);
        if (codes.Goals.Count == 0)
        {
            throw new NoSdgFrameworkException();
        }

        return codes;
    }

    private static SdgCodes SdgCodesOf(IEnumerable<GraphNode> nodes)
    {
        var list = nodes.ToList();
        return new SdgCodes(
            list.Where(n => n.Label == NodeLabels.SdgGoal).Select(n => n.GetString(NodeProperties.Code)!).ToHashSet(StringComparer.Ordinal),
            list.Where(n => n.Label == NodeLabels.SdgTarget).Select(n => n.GetString(NodeProperties.Code)!).ToHashSet(StringComparer.Ordinal),
            list.Where(n => n.Label == NodeLabels.SdgIndicator).ToDictionary(n => n.GetString(NodeProperties.Code)!, n => n.GetString("targetCode")!, StringComparer.Ordinal));
    }

    /// <summary>Writes batches of chosen activity records and keeps the counts.</summary>
    private sealed class BatchWriter(
        IGraphStore store,
        IReadOnlyList<string> paths,
        Dictionary<string, SortedSet<string>> reporters,
        List<string> messages,
        SeedGraph? seed)
    {
        /// <summary>Into an empty store: everything collected here, then loaded with the seed in one load.</summary>
        private readonly List<GraphNode>? _collectedNodes = seed is null ? null : [.. seed.Nodes];
        private readonly List<GraphRelationship>? _collectedRelationships = seed is null ? null : [.. seed.Relationships];

        private readonly HashSet<string> _sharedWritten = new(StringComparer.Ordinal);
        private readonly HashSet<int> _documentsWritten = [];
        private readonly LoadTally _tally = new();

        public long Loaded => New + Replaced;

        public long New { get; private set; }

        public long Replaced { get; private set; }

        public long SkippedOlder { get; private set; }

        public long Removed { get; private set; }

        public IReadOnlyDictionary<string, ChangeCounts> Nodes => _tally.Nodes;

        public IReadOnlyDictionary<string, ChangeCounts> Relationships => _tally.Relationships;

        public async Task WriteAsync(List<(IatiActivity Activity, int File)> batch, CancellationToken cancellationToken)
        {
            if (batch.Count == 0)
            {
                return;
            }

            var identifiers = batch.Select(b => (object)b.Activity.Identifier!).Distinct().ToList();
            var stored = _collectedNodes is not null ? [] : (await store.ListNodesAsync(
                new NodeListQuery(NodeLabels.Deliverable, new FieldCondition(NodeField.Property(IatiGraphMapper.IdentifierProperty), FilterOperator.In, identifiers)),
                cancellationToken)).Nodes;
            var storedByIdentifier = stored.ToLookup(n => n.GetString(IatiGraphMapper.IdentifierProperty)!, StringComparer.Ordinal);
            var storedIds = stored.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);

            // Records of one activity in this batch that are not stored yet link to each other as they are written.
            var batchRecords = batch
                .Select(b => new IatiSibling(IatiGraphMapper.DeliverableId(b.Activity.Identifier!, b.Activity.ReportingOrg!.Ref!), b.Activity.ReportingOrg!.Ref!, IatiGraphMapper.DocumentId(paths[b.File])))
                .Zip(batch, (sibling, b) => (b.Activity.Identifier!, sibling))
                .Where(r => !storedIds.Contains(r.sibling.DeliverableId))
                .ToLookup(r => r.Item1, r => r.sibling, StringComparer.Ordinal);

            var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
            var shared = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
            var relationships = new List<GraphRelationship>();
            var replaced = new List<string>();
            foreach (var (activity, file) in batch)
            {
                var identifier = activity.Identifier!;
                var reporter = activity.ReportingOrg!.Ref!;
                var id = IatiGraphMapper.DeliverableId(identifier, reporter);
                var siblingsStored = storedByIdentifier[identifier].Where(n => n.Id != id).ToList();
                if (storedByIdentifier[identifier].FirstOrDefault(n => n.Id == id) is { } existing)
                {
                    if (existing.GetString("lastUpdated") is { } storedText && activity.LastUpdated is { } incoming
                        && DateTimeOffset.Parse(storedText, CultureInfo.InvariantCulture) > incoming)
                    {
                        SkippedOlder++;
                        messages.Add($"{activity.File}: activity '{identifier}' reported by {reporter} was last updated {incoming:u}, before the stored version ({storedText}): skipped.");
                        continue;
                    }

                    replaced.Add(id);
                }

                var group = reporters[identifier].Union(siblingsStored.Select(n => n.GetString("reportingOrgRef")!)).Append(reporter).ToList();
                var counted = IatiGraphMapper.CountedReporter(identifier, group);
                var siblings = siblingsStored
                    .Select(n => new IatiSibling(n.Id, n.GetString("reportingOrgRef")!, n.Provenance.DocumentId))
                    .ToList();
                var newSiblings = _collectedNodes is null
                    ? batchRecords[identifier].Where(s => s.DeliverableId != id).ToList()
                    : [.. reporters[identifier].Where(r => r != reporter).Select(r => new IatiSibling(IatiGraphMapper.DeliverableId(identifier, r), r, null))];
                var graph = IatiGraphMapper.Map(activity, IatiGraphMapper.DocumentId(paths[file]), counted == reporter, [.. siblings, .. newSiblings]);
                if (_documentsWritten.Add(file))
                {
                    var document = IatiGraphMapper.Document(paths[file]);
                    nodes[document.Id] = document;
                }

                nodes[graph.Deliverable.Id] = graph.Deliverable;
                foreach (var node in graph.OwnNodes)
                {
                    nodes[node.Id] = node;
                }

                foreach (var node in graph.SharedNodes.Where(n => !_sharedWritten.Contains(n.Id)))
                {
                    shared.TryAdd(node.Id, node);
                }

                relationships.AddRange(graph.Relationships);
                foreach (var sibling in siblings)
                {
                    relationships.Add(IatiGraphMapper.SiblingLink(sibling, identifier, id, reporter));
                    var siblingNode = siblingsStored.First(n => n.Id == sibling.DeliverableId);
                    var siblingCounted = counted == sibling.ReportingOrgRef ? 1L : 0L;
                    if (siblingNode.GetInt64(NodeProperties.IatiCountedInTotals) != siblingCounted && !nodes.ContainsKey(siblingNode.Id))
                    {
                        var properties = new SortedDictionary<string, object?>(siblingNode.Properties.ToDictionary(), StringComparer.Ordinal)
                        {
                            [NodeProperties.IatiCountedInTotals] = siblingCounted,
                        };
                        nodes[siblingNode.Id] = siblingNode with { Properties = properties, Stamp = null };
                    }
                }

                if (replaced.LastOrDefault() == id)
                {
                    Replaced++;
                }
                else
                {
                    New++;
                }
            }

            // Organizations and themes are shared by many activities: the first activity that names one creates it; later
            // ones (in this import or the next) link to it and leave it as it is, so a re-import finds it unchanged.
            if (shared.Count > 0 && _collectedNodes is null)
            {
                foreach (var existing in await store.GetNodesAsync(shared.Keys, cancellationToken))
                {
                    shared.Remove(existing.Id);
                    _sharedWritten.Add(existing.Id);
                }

            }

            _sharedWritten.UnionWith(shared.Keys);
            if (_collectedNodes is not null)
            {
                _collectedNodes.AddRange(shared.Values);
                _collectedNodes.AddRange(nodes.Values);
                _collectedRelationships!.AddRange(relationships);
                return;
            }

            Add(await store.LoadAsync(new SeedGraph([.. shared.Values, .. nodes.Values], relationships), cancellationToken: cancellationToken));
            if (replaced.Count > 0)
            {
                await RemoveStaleAsync(replaced, relationships, cancellationToken);
            }
        }

        /// <summary>Into an empty store: loads the seed and every collected activity in one load.</summary>
        public async Task FinishAsync(IProgress<IatiProgress>? progress, CancellationToken cancellationToken)
        {
            if (_collectedNodes is null)
            {
                return;
            }

            var storeProgress = progress is null ? null : new Progress<LoadProgress>(p => progress.Report(new IatiProgress($"store {p.Phase}", p.Done, p.Total)));
            Add(await store.LoadAsync(new SeedGraph(_collectedNodes, _collectedRelationships!), storeProgress, cancellationToken));
        }

        /// <summary>Removes what replaced records had and their new versions no longer have: links, results' indicators, results' and indicators' SDG links.</summary>
        private async Task RemoveStaleAsync(List<string> replaced, List<GraphRelationship> current, CancellationToken cancellationToken)
        {
            var keep = current.Select(r => (r.FromId, r.Type, r.ToId)).ToHashSet();
            var stale = new List<RelationshipRemoval>();
            var outcomes = new List<string>();
            foreach (var (type, direction) in IatiGraphMapper.DeliverableRelationships)
            {
                foreach (var r in await store.GetRelationshipsAsync(replaced, type, direction, cancellationToken))
                {
                    if (type == RelationshipTypes.Serves)
                    {
                        outcomes.Add(r.ToId);
                    }

                    if (!keep.Contains((r.FromId, r.Type, r.ToId)))
                    {
                        stale.Add(new RelationshipRemoval(r.FromId, r.Type, Direction.Outgoing, r.ToId));
                    }
                }
            }

            // A record's own results and indicators have ids that start with its id; their links go when they do.
            var own = replaced.ToHashSet(StringComparer.Ordinal);
            bool Owned(string id) => own.Any(d => id.StartsWith(d + "-r", StringComparison.Ordinal));
            var indicators = new List<string>();
            foreach (var r in await store.GetRelationshipsAsync(outcomes.Where(Owned).ToList(), RelationshipTypes.MeasuredBy, Direction.Outgoing, cancellationToken))
            {
                indicators.Add(r.ToId);
                if (!keep.Contains((r.FromId, r.Type, r.ToId)))
                {
                    stale.Add(new RelationshipRemoval(r.FromId, r.Type, Direction.Outgoing, r.ToId));
                }
            }

            // The SDG links of its results (derived from their indicators) and of its indicators.
            foreach (var r in await store.GetRelationshipsAsync([.. outcomes.Where(Owned), .. indicators.Where(Owned)], RelationshipTypes.AlignsWith, Direction.Outgoing, cancellationToken))
            {
                if (!keep.Contains((r.FromId, r.Type, r.ToId)))
                {
                    stale.Add(new RelationshipRemoval(r.FromId, r.Type, Direction.Outgoing, r.ToId));
                }
            }

            if (stale.Count > 0)
            {
                var result = await store.ApplyAsync(
                    new GraphChange(Writer, "importIati", $"{stale.Count} relationship(s) that newer IATI versions no longer have", [], [], stale.Distinct().ToList()),
                    cancellationToken);
                Removed += result.Removed;
            }
        }

        private void Add(LoadReport report) => _tally.Add(report);
    }
}

/// <summary>The store has no SDG framework to check IATI activities against and link them to.</summary>
public sealed class NoSdgFrameworkException()
    : InvalidOperationException("The store holds no SDG framework, which IATI activities are checked against and linked to: run `healthgraph seed` first.");
