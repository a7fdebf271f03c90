using Microsoft.Data.Sqlite;

namespace HealthGraph.Store.Sqlite;

public sealed partial class SqliteGraphStore
{
    /// <summary>The schema version that creates the partner-overlap aggregate (Migrations/0003_agency_items.sql).</summary>
    private const int AgencyItemsVersion = 3;

    /// <summary>The schema version that creates the goal-coverage aggregate (Migrations/0004_coverage.sql).</summary>
    private const int CoverageVersion = 4;

    /// <summary>The schema version that creates the agencies' sharing scores (Migrations/0005_agency_share.sql).</summary>
    private const int AgencyShareVersion = 5;

    /// <summary>
    /// The prefix of the triggers on node, edge, agency_work and agency_item that keep the aggregates exact; a load into an empty
    /// store defers them.
    /// </summary>
    private const string AgencyItemsTriggerPrefix = "agency_items_";

    /// <summary>
    /// Fills the partner-overlap aggregate (agency_work, agency_item) from the whole graph in one pass, in the caller's
    /// transaction: after the migration that creates it, and after a load into an empty store, which defers its triggers.
    /// </summary>
    private static Task FillAgencyItemsAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, SqlResources.Get("Sql/agency_items_fill.sql"), cancellationToken, transaction);

    /// <summary>
    /// Fills the goal-coverage aggregate (coverage_link and its counts) from the whole graph and agency_work in one pass,
    /// in the caller's transaction: after the migration that creates it, and after a load into an empty store.
    /// </summary>
    private static Task FillCoverageAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, SqlResources.Get("Sql/coverage_fill.sql"), cancellationToken, transaction);

    /// <summary>
    /// Fills the agencies' sharing scores (agency_share) from agency_item in one pass, in the caller's transaction: after
    /// the migration that creates it, and after a load into an empty store (after the partner-overlap fill).
    /// </summary>
    private static Task FillAgencyShareAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, SqlResources.Get("Sql/agency_share_fill.sql"), cancellationToken, transaction);
}
