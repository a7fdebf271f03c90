using System.CommandLine;
using System.Globalization;
using HealthGraph.Store;
using HealthGraph.Store.Sqlite;
using Spectre.Console;

namespace HealthGraph.Cli;

/// <summary>
/// <c>healthgraph backup --to FILE</c> and <c>healthgraph restore --from FILE</c>: the embedded SQLite store, copied with
/// SQLite's online backup API while the API may be serving. The same store registration as the API and the seed tool.
/// </summary>
public static class BackupCommands
{
    /// <summary>Exit code of a backup or restore refused for its file (nothing was written).</summary>
    public const int Refused = 1;

    public static Command Backup()
    {
        var to = new Option<FileInfo>("--to") { Description = "The backup file to write (replaced if it exists)", Required = true };
        var command = new Command("backup", "Copy the embedded SQLite store to a file, online: the API may keep serving") { to };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.UnmatchedTokens, "backup", async (store, console) =>
        {
            var report = await store.BackupAsync(parse.GetValue(to)!.FullName, cancellationToken);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[green]Backed up[/] SQLite {Markup.Escape(store.DatabasePath)} to {Markup.Escape(report.File)}: {Counts(report.Statistics)}, {CommandOutput.Number(report.Bytes)} bytes in {report.Elapsed.TotalMilliseconds:F0} ms."));
        }));
        return command;
    }

    public static Command Restore()
    {
        var from = new Option<FileInfo>("--from") { Description = "The backup file to restore (written by `healthgraph backup`)", Required = true };
        var command = new Command("restore", "Replace the embedded SQLite store's graph with a backup, after checking it; all or nothing") { from };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.UnmatchedTokens, "restore", async (store, console) =>
        {
            var report = await store.RestoreAsync(parse.GetValue(from)!.FullName, cancellationToken);
            var migrated = report.FileSchemaVersion < SqliteGraphStore.SchemaVersion
                ? string.Create(CultureInfo.InvariantCulture, $", migrated to version {SqliteGraphStore.SchemaVersion}")
                : "";
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[green]Restored[/] {Markup.Escape(report.File)} ({CommandOutput.Number(report.Bytes)} bytes, schema version {report.FileSchemaVersion}{migrated}) into SQLite {Markup.Escape(store.DatabasePath)}: {Counts(report.After)} (before: {Counts(report.Before)}) in {report.Elapsed.TotalMilliseconds:F0} ms."));
        }));
        return command;
    }

    private static Task<int> RunAsync(IReadOnlyList<string> settings, string verb, Func<SqliteGraphStore, IAnsiConsole, Task> run) =>
        CommandHost.RunAsync(settings, $"The {verb} failed; the store is as it was.", async services =>
        {
            if (GraphStoreExtensions.ConfiguredStore(services.GetRequiredService<IConfiguration>()) != StoreKind.Sqlite)
            {
                return CommandOutput.Fail(
                    $"The configured store is Neo4j ({GraphStoreExtensions.StoreSetting}); `healthgraph {verb}` covers the embedded SQLite store only. " +
                    "Use Neo4j's own tools (neo4j-admin database dump / load) for a Neo4j database.",
                    Refused);
            }

            try
            {
                await run(services.GetRequiredService<SqliteGraphStore>(), AnsiConsole.Console);
                return 0;
            }
            catch (BackupRefusedException e)
            {
                return CommandOutput.Fail(e.Message, Refused);
            }
            catch (IOException e)
            {
                return CommandOutput.Fail($"The {verb} failed; the store is as it was. {e.Message}");
            }
        });

    private static string Counts(GraphStatistics statistics) =>
        $"{CommandOutput.Number(statistics.NodeCount)} nodes and {CommandOutput.Number(statistics.RelationshipCount)} relationships";
}
