using Microsoft.Data.Sqlite;

namespace HealthGraph.Store.Sqlite;

public sealed partial class SqliteGraphStore
{
    /// <summary>The schema version that creates the partner-overlap aggregate (Migrations/0003_agency_items.sql).</summary>
    private const int AgencyItemsVersion = 3;

    /// <summary>The prefix of the triggers on node and edge that keep the aggregate exact; a load into an empty store defers them.</summary>
    private const string AgencyItemsTriggerPrefix = "agency_items_";

    /// <summary>
    /// Fills the partner-overlap aggregate (agency_work, agency_item) from the whole graph in one pass, in the caller's
    /// transaction: after the migration that creates it, and after a load into an empty store, which defers its triggers.
    /// </summary>
    private static Task FillAgencyItemsAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, SqlResources.Get("Sql/agency_items_fill.sql"), cancellationToken, transaction);
}
