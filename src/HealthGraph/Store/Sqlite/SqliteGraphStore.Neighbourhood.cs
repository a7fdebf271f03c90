using HealthGraph.Graph;
using HealthGraph.Store.Sqlite.Schema;
using static HealthGraph.Store.Sqlite.Connections.SqliteCommands;

namespace HealthGraph.Store.Sqlite;

public sealed partial class SqliteGraphStore
{
    /// <summary>
    /// The node with its count of relationships, then its first relationships, from one command of two statements
    /// (Sql/neighbourhood.sql) that read only the node's own entries of the edge indexes, whatever its degree.
    /// </summary>
    public async Task<Neighbourhood?> GetNeighbourhoodAsync(string id, int first, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        return await UseAsync<Neighbourhood?>(
            async connection =>
            {
                await using var command = Command(connection, SqlResources.Get("Sql/neighbourhood.sql"), ("@id", id), ("@first", first));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return null;
                }

                var node = SqliteRows.ReadNode(reader);
                var count = reader.GetInt32(SqliteRows.NodeColumnCount);

                await reader.NextResultAsync(cancellationToken);
                var relationships = new List<GraphRelationship>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    relationships.Add(SqliteRows.ReadRelationship(reader));
                }

                return new Neighbourhood(node, count, relationships);
            },
            cancellationToken);
    }
}
