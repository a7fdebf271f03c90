using System.Globalization;
using static HealthGraph.Store.Sqlite.Connections.SqliteCommands;

namespace HealthGraph.Store.Sqlite;

/// <summary>
/// The graph's version (IGraphVersion): the graph_version row (migration 0013), which every write transaction bumps
/// (SqliteConnections.WriteAsync).
/// </summary>
public sealed partial class SqliteGraphStore : IGraphVersion
{
    public async Task<string?> GetGraphVersionAsync(CancellationToken cancellationToken = default) =>
        Convert.ToString(
            await UseAsync(connection => ScalarAsync(connection, "SELECT version FROM graph_version WHERE id = 1", cancellationToken), cancellationToken),
            CultureInfo.InvariantCulture);
}
