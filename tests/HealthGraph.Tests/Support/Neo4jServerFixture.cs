using System.Diagnostics;
using System.Text.RegularExpressions;
using HealthGraph.Ingest.Seed;
using HealthGraph.Store;
using HealthGraph.Store.Neo4j;
using HealthGraph.Store.Neo4j.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthGraph.Tests.Support;

/// <summary>
/// Every test that touches Neo4j belongs to this collection: Neo4j Community has one user database, so these tests take
/// turns on it (xunit runs a collection's classes one after another). The collection is the run's longest, so it runs
/// first and beside the others (<see cref="LongestCollectionFirst"/>), not after them. Each such class also has the trait
/// Category=Neo4j, by which CI counts the Neo4j leg's tests in the results.
/// </summary>
[CollectionDefinition(Name)]
public sealed class Neo4jTests : ICollectionFixture<Neo4jServerFixture>
{
    public const string Name = "Neo4j";

    /// <summary>The trait's name: VSTest writes a Category trait into the results as the test's category.</summary>
    public const string Category = "Category";
}

/// <summary>
/// The real Neo4j server of the test run's Neo4j leg. With <c>HEALTHGRAPH_NEO4J_URI</c> set (and
/// <c>HEALTHGRAPH_NEO4J_PASSWORD</c>, optionally <c>HEALTHGRAPH_NEO4J_USER</c>), the tests use that server; otherwise
/// they start one with <c>tests/neo4j/server start</c> (Neo4j's own server from <c>HEALTHGRAPH_NEO4J_HOME</c>, by default
/// <c>../shared/neo4j</c>) and stop it when the collection ends. No server is a failure with the reason, never a skip.
/// </summary>
/// <remarks>
/// The tests wipe the database between suites, but only a database they made their own: <see cref="ResetAsync"/> wipes
/// an empty database or one that holds <see cref="MarkerLabel"/>, and refuses any other, so pointing the tests at a
/// real database cannot destroy it.
/// </remarks>
public sealed class Neo4jServerFixture : IAsyncLifetime
{
    public const string UriVariable = "HEALTHGRAPH_NEO4J_URI";

    /// <summary>The label of the node that marks a database as the tests' own (never an <c>:Entity</c>, so no query sees it).</summary>
    public const string MarkerLabel = "HealthGraphTestDatabase";

    private Neo4jTestServer? _started;

    public Uri Uri { get; private set; } = null!;

    public string User => Settings["Neo4j:User"];

    public string Password => Settings["Neo4j:Password"];

    /// <summary>The settings that point HealthGraph at this server, as a user would give them.</summary>
    public IReadOnlyDictionary<string, string> Settings => SettingsFor(Uri);

