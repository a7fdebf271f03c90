using HealthGraph.Ingest.Seed;
using HealthGraph.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HealthGraph.Tests.Support;

/// <summary>A SQLite store in a fresh temporary folder, deleted afterwards.</summary>
public sealed class TemporaryStore : IDisposable
{
    /// <param name="clock">The store's clock (default: the system clock).</param>
    public TemporaryStore(TimeProvider? clock = null)
    {
        Folder = Directory.CreateTempSubdirectory("healthgraph-test-").FullName;
        Store = new SqliteGraphStore(
            Options.Create(new SqliteStoreOptions { Path = Path.Combine(Folder, "graph.db") }), clock ?? TimeProvider.System);
    }

    public string Folder { get; }

    public SqliteGraphStore Store { get; }

    /// <summary>A second store object over the same file, as after an upgrade or a restart: it migrates on first use. The caller disposes it.</summary>
    public SqliteGraphStore Reopen() =>
        new(Options.Create(new SqliteStoreOptions { Path = Store.DatabasePath }), TimeProvider.System);

    /// <summary>The seed data shipped with HealthGraph (copied beside the test binaries by the build).</summary>
    public static string SeedDirectory => Seeder.DefaultDirectory;

    public async Task<SeedResult> SeedAsync(string? directory = null) =>
        await new Seeder(Store).SeedAsync(directory ?? SeedDirectory);

    /// <summary>A writable copy of the shipped seed folder, for tests that break it on purpose.</summary>
    public string CopyOfSeed()
    {
        var target = Path.Combine(Folder, "seed");
        foreach (var file in Directory.EnumerateFiles(SeedDirectory, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(SeedDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    public void Dispose()
    {
        Store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>A store loaded with the shipped seed data once per test class.</summary>
public sealed class SeededStore : IAsyncLifetime, IDisposable
{
    private readonly TemporaryStore _temporary = new();

    public SqliteGraphStore Store => _temporary.Store;

    public SeedResult Seed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Seed = await _temporary.SeedAsync();
        Assert.True(Seed.IsValid, string.Join(Environment.NewLine, Seed.Problems));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temporary.Dispose();
}
