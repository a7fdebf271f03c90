using System.Globalization;
using System.Text.RegularExpressions;
using HealthGraph.Cli;
using HealthGraph.Store.Sqlite;
using HealthGraph.Tests.Store;
using HealthGraph.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HealthGraph.Tests.Cli;

/// <summary><c>healthgraph backup</c> and <c>restore</c> as an operator runs them: the built executable, beside a running API.</summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("healthgraph-backup-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task BackupCopiesTheStoreWhileTheApiServesAndWrites_AndRestoreLoadsItIntoAnotherStore()
    {
        var database = Path.Combine(_folder, "graph.db");
        var backupFile = Path.Combine(_folder, "graph-backup.db");
        var restored = Path.Combine(_folder, "restored.db");
        using var api = await HealthGraphProcess.StartApiAsync(database);
        await UpsertAsync(api, "before-backup");

        var backup = await HealthGraphProcess.RunAsync("backup", "--to", backupFile, $"--Sqlite:Path={database}");
        await UpsertAsync(api, "after-backup");
        var restore = await HealthGraphProcess.RunAsync("restore", "--from", backupFile, $"--Sqlite:Path={restored}");

        Assert.True(backup.ExitCode == 0, backup.Output);
        Assert.True(restore.ExitCode == 0, restore.Output);
        using var store = new SqliteGraphStore(Options.Create(new SqliteStoreOptions { Path = restored }), TimeProvider.System);
        var statistics = await store.GetStatisticsAsync();
        var counts = $"{statistics.NodeCount:N0} nodes and {statistics.RelationshipCount:N0} relationships";
        Assert.Matches(new Regex(string.Create(CultureInfo.InvariantCulture, $@"Backed up SQLite {Regex.Escape(database)} to {Regex.Escape(backupFile)}: {counts}, [\d,]+ bytes in \d+ ms\.")), OneLine(backup.Output));
        Assert.Matches(new Regex(string.Create(CultureInfo.InvariantCulture, $@"Restored {Regex.Escape(backupFile)} .+ into SQLite {Regex.Escape(restored)}: {counts} \(before: 0 nodes and 0 relationships\) in \d+ ms\.")), OneLine(restore.Output));
        Assert.Equal(["before-backup"], (await store.GetNodesAsync(["before-backup", "after-backup"])).Select(n => n.Id));
        Assert.Equal("ok", await SqliteBackupTests.IntegrityAsync(restored));
    }

    [Theory]
    [InlineData("backup", "--to")]
    [InlineData("restore", "--from")]
    public async Task BothCommandsRefuseANeo4jStore_AndSaySo(string command, string fileOption)
    {
        var run = await HealthGraphProcess.RunAsync(
            command, fileOption, Path.Combine(_folder, "graph-backup.db"), "--HealthGraph:Store=Neo4j", "--Neo4j:Uri=http://localhost:7474");

        Assert.Equal(BackupCommands.Refused, run.ExitCode);
        Assert.Contains("The configured store is Neo4j", run.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    /// <summary>The output with its line breaks (the console wraps at 80 columns when redirected) as single spaces.</summary>
    private static string OneLine(string output) => Regex.Replace(output, @"\s+", " ");

    private static async Task UpsertAsync(HealthGraphProcess api, string id)
    {
        var json = await api.PostGraphQLAsync(
            "mutation($input: UpsertDeliverableInput!) { upsertDeliverable(input: $input) { created } }",
            new
            {
                input = new
                {
                    id,
                    agencyId = "who",
                    title = $"Deliverable {id}",
                    kind = "ACTIVITY",
                    source = new { basis = "INFERRED", reason = "Written by the backup command test." },
                },
            });
        Assert.True(json["errors"] is null, json["errors"]?.ToJsonString());
    }
}
