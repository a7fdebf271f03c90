using HealthGraph.Graph;
using HealthGraph.Store.Neo4j.Client;

namespace HealthGraph.Store.Neo4j;

public sealed partial class Neo4jGraphStore
{
    /// <summary>
    /// Applies the change in one explicit transaction that first takes the aggregate lock and locks every existing node
    /// the change touches (its nodes, the ends of its relationships and removals), then checks, writes, brings the
    /// aggregates up to date (<see cref="ApplyAgencyItemDeltasAsync"/>, <see cref="ApplyCoverageLinkChangesAsync"/>) and logs. Two changes to the same nodes
    /// therefore take turns, each reading what the other committed, and their log order is their commit order; a
    /// deadlock or a lock wait past <c>db.lock.acquisition.timeout</c> makes Neo4j fail the attempt, and the whole
    /// change runs again (<see cref="QueryApiClient.RunInTransactionAsync{T}"/>).
    /// </summary>
    public async Task<ChangeResult> ApplyAsync(GraphChange change, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(change.Writer, nameof(change));
        await InitializeAsync(cancellationToken);
        return await Client().RunInTransactionAsync(
            async transaction =>
            {
                var rebuild = await LockAggregatesAsync(transaction, cancellationToken);
                await RunAsync(transaction, "lock_nodes", cancellationToken, ("ids", TouchedIds(change)));

                // Checked before writing anything, under the locks; a throw rolls the transaction back.
                var missing = await MissingNodesAsync(transaction, change, cancellationToken);
                if (missing.Count > 0)
                {
                    throw new GraphChangeRejectedException(
                        $"The change refers to {(missing.Count == 1 ? "a node that does" : "nodes that do")} not exist: {string.Join(", ", missing)}.");
                }

                await CheckExpectationsAsync(transaction, change, cancellationToken);
                var holding = change.Limit is null ? null : await HoldingAsync(transaction, change.Subject, cancellationToken);
                change.Limit?.CheckBefore(change.Subject, holding);

                // The aggregate's counts through the work the change can alter, before and after it is written.
                var works = await AffectedWorksAsync(transaction, change, cancellationToken);
                var before = await CountsThroughAsync(transaction, works, rebuild, cancellationToken);
                var linksBefore = await CoverageLinksThroughAsync(transaction, works, cancellationToken);
                var at = clock.GetUtcNow().ToUniversalTime();
                var now = Neo4jRows.FormatTime(at);
                var touched = ChangeDetails.TypesAt(change);
                var subjectBefore = await SubjectAsync(transaction, change.Subject, touched, cancellationToken);
                var removed = await RemoveRelationshipsAsync(transaction, change, cancellationToken);
                Task<QueryResult> RunInTransactionAsync(string file, (string Name, object? Value)[] parameters) =>
                    RunAsync(transaction, file, cancellationToken, parameters);
                var nodes = await UpsertNodesAsync(RunInTransactionAsync, change.Nodes, change.Writer, now, progress: null);
                var relationships = await UpsertRelationshipsAsync(RunInTransactionAsync, change.Relationships, change.Writer, now, progress: null);
                await CheckCreatedAsync(transaction, change, now, cancellationToken);
                removed += await DeleteNodesAsync(transaction, change, cancellationToken);
                var counts = nodes.Values.Concat(relationships.Values).ToList();
                await ApplyAgencyItemDeltasAsync(transaction, works, before, rebuild, cancellationToken);
                await ApplyCoverageLinkChangesAsync(transaction, works, linksBefore, cancellationToken);
                var created = counts.Sum(c => c.Created);
                var updated = counts.Sum(c => c.Updated);
                if (change.Limit is { } limit)
                {
                    limit.CheckAfter(change.Subject, holding, await HoldingAsync(transaction, change.Subject, cancellationToken));
                }
                var subjectAfter = await SubjectAsync(transaction, change.Subject, touched, cancellationToken);
                var details = ChangeDetails.Of(subjectBefore.Node, subjectBefore.Links, subjectAfter.Node, subjectAfter.Links);

                // Logged even when nothing changed: the log records requests by writers, and an empty one is still one.
                var log = await RunAsync(
                    transaction,
                    "log_change",
                    cancellationToken,
                    ("at", now),
                    ("writer", change.Writer),
                    ("operation", change.Operation),
                    ("subject", change.Subject),
                    ("created", created),
                    ("updated", updated),
                    ("removed", removed),
                    ("details", details.ToJson()));
                var sequence = Neo4jRows.Long(log.Rows.Single()["seq"]);
                return new ChangeResult(
                    created, updated, removed, new ChangeLogEntry(sequence, at, change.Writer, change.Operation, change.Subject, created, updated, removed) { Details = details });
            },
            cancellationToken);
    }

