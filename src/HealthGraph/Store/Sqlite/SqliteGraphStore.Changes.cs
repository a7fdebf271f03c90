using System.Text.Json;
using HealthGraph.Graph;
using HealthGraph.Store.Sqlite.Schema;
using Microsoft.Data.Sqlite;
using static HealthGraph.Store.Sqlite.Connections.SqliteCommands;

namespace HealthGraph.Store.Sqlite;

public sealed partial class SqliteGraphStore
{
    public async Task<ChangeResult> ApplyAsync(GraphChange change, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(change.Writer, nameof(change));
        try
        {
            return await ApplyInTransactionAsync(change, cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19 && e.Message.Contains(RefusalPrefix, StringComparison.Ordinal))
        {
            // A trigger's refusal (0007_derived_basis.sql): a label or relationship key that cannot change.
            var message = e.Message[(e.Message.IndexOf(RefusalPrefix, StringComparison.Ordinal) + RefusalPrefix.Length)..].TrimEnd('\'');
            throw new GraphChangeRejectedException(message, e);
        }
    }

    /// <summary>How the schema's triggers begin the message of a write they refuse.</summary>
    private const string RefusalPrefix = "HealthGraph: ";

    private async Task<ChangeResult> ApplyInTransactionAsync(GraphChange change, CancellationToken cancellationToken)
    {
        // One write transaction: the existence check and the writes see the same graph; no other writer comes in between.
        return await WriteAsync(
            async (connection, transaction) =>
            {
                var at = clock.GetUtcNow().ToUniversalTime();
                var now = SqliteRows.FormatTime(at);

                // Checked before writing anything (a foreign-key error would not say which node is missing); a throw rolls
                // the transaction back.
                var missing = await MissingNodesAsync(connection, transaction, change, cancellationToken);
                if (missing.Count > 0)
                {
                    throw new GraphChangeRejectedException(
                        $"The change refers to {(missing.Count == 1 ? "a node that does" : "nodes that do")} not exist: {string.Join(", ", missing)}.");
                }

                await CheckExpectationsAsync(connection, transaction, change, cancellationToken);
                var holding = change.Limit is null ? null : await HoldingAsync(connection, transaction, change.Subject, cancellationToken);
                change.Limit?.CheckBefore(change.Subject, holding);
                var touched = ChangeDetails.TypesAt(change);
                var before = await SubjectAsync(connection, transaction, change.Subject, touched, cancellationToken);
                var removed = await RemoveRelationshipsAsync(connection, transaction, change, cancellationToken);
                var nodes = await UpsertNodesAsync(connection, transaction, change.Nodes, change.Writer, now, null, cancellationToken);
                var relationships = await UpsertRelationshipsAsync(
                    connection, transaction, change.Relationships, change.Writer, now, null, cancellationToken);
                removed += await DeleteNodesAsync(connection, transaction, change, cancellationToken);
                var counts = nodes.Values.Concat(relationships.Values).ToList();
                var created = counts.Sum(c => c.Created);
                var updated = counts.Sum(c => c.Updated);
                if (change.Limit is { } limit)
                {
                    limit.CheckAfter(change.Subject, holding, await HoldingAsync(connection, transaction, change.Subject, cancellationToken));
                }
                var after = await SubjectAsync(connection, transaction, change.Subject, touched, cancellationToken);
                var details = ChangeDetails.Of(before.Node, before.Links, after.Node, after.Links);

                // Logged even when nothing changed: the log records requests by writers, and an empty one is still one.
                await using var log = Command(
                    connection,
                    """
                    INSERT INTO change_log (at, writer, operation, subject, created, updated, removed)
                    VALUES (@at, @writer, @operation, @subject, @created, @updated, @removed)
                    RETURNING seq
                    """,
                    ("@at", now),
                    ("@writer", change.Writer),
                    ("@operation", change.Operation),
                    ("@subject", change.Subject),
                    ("@created", created),
                    ("@updated", updated),
                    ("@removed", removed));
                log.Transaction = transaction;
                var sequence = (long)(await log.ExecuteScalarAsync(cancellationToken))!;
                await using var kept = Command(
                    connection, "INSERT INTO change_details (seq, details) VALUES (@seq, @details)", ("@seq", sequence), ("@details", details.ToJson()));
                kept.Transaction = transaction;
                await kept.ExecuteNonQueryAsync(cancellationToken);
                return new ChangeResult(
                    created, updated, removed, new ChangeLogEntry(sequence, at, change.Writer, change.Operation, change.Subject, created, updated, removed) { Details = details });
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<ChangeLogEntry>> GetChangesAsync(
        int first, long? before = null, string? subject = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        // By subject: a range of the index on (subject, seq), newest first; else the log's own order.
        var where = subject is null ? "(@before IS NULL OR seq < @before)" : "subject = @subject AND (@before IS NULL OR seq < @before)";
        return await UseAsync(
            async connection =>
            {
                return await QueryAsync(
                    connection,
                    $"""
                    SELECT l.seq, l.at, l.writer, l.operation, l.subject, l.created, l.updated, l.removed, d.details
                      FROM (SELECT * FROM change_log WHERE {where} ORDER BY seq DESC LIMIT @first) l
                      LEFT JOIN change_details d ON d.seq = l.seq
                     ORDER BY l.seq DESC
                    """,
                    r => new ChangeLogEntry(
                        r.GetInt64(0), SqliteRows.ReadTime(r, 1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7))
                    {
                        Details = ChangeDetails.FromJson(r.IsDBNull(8) ? null : r.GetString(8)),
                    },
                    cancellationToken,
                    ("@first", first),
                    ("@before", before),
                    ("@subject", subject));
            },
            cancellationToken);
    }

    /// <summary>
    /// The subject of a change as it is in the transaction (its node, or null), and its relationships of the types the
    /// change touches (<see cref="ChangeDetails.TypesAt"/>): what its history compares before and after.
    /// </summary>
    private static async Task<(GraphNode? Node, List<LinkChange> Links)> SubjectAsync(
        SqliteConnection connection, SqliteTransaction transaction, string subject, IReadOnlyList<(string Type, bool Outgoing)> types, CancellationToken cancellationToken)
    {
        GraphNode? node = null;
        await using (var command = Command(connection, $"SELECT {SqliteRows.NodeColumns} FROM node WHERE id = @id", ("@id", subject)))
        {
            command.Transaction = transaction;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                node = SqliteRows.ReadNode(reader);
            }
        }

        var links = new List<LinkChange>();
        if (types.Count == 0)
        {
            return (node, links);
        }

        await using var edges = Command(
            connection,
            """
            SELECT type, 1, dst FROM edge WHERE src = @id AND type IN (SELECT value FROM json_each(@out))
            UNION ALL
            SELECT type, 0, src FROM edge INDEXED BY edge_by_dst WHERE dst = @id AND type IN (SELECT value FROM json_each(@in))
            """,
            ("@id", subject),
            ("@out", SqliteRows.ToJsonArray(types.Where(t => t.Outgoing).Select(t => t.Type))),
            ("@in", SqliteRows.ToJsonArray(types.Where(t => !t.Outgoing).Select(t => t.Type))));
        edges.Transaction = transaction;
        await using (var reader = await edges.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                links.Add(new LinkChange(reader.GetString(0), reader.GetInt64(1) == 1, reader.GetString(2)));
            }
        }

        return (node, links);
    }

    /// <summary>The ids the change refers to (relationship ends, removals) that are neither in the store nor in the change, in order.</summary>
    private static async Task<IReadOnlyList<string>> MissingNodesAsync(
        SqliteConnection connection, SqliteTransaction transaction, GraphChange change, CancellationToken cancellationToken)
    {
        var written = change.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var referred = change.Relationships.SelectMany(r => new[] { r.FromId, r.ToId })
            .Concat(change.Removals.SelectMany(r => new[] { r.NodeId, r.OtherId }).OfType<string>())
            .Where(id => !written.Contains(id))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return await MissingNodesAsync(connection, transaction, referred, cancellationToken);
    }

    /// <summary>The ids of <paramref name="referred"/> that are not nodes in the store, in order.</summary>
    private static async Task<IReadOnlyList<string>> MissingNodesAsync(
        SqliteConnection connection, SqliteTransaction transaction, List<string> referred, CancellationToken cancellationToken)
    {
        if (referred.Count == 0)
        {
            return [];
        }

        await using var command = Command(
            connection,
            "SELECT value FROM json_each(@ids) WHERE value NOT IN (SELECT id FROM node) ORDER BY value",
            ("@ids", SqliteRows.ToJsonArray(referred)));
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var missing = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            missing.Add(reader.GetString(0));
        }

        return missing;
    }

    /// <summary>Whose the subject is, as the transaction sees it (subject_holders.sql); null when there is no such node.</summary>
    private static async Task<SubjectHolding?> HoldingAsync(
        SqliteConnection connection, SqliteTransaction transaction, string subject, CancellationToken cancellationToken)
    {
        await using var command = Command(
            connection,
            SqlResources.Get("Sql/subject_holders.sql"),
            ("@id", subject),
            ("@roles", SqliteRows.ToJsonArray(RelationshipTypes.OrganisationRoles)));
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SubjectHolding(reader.GetString(0), JsonSerializer.Deserialize<string[]>(reader.GetString(1))!.Where(h => h is not null).ToList())
            : null;
    }

    /// <summary>Reads the stamps of the nodes the change's expectations name, and checks them (<see cref="GraphChange.CheckExpectations"/>).</summary>
    private static async Task CheckExpectationsAsync(
        SqliteConnection connection, SqliteTransaction transaction, GraphChange change, CancellationToken cancellationToken)
    {
        if (change.Expectations.Count == 0)
        {
            return;
        }

        await using var command = Command(
            connection,
            "SELECT id, created_at, updated_at, updated_by FROM node WHERE id IN (SELECT value FROM json_each(@ids))",
            ("@ids", SqliteRows.ToJsonArray(change.Expectations.Select(e => e.Id))));
        command.Transaction = transaction;
        var stamps = new Dictionary<string, WriteStamp>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stamps[reader.GetString(0)] = new WriteStamp(SqliteRows.ReadTime(reader, 1), SqliteRows.ReadTime(reader, 2), reader.GetString(3));
            }
        }

