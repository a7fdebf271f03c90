using HealthGraph.Graph;
using static HealthGraph.Store.Sqlite.Connections.SqliteCommands;

namespace HealthGraph.Store.Sqlite;

public sealed partial class SqliteGraphStore
{
    public async Task<NodePage> ListNodesAsync(NodeListQuery query, CancellationToken cancellationToken = default)
    {
        var sql = SqliteNodeQuery.Translate(query);
        return await UseAsync(
            async connection =>
            {
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
                return NodePage.FromRows(
                    rows, sql.PageSize, sql.Backward, reader.GetInt64(0), anyAtOrBeforeAfter: reader.GetBoolean(1), anyAtOrAfterBefore: reader.GetBoolean(2));
            },
            cancellationToken);
    }
}
