using HealthGraph.Store;
using Spectre.Console;

namespace HealthGraph.Cli;

/// <summary>The tables the seed commands print.</summary>
internal static class SeedCommandTables
{
    public static Table Counts(string title, IReadOnlyDictionary<string, ChangeCounts> changes, IReadOnlyDictionary<string, long> totals)
    {
        var table = new Table().Title(title).AddColumns("", "created", "updated", "unchanged", "in store");
        foreach (var column in table.Columns.Skip(1))
        {
            column.RightAligned();
        }

        foreach (var (key, total) in totals)
        {
            var c = changes.GetValueOrDefault(key) ?? new ChangeCounts(0, 0, 0);
            table.AddRow(key, CommandOutput.Number(c.Created), CommandOutput.Number(c.Updated), CommandOutput.Number(c.Unchanged), CommandOutput.Number(total));
        }

        return table;
    }
}
