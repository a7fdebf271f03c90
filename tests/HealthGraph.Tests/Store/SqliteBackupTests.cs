using System.Security.Cryptography;
using System.Text.Json;
using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Store.Sqlite;
using HealthGraph.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Tests.Store;

/// <summary>Backup and restore of the embedded store: online copies, all-or-nothing restores, and what a restore refuses.</summary>
public sealed class SqliteBackupTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);
    private readonly TemporaryStore _temporary = new();

    private SqliteGraphStore Store => _temporary.Store;

    private string BackupFile => Path.Combine(_temporary.Folder, "backups", "graph-backup.db");

    public async Task InitializeAsync()
    {
        var seed = await _temporary.SeedAsync();
        Assert.True(seed.IsValid, string.Join(Environment.NewLine, seed.Problems));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task ARestoredBackupBringsBackTheGraphExactlyAsItWasBackedUp()
    {
        var backup = await Store.BackupAsync(BackupFile);
        var backedUp = await SnapshotAsync(Store);

        // Afterwards: a new deliverable, an edited one, a removed theme link, and a second load that changes a title.
        await Store.ApplyAsync(new GraphChange("alice", "upsertDeliverable", "who-after-backup",
            [GraphNode.Create("who-after-backup", NodeLabels.Deliverable, "Written after the backup", Provenance.Inferred("Written by the test."), ("kind", "ACTIVITY"))],
            [new GraphRelationship(RelationshipTypes.Delivers, "who", "who-after-backup", GraphRelationship.NoProperties, Provenance.Inferred("Written by the test."))],
            [new RelationshipRemoval("who-jar-2017", RelationshipTypes.HasTheme, Direction.Outgoing)]));
        var seed = _temporary.CopyOfSeed();
        var deliverables = Path.Combine(seed, "deliverables.json");
        await File.WriteAllTextAsync(deliverables, (await File.ReadAllTextAsync(deliverables)).Replace("at the Joint Annual Review JAR 2017\"", "at the JAR 2017\"", StringComparison.Ordinal));
        Assert.True((await _temporary.SeedAsync(seed)).Report!.ChangedAnything);
        Assert.NotEqual(backedUp, await SnapshotAsync(Store));

        var restore = await Store.RestoreAsync(BackupFile);

        Assert.Equal(backedUp, await SnapshotAsync(Store));
        Assert.Empty(await Store.GetNodesAsync(["who-after-backup"]));
        Assert.Empty(await Store.GetChangesAsync(10));
        Assert.Contains(await Store.SearchAsync(new SearchQuery("Joint Annual Review")), h => h.Node.Id == "who-jar-2017");
        Assert.Equal((backup.Statistics.NodeCount, backup.Statistics.RelationshipCount), (restore.After.NodeCount, restore.After.RelationshipCount));
        Assert.Equal(backup.Statistics.NodeCount + 1, restore.Before.NodeCount);
        Assert.Equal((SqliteGraphStore.SchemaVersion, new FileInfo(BackupFile).Length), (restore.FileSchemaVersion, restore.Bytes));
        Assert.Equal("ok", await IntegrityAsync(Store.DatabasePath));
    }

    [Fact]
    public async Task ABackupIsOneSelfContainedFile_WithTheCountsItHolds()
    {
        var statistics = await Store.GetStatisticsAsync();

        var backup = await Store.BackupAsync(BackupFile);

        Assert.Equal(statistics, backup.Statistics, StatisticsComparer.Instance);
        Assert.Equal(new FileInfo(BackupFile).Length, backup.Bytes);
        Assert.Equal(["graph-backup.db"], Directory.GetFiles(Path.GetDirectoryName(BackupFile)!).Select(Path.GetFileName));
        Assert.Equal("delete", await PragmaAsync(BackupFile, "journal_mode"));
        Assert.Equal("ok", await IntegrityAsync(BackupFile));
    }

    [Fact]
    public async Task ABackupCompletesWhileAnotherConnectionHoldsAnOpenReadTransaction()
    {
        await using var reader = await OpenAsync(Store.DatabasePath);
        await using var transaction = reader.BeginTransaction(deferred: true);
        var nodesSeenByReader = (long)(await ScalarAsync(reader, "SELECT COUNT(*) FROM node", transaction))!;

        var backup = await Store.BackupAsync(BackupFile).WaitAsync(s_patience);

        Assert.Equal(nodesSeenByReader, backup.Statistics.NodeCount);
        Assert.Equal(nodesSeenByReader, (long)(await ScalarAsync(reader, "SELECT COUNT(*) FROM node", transaction))!);
        Assert.Equal("ok", await IntegrityAsync(BackupFile));
    }

    [Fact]
    public async Task ABackupTakenDuringAnUncommittedWriteHoldsOnlyCommittedData()
    {
        var committed = await Store.GetStatisticsAsync();
        await using var writer = await OpenAsync(Store.DatabasePath);
        await using var transaction = (SqliteTransaction)await writer.BeginTransactionAsync();
        await using (var insert = writer.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO node (id, label, name, props, basis, reason, created_at, updated_at, updated_by)
                VALUES ('uncommitted', 'Theme', 'Not yet committed', '{}', 'INFERRED', 'Written by the test.', '2025-01-01', '2025-01-01', 'test')
                """;
            await insert.ExecuteNonQueryAsync();
        }

        var backup = await Store.BackupAsync(BackupFile).WaitAsync(s_patience);
        await transaction.CommitAsync();

        Assert.Equal(committed.NodeCount, backup.Statistics.NodeCount);
        Assert.Equal(committed.NodeCount + 1, (await Store.GetStatisticsAsync()).NodeCount);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "missing", "the file does not exist" },
        { "text", "it is not a SQLite database" },
        { "other-sqlite", "it is not a HealthGraph database" },
        { "newer", $"its schema is version {SqliteGraphStore.SchemaVersion + 1}, newer than this release of HealthGraph understands" },
        { "corrupt", "it fails PRAGMA integrity_check" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ARestoreRefusesABadFile_NamingTheFileAndWhy_AndLeavesTheStoreUntouched(string kind, string reason)
    {
        var file = await BadBackupAsync(kind);
        var statistics = await Store.GetStatisticsAsync();
        SqliteConnection.ClearAllPools();
        var before = StoreFolderFingerprint();

        var refusal = await Assert.ThrowsAsync<BackupRefusedException>(() => Store.RestoreAsync(file));

        Assert.StartsWith($"Cannot restore {file}: {reason}", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before, StoreFolderFingerprint());
        Assert.Equal(statistics, await Store.GetStatisticsAsync(), StatisticsComparer.Instance);
    }

    /// <summary>A file a restore must refuse, of the given kind, outside the store's folder.</summary>
    private async Task<string> BadBackupAsync(string kind)
    {
        var file = BackupFile;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        switch (kind)
        {
            case "missing":
                break;
            case "text":
                await File.WriteAllTextAsync(file, "id,label\nwho,Organization\n");
                break;
            case "other-sqlite":
                await ExecuteAsync(file, "CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoice VALUES (1, 9.5);");
                break;
            case "newer":
                await Store.BackupAsync(file);
                await ExecuteAsync(file, $"PRAGMA user_version = {SqliteGraphStore.SchemaVersion + 1};");
                break;
            case "corrupt":
                // The index on node(source) is declared to be on node(name): its entries no longer match the table.
                await Store.BackupAsync(file);
                await ExecuteAsync(file, """
                    PRAGMA writable_schema = ON;
                    UPDATE sqlite_schema SET sql = 'CREATE INDEX node_by_source ON node (name)' WHERE name = 'node_by_source';
                    """);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        SqliteConnection.ClearAllPools();
        return file;
    }

    /// <summary>The names and SHA-256 of the files in the store's folder (the database and any -wal/-shm beside it).</summary>
    private string StoreFolderFingerprint() => string.Join(
        Environment.NewLine,
        Directory.GetFiles(Path.GetDirectoryName(Store.DatabasePath)!)
            .Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetFileName(f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));

    /// <summary>What a user can read from the store: statistics, some nodes and relationships of each kind, and the change log.</summary>
    internal static async Task<string> SnapshotAsync(IGraphStore store)
    {
        string[] ids = ["who", "ilo", "who-jar-2017", "uhcp-er-national-health-plans", "sdg-target-8.3", "health-financing"];
        var statistics = await store.GetStatisticsAsync();
        var nodes = await store.GetNodesAsync(ids);
        var relationships = new List<GraphRelationship>();
        foreach (var type in new[] { RelationshipTypes.Delivers, RelationshipTypes.HasTheme, RelationshipTypes.AlignsWith, RelationshipTypes.Serves })
        {
            relationships.AddRange(await store.GetRelationshipsAsync(ids, type, Direction.Outgoing));
        }

        Assert.NotEmpty(relationships);
        return JsonSerializer.Serialize(new
        {
            statistics.NodesByLabel,
            statistics.RelationshipsByType,
            Nodes = nodes.OrderBy(n => n.Id, StringComparer.Ordinal),
            relationships,
            Changes = await store.GetChangesAsync(100),
        });
    }

    internal static async Task<string> IntegrityAsync(string file) => await PragmaAsync(file, "integrity_check");

    private static async Task<string> PragmaAsync(string file, string pragma)
    {
        await using var connection = await OpenAsync(file);
        return Convert.ToString(await ScalarAsync(connection, $"PRAGMA {pragma};"), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = await OpenAsync(file);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<SqliteConnection> OpenAsync(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Statistics compared by their counts (the dictionaries are not equal by reference).</summary>
    private sealed class StatisticsComparer : IEqualityComparer<GraphStatistics>
    {
        public static StatisticsComparer Instance { get; } = new();

        public bool Equals(GraphStatistics? x, GraphStatistics? y) =>
            x is not null && y is not null
            && x.NodesByLabel.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(y.NodesByLabel.OrderBy(p => p.Key, StringComparer.Ordinal))
            && x.RelationshipsByType.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(y.RelationshipsByType.OrderBy(p => p.Key, StringComparer.Ordinal));

        public int GetHashCode(GraphStatistics obj) => obj.NodeCount.GetHashCode();
    }
}
