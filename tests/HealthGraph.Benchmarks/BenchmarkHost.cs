using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Transport;
using GraphQL.Types;
using HealthGraph.Cli;
using HealthGraph.Store;
using HealthGraph.Store.Sqlite;
using HealthGraph.Tests.Support;
using HealthGraph.Web;
using HealthGraph.Web.Security;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Benchmarks;

/// <summary>
/// The real API, registered by the app's own extension methods (as Program.cs does), served by Kestrel on a loopback
/// port over a copy of the given SQLite store (or a fresh one seeded like a first run), with the store wrapped in a
/// round-trip counter, rate limiting off and an editor's API key configured by its hash. Beside it, on the same
/// host, <c>POST /raw/{n}</c> answers with the bytes captured from the real endpoint for operation n: the ceiling; and
/// <c>POST /floor</c> is the least a graphql-dotnet endpoint does (read the request, parse, validate, execute against a
/// one-field schema, serialize): the floor under HealthGraph's own pipeline.
/// </summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    public const string EditorKey = "hg_benchmark-editor-key-0123456789abcdefghijklmnopq";
    public const string EditorName = "benchmark";

    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly ConcurrentDictionary<int, (byte[] Body, string ContentType)> _raw = new();

    private BenchmarkHost(WebApplication app, string folder, string? source)
    {
        _app = app;
        _folder = folder;
        Source = source ?? "a fresh store seeded with the shipped seed data";
    }

    /// <summary>What the store was copied from.</summary>
    public string Source { get; }

    public Uri Address => new(_app.Urls.First());

    public IServiceProvider Services => _app.Services;

    public CountingGraphStore Counter => _app.Services.GetRequiredService<CountingGraphStore>();

    public static async Task<BenchmarkHost> StartAsync(
        string? storePath, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        var folder = Directory.CreateTempSubdirectory("healthgraph-bench-").FullName;
        var database = Path.Combine(folder, "graph.db");
        if (storePath is not null)
        {
            CopyStore(storePath, database);
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning", // only problems between the figures
            ["Sqlite:Path"] = database,
            ["GraphQL:RateLimit:Enabled"] = "false", // one client address sends everything
            ["Auth:ApiKeys:0:Name"] = EditorName,
            ["Auth:ApiKeys:0:Hash"] = ApiKeys.Hash(EditorKey),
            ["Auth:ApiKeys:0:Roles:0"] = Roles.Editor,
            ["Auth:ApiKeys:0:Roles:1"] = Roles.Administrator,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddGraphStore();
        builder.AddSeedOnFirstRun();
        builder.AddHealthGraphWeb();
        builder.Services.AddSingleton(sp => new CountingGraphStore(sp.GetRequiredService<SqliteGraphStore>()));
        builder.Services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<CountingGraphStore>());

        var app = builder.Build();
        app.MapHealthGraphWeb();
        var host = new BenchmarkHost(app, folder, storePath);
        app.MapPost("/raw/{operation:int}", (int operation) =>
            host._raw.TryGetValue(operation, out var raw) ? Results.Bytes(raw.Body, raw.ContentType) : Results.NotFound());
        app.MapPost("/floor", FloorEndpoint());
        await app.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>graphql-dotnet with nothing around it: a schema of one field, the executor and its System.Text.Json serializer.</summary>
    private static RequestDelegate FloorEndpoint()
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<StringGraphType>("hello").Resolve(_ => "world");
        var schema = new Schema { Query = query };
        schema.Initialize();
        var executer = new DocumentExecuter();
        var serializer = new GraphQLSerializer();
        return async context =>
        {
            var request = await serializer.ReadAsync<GraphQLRequest>(context.Request.Body, context.RequestAborted);
            var result = await executer.ExecuteAsync(options =>
            {
                options.Schema = schema;
                options.Query = request?.Query;
                options.Variables = request?.Variables;
                options.OperationName = request?.OperationName;
                options.CancellationToken = context.RequestAborted;
            });
            context.Response.ContentType = "application/graphql-response+json; charset=utf-8";
            await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
        };
    }

    /// <summary>What the raw endpoint answers for operation <paramref name="operation"/>.</summary>
    public void SetRaw(int operation, byte[] body, string contentType) => _raw[operation] = (body, contentType);

    /// <summary>The request bodies of an operation, one per variant of its variables.</summary>
    public static byte[][] Bodies(Operation operation) =>
        [.. operation.Variables.Select(v => JsonSerializer.SerializeToUtf8Bytes(new { query = operation.Query, variables = v }))];

    /// <summary>A POST of operation <paramref name="index"/> with <paramref name="body"/>, to the API or to its raw twin.</summary>
    public static HttpRequestMessage Request(Operation operation, int index, byte[] body, bool raw) =>
        Request(operation, body, raw ? $"/raw/{index}" : "/graphql");

    /// <summary>A POST of <paramref name="operation"/> with <paramref name="body"/> to <paramref name="path"/>.</summary>
    public static HttpRequestMessage Request(Operation operation, byte[] body, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (operation.AsEditor)
        {
            request.Headers.Add(ApiKeyAuthenticationHandler.Header, EditorKey);
        }

        return request;
    }

    /// <summary>Copies a store with SQLite's backup API (the committed state, WAL included), so the run never alters it.</summary>
    private static void CopyStore(string storePath, string database)
    {
        if (!File.Exists(storePath))
        {
            throw new FileNotFoundException($"--store: {storePath} does not exist.", storePath);
        }

        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = storePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