    /// <summary>Every node id the change writes or refers to, once each, in ordinal order (the order locks are taken in).</summary>
    internal static string[] TouchedIds(GraphChange change) =>
    [
        .. change.Nodes.Select(n => n.Id)
            .Concat(change.Relationships.SelectMany(r => new[] { r.FromId, r.ToId }))
            .Concat(change.Removals.SelectMany(r => new[] { r.NodeId, r.OtherId }).OfType<string>())
            .Concat(change.Expectations.Select(e => e.Id))
            .Concat(change.NodeDeletions)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The write stamps of the existing nodes among <paramref name="ids"/> (node_stamps.cypher).</summary>
    private static async Task<Dictionary<string, WriteStamp>> StampsAsync(
        QueryApiTransaction transaction, IEnumerable<string> ids, CancellationToken cancellationToken) =>
        (await RunAsync(transaction, "node_stamps", cancellationToken, ("ids", ids.Distinct(StringComparer.Ordinal).ToArray()))).Rows.ToDictionary(
            r => Neo4jRows.Text(r["id"])!,
            r => new WriteStamp(Neo4jRows.ParseTime(r["createdAt"]), Neo4jRows.ParseTime(r["updatedAt"]), Neo4jRows.Text(r["updatedBy"]) ?? ""),
            StringComparer.Ordinal);

    /// <summary>
    /// Checks the change's expectations (<see cref="GraphChange.CheckExpectations"/>) against the stamps read after
    /// lock_nodes has locked every existing node they name.
    /// </summary>
    private static async Task CheckExpectationsAsync(QueryApiTransaction transaction, GraphChange change, CancellationToken cancellationToken)
    {
        if (change.Expectations.Count == 0)
        {
            return;
        }

        change.CheckExpectations(await StampsAsync(transaction, change.Expectations.Select(e => e.Id), cancellationToken));
    }

    /// <summary>
    /// A node that had to be absent could not be locked (it did not exist), so a concurrent change may have created it
    /// after the check: the upsert then updated it instead. Created by this transaction means created at
    /// <paramref name="now"/>; anything else is the other change's node, and this change conflicts with it.
    /// </summary>
    private static async Task CheckCreatedAsync(QueryApiTransaction transaction, GraphChange change, string now, CancellationToken cancellationToken)
    {
        var absent = change.Expectations.Where(e => !e.Exists).ToArray();
        if (absent.Length == 0)
        {
            return;
        }

        var createdAt = Neo4jRows.ParseTime(now);
        var stamps = await StampsAsync(transaction, absent.Select(e => e.Id), cancellationToken);
        foreach (var expectation in absent.OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            if (stamps.GetValueOrDefault(expectation.Id) is { } stamp && stamp.CreatedAt != createdAt)
            {
                throw new GraphChangeConflictException(expectation, stamp);
            }
        }
    }

    /// <summary>
    /// Deletes the change's <see cref="GraphChange.NodeDeletions"/> once the removals have run; refuses the change when
    /// one still has a relationship, so nothing goes that the change did not name.
    /// </summary>
    private static async Task<long> DeleteNodesAsync(QueryApiTransaction transaction, GraphChange change, CancellationToken cancellationToken)
    {
        if (change.NodeDeletions.Count == 0)
        {
            return 0;
        }

        string[] ids = [.. change.NodeDeletions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        foreach (var row in (await RunAsync(transaction, "node_relationship_counts", cancellationToken, ("ids", ids))).Rows)
        {
            if (Neo4jRows.Long(row["relationships"]) is var relationships and > 0)
            {
                throw GraphChange.StillLinked(Neo4jRows.Text(row["id"])!, relationships);
            }
        }

        return Neo4jRows.Long((await RunAsync(transaction, "delete_nodes", cancellationToken, ("ids", ids))).Rows.Single()["deleted"]);
    }

    public async Task<IReadOnlyList<ChangeLogEntry>> GetChangesAsync(
        int first, long? before = null, string? subject = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        var result = subject is null
            ? await ReadAsync("changes", cancellationToken, ("first", (long)first), ("before", before))
            : await ReadAsync("subject_changes", cancellationToken, ("first", (long)first), ("before", before), ("subject", subject));
        return
        [
            .. result.Rows.Select(r => new ChangeLogEntry(
                Neo4jRows.Long(r["seq"]),
                Neo4jRows.ParseTime(r["at"]),
                Neo4jRows.Text(r["writer"])!,
                Neo4jRows.Text(r["operation"])!,
                Neo4jRows.Text(r["subject"])!,
                Neo4jRows.Long(r["created"]),
                Neo4jRows.Long(r["updated"]),
                Neo4jRows.Long(r["removed"]))
            {
                Details = ChangeDetails.FromJson(Neo4jRows.Text(r["details"])),
            }),
        ];
    }

    /// <summary>The subject of a change as it is in the transaction, and its relationships of the types the change touches (subject_state.cypher).</summary>
    private static async Task<(GraphNode? Node, List<LinkChange> Links)> SubjectAsync(
        QueryApiTransaction transaction, string subject, IReadOnlyList<(string Type, bool Outgoing)> types, CancellationToken cancellationToken)
    {
        var row = (await RunAsync(
            transaction, "subject_state", cancellationToken,
            ("id", subject),
            ("outgoing", types.Where(t => t.Outgoing).Select(t => t.Type).ToArray()),
            ("incoming", types.Where(t => !t.Outgoing).Select(t => t.Type).ToArray()))).Rows.Single();
        var node = row["n"] is null ? null : Neo4jRows.ToNode(row["n"]);
        List<LinkChange> links =
        [
            .. Neo4jRows.List(row["links"]).Select(l => Neo4jRows.Map(l)).Select(m => new LinkChange(
                Neo4jRows.Text(m["type"])!, m["outgoing"] is true, Neo4jRows.Text(m["other"])!)),
        ];
        return (node, links);
    }

    /// <summary>Whose the subject is, as the transaction sees it (subject_holders.cypher); null when there is no such node.</summary>
    private static async Task<SubjectHolding?> HoldingAsync(QueryApiTransaction transaction, string subject, CancellationToken cancellationToken) =>
        (await RunAsync(transaction, "subject_holders", cancellationToken, ("id", (object?)subject), ("roles", RelationshipTypes.OrganisationRoles.ToArray()))).Rows
            .Select(r => new SubjectHolding(Neo4jRows.Text(r["label"])!, [.. Neo4jRows.List(r["holders"]).Select(Neo4jRows.Text).OfType<string>()]))
            .SingleOrDefault();

    /// <summary>The ids the change refers to (relationship ends, removals) that are neither in the store nor in the change, in order.</summary>
    private static async Task<IReadOnlyList<string>> MissingNodesAsync(
        QueryApiTransaction transaction, GraphChange change, CancellationToken cancellationToken)
    {
        var written = change.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var referred = change.Relationships.SelectMany(r => new[] { r.FromId, r.ToId })
            .Concat(change.Removals.SelectMany(r => new[] { r.NodeId, r.OtherId }).OfType<string>())
            .Where(id => !written.Contains(id))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (referred.Length == 0)
        {
            return [];
        }

        var result = await RunAsync(transaction, "missing_nodes", cancellationToken, ("ids", referred));
        return [.. result.Rows.Select(r => Neo4jRows.Text(r["id"])!).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Deletes the relationships the removals name, except those the change upserts: "replace the set" removes all
    /// and upserts the new set, and a relationship in both keeps its createdAt.
    /// </summary>
    private static async Task<long> RemoveRelationshipsAsync(QueryApiTransaction transaction, GraphChange change, CancellationToken cancellationToken)
    {
        if (change.Removals.Count == 0)
        {
            return 0;
        }

        var keep = change.Relationships.Select(r => new[] { r.FromId, r.Type, r.ToId }).ToArray();
        var result = await RunAsync(transaction, "remove_relationships", cancellationToken, ("removals", Removals(change)), ("keep", keep));
        return result.Rows.Sum(r => Neo4jRows.Long(r["removed"]));
    }

    /// <summary>The change's removals as remove_relationships.cypher and affected_works.cypher take them.</summary>
    private static Dictionary<string, object?>[] Removals(GraphChange change) =>
    [
        .. change.Removals.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["node"] = r.NodeId,
            ["type"] = r.Type,
            ["outgoing"] = r.Direction == Direction.Outgoing,
            ["other"] = r.OtherId,
        }),
    ];
}