        change.CheckExpectations(stamps);
    }

    /// <summary>
    /// Deletes the change's <see cref="GraphChange.NodeDeletions"/> that have no relationship left (after the removals);
    /// refuses the change when one still has one, so nothing goes by the schema's cascade, which the change did not name.
    /// </summary>
    private static async Task<long> DeleteNodesAsync(
        SqliteConnection connection, SqliteTransaction transaction, GraphChange change, CancellationToken cancellationToken)
    {
        long deleted = 0;
        foreach (var id in change.NodeDeletions.Distinct(StringComparer.Ordinal))
        {
            await using var linked = Command(
                connection,
                "SELECT (SELECT count(*) FROM edge WHERE src = @id) + (SELECT count(*) FROM edge WHERE dst = @id)",
                ("@id", id));
            linked.Transaction = transaction;
            if (await linked.ExecuteScalarAsync(cancellationToken) is long relationships and > 0)
            {
                throw GraphChange.StillLinked(id, relationships);
            }

            await using var delete = Command(connection, "DELETE FROM node WHERE id = @id", ("@id", id));
            delete.Transaction = transaction;
            deleted += await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        return deleted;
    }

    /// <summary>
    /// Deletes the relationships the removals name, except those the change upserts: "replace the set" removes all
    /// and upserts the new set, and a relationship in both keeps its row (and its created_at).
    /// </summary>
    private static async Task<long> RemoveRelationshipsAsync(
        SqliteConnection connection, SqliteTransaction transaction, GraphChange change, CancellationToken cancellationToken)
    {
        if (change.Removals.Count == 0)
        {
            return 0;
        }

        var keep = JsonSerializer.Serialize(change.Relationships.Select(r => new[] { r.FromId, r.Type, r.ToId }));
        long removed = 0;
        foreach (var removal in change.Removals)
        {
            var (here, there) = removal.Direction == Direction.Outgoing ? ("src", "dst") : ("dst", "src");
            var matching = $"""
                FROM edge
                 WHERE type = @type AND {here} = @node AND (@other IS NULL OR {there} = @other)
                   AND (src, type, dst) NOT IN (SELECT k.value ->> 0, k.value ->> 1, k.value ->> 2 FROM json_each(@keep) k)
                """;
            (string, object?)[] parameters = [("@type", removal.Type), ("@node", removal.NodeId), ("@other", removal.OtherId), ("@keep", keep)];

            // Deleted only when there is something to delete: preparing a DELETE on edge compiles the aggregates' triggers.
            await using var exists = Command(connection, $"SELECT EXISTS (SELECT 1 {matching})", parameters);
            exists.Transaction = transaction;
            if (await exists.ExecuteScalarAsync(cancellationToken) is 0L)
            {
                continue;
            }

            await using var command = Command(connection, $"DELETE {matching}", parameters);
            command.Transaction = transaction;
            removed += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return removed;
    }
}
