using HealthGraph.Graph;

namespace HealthGraph.Store.Sqlite;

public sealed partial class SqliteGraphStore
{
    public async Task<NodePage> ListNodesAsync(NodeListQuery query, CancellationToken cancellationToken = default)
    {
        var sql = SqliteNodeQuery.Translate(query);
        await using var connection = await OpenAsync(cancellationToken);
        connection.CreateFunction<string?, string?>(SqliteNodeQuery.CaseFoldFunction, SqliteNodeQuery.CaseFold, isDeterministic: true);
        await using var command = Command(connection, sql.Sql, [.. sql.Parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        var rows = new List<GraphNode>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(SqliteRows.ReadNode(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        var anyAtOrBeforeAfter = reader.GetBoolean(1);
        var anyAtOrAfterBefore = reader.GetBoolean(2);

        // The extra row says whether the range holds more nodes beyond the page, on the side the page was read from;
        // the other side is the far side of a cursor (Relay: hasPreviousPage when `after` is given, and so on).
        var more = sql.PageSize is { } size && rows.Count > size;
        var page = more ? rows.GetRange(0, sql.PageSize!.Value) : rows;
        if (sql.Backward)
        {
            page.Reverse();
            return new NodePage(page, HasNextPage: anyAtOrAfterBefore, HasPreviousPage: more || anyAtOrBeforeAfter, total);
        }

        return new NodePage(page, HasNextPage: more || anyAtOrAfterBefore, HasPreviousPage: anyAtOrBeforeAfter, total);
    }
}