    /// <summary>The settings that point HealthGraph at a test server at <paramref name="uri"/>.</summary>
    public static IReadOnlyDictionary<string, string> SettingsFor(Uri uri) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [GraphStoreExtensions.StoreSetting] = "Neo4j",
        ["Neo4j:Uri"] = uri.ToString(),
        ["Neo4j:User"] = Environment.GetEnvironmentVariable("HEALTHGRAPH_NEO4J_USER") ?? "neo4j",
        ["Neo4j:Password"] = Environment.GetEnvironmentVariable("HEALTHGRAPH_NEO4J_PASSWORD") ?? "healthgraph-test",
    };

    /// <summary>The same settings as command-line options (<c>--Neo4j:Uri=...</c>).</summary>
    public string[] CommandLineSettings => [.. Settings.Select(s => $"--{s.Key}={s.Value}")];

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(UriVariable) is { Length: > 0 } uri)
        {
            Uri = new Uri(uri);
            return;
        }

        _started = await Neo4jTestServer.StartAsync();
        Uri = _started.Uri;
    }

    public async Task DisposeAsync()
    {
        if (_started is not null)
        {
            await _started.StopAsync();
        }
    }

    /// <summary>A host with the Neo4j store over this server (not yet set up: the store initialises on first use).</summary>
    public IHost CreateHost(TimeProvider? clock = null, IReadOnlyDictionary<string, string>? settings = null) =>
        CreateHost(Settings, clock, settings);

    /// <summary>A host with the Neo4j store over the server <paramref name="serverSettings"/> name.</summary>
    public static IHost CreateHost(IReadOnlyDictionary<string, string> serverSettings, TimeProvider? clock = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        var configuration = serverSettings.ToDictionary(s => s.Key, s => (string?)s.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddGraphStore();
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        return builder.Build();
    }

    /// <summary>
    /// Empties the database for a suite, after checking it is the tests' own: empty, or holding the marker node (which it
    /// then writes, and which survives the wipe). Throws, wiping nothing, for a database with data and no marker.
    /// </summary>
    /// <remarks>
    /// The schema stays as the migrations leave it: the indexes, the version node when it is at this release's version
    /// (a test that set another, older or newer, has it deleted, so the next store migrates from the start), and the
    /// aggregates' lock node with its properties as a migration leaves them. So the next store does not run the
    /// migrations again, which would empty Neo4j's query-plan cache: every statement of the next seed would be planned
    /// again (measured: a seed of the shipped data in 5.5 s after a reset that deleted the version node, 2.0 s after
    /// one that keeps it; the Neo4j leg seeds about fifty times).
    /// </remarks>
    public async Task ResetAsync()
    {
        using var host = CreateHost();
        var client = host.Services.GetRequiredService<QueryApiClient>();
        var census = (await client.RunAsync(QueryRequest.Read(
            $"""
            OPTIONAL MATCH (m:{MarkerLabel}) WITH count(m) AS markers
            OPTIONAL MATCH (n) WHERE NOT n:{MarkerLabel}
            RETURN markers, count(n) AS others
            """,
            new Dictionary<string, object?>()))).Rows.Single();
        if ((long)census["markers"]! == 0)
        {
            if ((long)census["others"]! > 0)
            {
                throw new InvalidOperationException(
                    $"The Neo4j database at {Uri} holds {census["others"]} nodes and no :{MarkerLabel} node, so the tests did not create it: "
                    + "they refuse to wipe it. Point the tests at an empty database, or at one they made.");
            }

            await client.RunAsync(new QueryRequest($"CREATE (:{MarkerLabel} {{createdAt: datetime()}})", new Dictionary<string, object?>()));
        }

        await client.RunAsync(new QueryRequest(
            $$"""
            MATCH (n) WHERE NOT n:{{MarkerLabel}} AND NOT n:AggregateLock AND NOT (n:SchemaVersion AND n.version = $version)
            CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
            """,
            new Dictionary<string, object?> { ["version"] = (long)Neo4jGraphStore.SchemaVersion }));
        await client.RunAsync(new QueryRequest(
            "MATCH (l:AggregateLock) SET l = {name: l.name, version: randomUUID()}", new Dictionary<string, object?>()));
    }

    /// <summary>A wiped database loaded with the shipped seed data, and a store over it reading time from <paramref name="clock"/>.</summary>
    public async Task<Neo4jTestStore> CreateSeededStoreAsync(TimeProvider? clock = null)
    {
        await ResetAsync();
        var host = CreateHost(clock);
        try
        {
            var store = host.Services.GetRequiredService<IGraphStore>();
            var seed = await new Seeder(store).SeedAsync(Seeder.DefaultDirectory);
            Assert.True(seed.IsValid, string.Join(Environment.NewLine, seed.Problems));
            return new Neo4jTestStore(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}

/// <summary>
/// A Neo4j server the tests started with <c>tests/neo4j/server</c> (Neo4j's own server from <c>HEALTHGRAPH_NEO4J_HOME</c>,
/// by default <c>../shared/neo4j</c>), on free ports and its own folder, with the production settings of docker-compose.yml.
/// </summary>
public sealed partial class Neo4jTestServer
{
    private Neo4jTestServer(Uri uri, string folder)
    {
        Uri = uri;
        Folder = folder;
    }

    public Uri Uri { get; }

    /// <summary>The server's folder: configuration, data and logs.</summary>
    public string Folder { get; }

    /// <summary>The settings that point HealthGraph at this server.</summary>
    public IReadOnlyDictionary<string, string> Settings => Neo4jServerFixture.SettingsFor(Uri);

    /// <summary>
    /// Starts a server on a new folder, or on <paramref name="folder"/> (whose data it keeps), with compose's settings or,
    /// where <paramref name="settings"/> (KEY=VALUE) name the same, those; and waits until it answers.
    /// </summary>
    public static async Task<Neo4jTestServer> StartAsync(string? folder = null, string[]? settings = null)
    {
        string[] arguments = ["start", .. folder is null ? [] : new[] { "--dir", folder }, .. (settings ?? []).SelectMany(s => new[] { "--conf", s })];
        var (exitCode, output) = await RunScriptAsync(arguments);
        var ready = ReadyLine().Match(output);
        if (exitCode != 0 || !ready.Success)
        {
            throw new InvalidOperationException(
                $"No Neo4j server for the Neo4j leg of the tests. Set {Neo4jServerFixture.UriVariable} (and HEALTHGRAPH_NEO4J_PASSWORD) to a running "
                + "Neo4j 5.26+, or HEALTHGRAPH_NEO4J_HOME to a folder with Neo4j's start and stop scripts (default ../shared/neo4j). "
                + $"tests/neo4j/server start said (exit {exitCode}):{Environment.NewLine}{output}");
        }

        return new Neo4jTestServer(new Uri(ready.Groups["uri"].Value), ready.Groups["dir"].Value);
    }

    /// <summary>Stops the server and deletes its folder; with <paramref name="keep"/>, shuts it down cleanly and keeps the folder.</summary>
    public Task StopAsync(bool keep = false) => RunCheckedAsync(keep ? ["stop", Folder, "--keep"] : ["stop", Folder]);

    /// <summary>With the server stopped: Neo4j's <c>neo4j-admin database dump</c> of the database into <paramref name="backupFolder"/>.</summary>
    public Task DumpAsync(string backupFolder) => RunCheckedAsync(["dump", Folder, backupFolder]);

    /// <summary>With the server stopped: Neo4j's <c>neo4j-admin database load</c> from <paramref name="backupFolder"/>, replacing the database.</summary>
    public Task LoadAsync(string backupFolder) => RunCheckedAsync(["load", Folder, backupFolder]);

    private static async Task RunCheckedAsync(string[] arguments)
    {
        var (exitCode, output) = await RunScriptAsync(arguments);
        Assert.True(exitCode == 0, $"tests/neo4j/server {string.Join(' ', arguments)} failed (exit {exitCode}):{Environment.NewLine}{output}");
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryFiles.PathOf("tests", "neo4j", "server"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"^ready (?<uri>\S+) (?<pid>\d+) (?<dir>.+)$", RegexOptions.Multiline)]
    private static partial Regex ReadyLine();
}

/// <summary>A Neo4j store over the test server, in a host of its own.</summary>
public sealed class Neo4jTestStore(IHost host) : IDisposable
{
    public IGraphStore Store => host.Services.GetRequiredService<IGraphStore>();

    public IServiceProvider Services => host.Services;

    public void Dispose() => host.Dispose();
}

/// <summary>A seeded Neo4j store shared by a test class (the read-only suites).</summary>
public sealed class SeededNeo4jStore(Neo4jServerFixture server) : IAsyncLifetime, IDisposable
{
    private Neo4jTestStore? _store;

    public IGraphStore Store => _store?.Store ?? throw new InvalidOperationException("The store is not seeded yet.");

    public IServiceProvider Services => _store?.Services ?? throw new InvalidOperationException("The store is not seeded yet.");

    public async Task InitializeAsync() => _store = await server.CreateSeededStoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _store?.Dispose();
}
