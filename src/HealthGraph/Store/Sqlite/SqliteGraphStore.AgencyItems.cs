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
    /// transaction: after the migration that creates it. A load into an empty store computes the rows in memory instead
    /// (<see cref="InsertAggregatesAsync"/>).
    /// </summary>
    internal static Task FillAgencyItemsAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, SqlResources.Get("Sql/agency_items_fill.sql"), cancellationToken, transaction);

    /// <summary>
    /// Fills the goal-coverage aggregate (coverage_link and its counts) from the whole graph and agency_work in one pass,
    /// in the caller's transaction: after the migration that creates it.
    /// </summary>
    internal static Task FillCoverageAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, SqlResources.Get("Sql/coverage_fill.sql"), cancellationToken, transaction);

    /// <summary>
    /// Fills the agencies' sharing scores (agency_share) from agency_item in one pass, in the caller's transaction: after
    /// the migration that creates it. A load into an empty store computes the rows in memory instead.
    /// </summary>
    internal static Task FillAgencyShareAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, SqlResources.Get("Sql/agency_share_fill.sql"), cancellationToken, transaction);

    /// <summary>
    /// Writes the aggregates of a load into an empty store, computed in memory (<see cref="AggregateRows"/>), in place of
    /// whatever the tables held: the rows the SQL fills would give, each table's rows in primary-key order.
    /// </summary>
    private static async Task InsertAggregatesAsync(
        SqliteConnection connection, SqliteTransaction transaction, AggregateRows rows, LoadPhases phases, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            connection,
            "DELETE FROM coverage_count; DELETE FROM coverage_item; DELETE FROM coverage_agency; DELETE FROM coverage_link; DELETE FROM agency_share; DELETE FROM agency_item; DELETE FROM agency_work;",
            cancellationToken,
            transaction);
        var ids = rows.Ids;
        await InsertRowsAsync(connection, "agency_work", ["item", "agency", "stated", "inferred"], rows.AgencyWork,
            static (ids, r, v) => { v[0] = ids[r.Item]; v[1] = ids[r.Agency]; v[2] = r.Stated; v[3] = r.Inferred; }, ids, cancellationToken);
        phases.Mark("agency_work rows");
        await InsertRowsAsync(connection, "agency_item", ["agency", "dimension", "item", "stated", "inferred"], rows.AgencyItem,
            static (ids, r, v) => { v[0] = ids[r.Agency]; v[1] = AggregateRows.Dimensions[r.Dimension]; v[2] = ids[r.Item]; v[3] = r.Stated; v[4] = r.Inferred; },
            ids, cancellationToken);
        phases.Mark("agency_item rows");
        await InsertRowsAsync(connection, "agency_share", ["dimension", "basis", "agency", "score"], rows.AgencyShare,
            static (ids, r, v) => { v[0] = AggregateRows.Dimensions[r.Dimension]; v[1] = r.Basis; v[2] = ids[r.Agency]; v[3] = r.Score; }, ids, cancellationToken);
        phases.Mark("agency_share rows");
        await InsertRowsAsync(connection, "coverage_link", ["sdg", "agency", "item", "via", "aligned", "basis"], rows.CoverageLink,
            static (ids, r, v) =>
            {
                v[0] = ids[r.Sdg]; v[1] = ids[r.Agency]; v[2] = ids[r.Item]; v[3] = r.Via; v[4] = ids[r.Aligned];
                v[5] = r.Stated ? "STATED" : "INFERRED";
            },
            ids, cancellationToken);
        phases.Mark("coverage_link rows");
        await InsertRowsAsync(connection, "coverage_agency", ["sdg", "agency", "stated", "inferred", "total"], rows.CoverageAgency,
            static (ids, r, v) => { v[0] = ids[r.Sdg]; v[1] = ids[r.Agency]; v[2] = r.Stated; v[3] = r.Inferred; v[4] = r.Total; }, ids, cancellationToken);
        phases.Mark("coverage_agency rows");
        await InsertRowsAsync(connection, "coverage_item", ["sdg", "label", "item", "stated", "inferred", "total"], rows.CoverageItem,
            static (ids, r, v) => { v[0] = ids[r.Sdg]; v[1] = r.Label; v[2] = ids[r.Item]; v[3] = r.Stated; v[4] = r.Inferred; v[5] = r.Total; },
            ids, cancellationToken);
        phases.Mark("coverage_item rows");
        await InsertRowsAsync(connection, "coverage_count", ["sdg", "label", "stated", "inferred", "total"], rows.CoverageCount,
            static (ids, r, v) => { v[0] = ids[r.Sdg]; v[1] = r.Label; v[2] = r.Stated; v[3] = r.Inferred; v[4] = r.Total; }, ids, cancellationToken);
        phases.Mark("coverage_count rows");
    }
}
