using System.Text;
using HealthGraph.Graph;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Store.Sqlite.Schema;

/// <summary>
/// Schema version 10 (Migrations/0010_work_period.sql): every node carries its period (<see cref="WorkPeriod"/>).
/// Nodes written since carry it because every GraphNode does; those stored before get it here, in the migration's
/// transaction.
/// </summary>
internal static class WorkPeriods
{
    public const int Version = 10;

    /// <summary>Writes the period of every stored node that has a date or a year, as <see cref="WorkPeriod.Stamp"/> gives it.</summary>
    public static async Task RestampAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var dated = string.Join(" OR ", new[]
        {
            NodeProperties.Year, NodeProperties.PlannedStartDate, NodeProperties.ActualStartDate, NodeProperties.PlannedEndDate,
            NodeProperties.ActualEndDate, NodeProperties.PeriodStart,
        }.Select(p => $"json_extract(props, '$.{p}') IS NOT NULL"));
        var changed = new List<(string Id, string Props)>();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = $"SELECT id, props FROM node WHERE {dated}";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var stored = new Dictionary<string, object?>(StoredProperties.FromUtf8(Encoding.UTF8.GetBytes(reader.GetString(1))), StringComparer.Ordinal);
                var stamped = WorkPeriod.Stamp(stored);
                if (!ReferenceEquals(stamped, stored))
                {
                    changed.Add((reader.GetString(0), SqliteRows.SerializeProperties(stamped)));
                }
            }
        }

        await using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = "UPDATE node SET props = @props WHERE id = @id";
        var (id, props) = (write.Parameters.Add("@id", SqliteType.Text), write.Parameters.Add("@props", SqliteType.Text));
        foreach (var row in changed)
        {
            (id.Value, props.Value) = (row.Id, row.Props);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
