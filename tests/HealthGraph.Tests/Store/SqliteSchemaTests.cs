using HealthGraph.Store.Sqlite;
using HealthGraph.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Tests.Store;

/// <summary>The embedded store's file: WAL mode, versioned schema, refusal of a newer schema.</summary>
public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TemporaryStore _temporary = new();

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task AFreshFileIsCreatedInWalModeAtTheCurrentSchemaVersion()
    {
        await _temporary.Store.InitializeAsync();

        Assert.Equal("wal", await PragmaAsync("journal_mode"));
        Assert.Equal(SqliteGraphStore.SchemaVersion, Convert.ToInt32(await PragmaAsync("user_version"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(SqliteGraphStore.SchemaVersion >= 1);
    }

    [Fact]
    public async Task AFileWithANewerSchemaIsRefusedWithAMessageThatSaysSo()
    {
        await _temporary.Store.InitializeAsync();
        await PragmaAsync($"user_version = {SqliteGraphStore.SchemaVersion + 1}");
        using var later = new TemporaryStoreAt(_temporary.Store.DatabasePath);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => later.Store.InitializeAsync());

        Assert.Contains($"version {SqliteGraphStore.SchemaVersion + 1}, newer than this release", error.Message, StringComparison.Ordinal);
    }

    private async Task<string> PragmaAsync(string pragma)
    {
        await using var connection = new SqliteConnection($"Data Source={_temporary.Store.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private sealed class TemporaryStoreAt(string path) : IDisposable
    {
        public SqliteGraphStore Store { get; } = new(Microsoft.Extensions.Options.Options.Create(new SqliteStoreOptions { Path = path }), TimeProvider.System);

        public void Dispose() => Store.Dispose();
    }
}
