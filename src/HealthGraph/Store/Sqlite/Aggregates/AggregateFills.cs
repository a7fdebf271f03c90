using HealthGraph.Store.Sqlite.Schema;
using Microsoft.Data.Sqlite;
using static HealthGraph.Store.Sqlite.Connections.SqliteCommands;

namespace HealthGraph.Store.Sqlite.Aggregates;

/// <summary>
/// The aggregates the coordination answers read (the partner overlaps, goal coverage and sharing scores), filled from
/// the whole graph by the database in one pass each (Sql/*_fill.sql), in the caller's transaction: after the migration
/// that defines them (<see cref="Version"/>) and by a rebuild. The triggers of that migration keep them current after
/// every write; a load into an empty store computes the same rows in memory instead (<see cref="AggregateRows"/>, tested
/// against these fills).
/// </summary>
internal static class AggregateFills
{
    /// <summary>
    /// The last schema version that changes what the aggregates hold (Migrations/0009_region_dimension.sql adds REGION to
    /// 0007_derived_basis.sql's tables): a file migrated past it is filled once, there.
    /// </summary>
    public const int Version = 9;

    /// <summary>
    /// The prefix of the triggers on node, edge, agency_work and agency_item that keep the aggregates exact; a load into an
    /// empty store and a rebuild set them aside.
    /// </summary>
    public const string TriggerPrefix = "agency_items_";

    /// <summary>Every aggregate, in the order each reads the one before: agency_work and agency_item, agency_share, coverage.</summary>
    public static async Task FillAllAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await FillAgencyItemsAsync(connection, transaction, cancellationToken);
        await FillAgencyShareAsync(connection, transaction, cancellationToken);
        await FillCoverageAsync(connection, transaction, cancellationToken);
    }

    /// <summary>The partner-overlap aggregate (agency_work, agency_item).</summary>
    public static Task FillAgencyItemsAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, SqlResources.Get("Sql/agency_items_fill.sql"), cancellationToken, transaction);

    /// <summary>The goal-coverage aggregate (coverage_link and its counts), from the graph and agency_work.</summary>
    public static Task FillCoverageAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, SqlResources.Get("Sql/coverage_fill.sql"), cancellationToken, transaction);

    /// <summary>The agencies' sharing scores (agency_share), from agency_item.</summary>
    public static Task FillAgencyShareAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, SqlResources.Get("Sql/agency_share_fill.sql"), cancellationToken, transaction);
}
