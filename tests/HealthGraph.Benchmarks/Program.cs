using System.CommandLine;
using System.Globalization;
using HealthGraph.Benchmarks;

// `http`: the API end to end over loopback HTTP beside a raw endpoint (one table); `store` / `executor`: BenchmarkDotNet
// in process; `smoke`: all of it briefly, for CI (asserts that every operation answers, nothing about time).
var store = new Option<FileInfo>("--store") { Description = "An already-seeded SQLite store to copy and measure (default: a fresh store seeded with the shipped seed data)" };
store.AcceptExistingOnly();
var duration = new Option<string>("--duration") { Description = "Measured time per cell, such as 5s or 500ms (a fifth of it, at most 1 s, warms up first)", DefaultValueFactory = _ => "5s" };
var clients = new Option<string>("--clients") { Description = "Numbers of concurrent clients, comma-separated", DefaultValueFactory = _ => "1,16,64" };
var smoke = new Option<bool>("--smoke") { Description = "A few seconds: 1 client, 0.5 s per cell" };
var only = new Option<string>("--operations") { Description = "Only these operations, comma-separated (e.g. \"node lookup,search\"; default: all five)" };

var http = new Command("http", "Throughput and p50/p99 latency over HTTP of five operations, each beside a raw endpoint answering the same bytes") { store, duration, clients, smoke, only };
http.SetAction((parse, cancellationToken) => parse.GetValue(smoke)
    ? HttpBenchmark.RunAsync(parse.GetValue(store)?.FullName, TimeSpan.FromMilliseconds(500), [1], Console.Out, cancellationToken)
    : HttpBenchmark.RunAsync(
        parse.GetValue(store)?.FullName, Duration(parse.GetValue(duration)!), Clients(parse.GetValue(clients)!), Console.Out, cancellationToken,
        parse.GetValue(only)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));

var rounds = new Option<int>("--rounds") { Description = "Rounds of the three measures, back to back", DefaultValueFactory = _ => 3 };
var pipelineClients = new Option<int>("--clients") { Description = "Concurrent clients", DefaultValueFactory = _ => 16 };
var pipeline = new Command("pipeline", "The result cache off: { __typename } against graphql-dotnet alone, and a one-row lookup against { __typename }, in alternating rounds") { store, duration, pipelineClients, rounds };
pipeline.SetAction((parse, cancellationToken) => PipelineBenchmark.RunAsync(
    parse.GetValue(store)?.FullName, Duration(parse.GetValue(duration)!), parse.GetValue(pipelineClients), parse.GetValue(rounds), Console.Out, cancellationToken));

var storeCommand = new Command("store", "BenchmarkDotNet: the store calls behind the five operations, in process") { store, smoke };
storeCommand.SetAction(parse => RunBenchmarksAsync<StoreBenchmarks>(parse.GetValue(store), parse.GetValue(smoke)));

var executor = new Command("executor", "BenchmarkDotNet: the five operations through graphql-dotnet's executor, in process") { store, smoke };
executor.SetAction(parse => RunBenchmarksAsync<ExecutorBenchmarks>(parse.GetValue(store), parse.GetValue(smoke)));

var requests = new Option<int>("--requests") { Description = "Requests per operation, one at a time, after a fifth as many to warm up", DefaultValueFactory = _ => 2000 };
var cpu = new Command("cpu", "CPU time and allocations per request of each operation through the executor, one request at a time") { store, requests, only };
cpu.SetAction(async parse =>
{
    BenchmarkSettings.StorePath = parse.GetValue(store)?.FullName;
    return await ExecutorCpu.RunAsync(
        parse.GetValue(requests), parse.GetValue(only)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Console.Out);
});

var smokeCommand = new Command("smoke", "CI: every operation over HTTP (1 client, 0.5 s per cell), a 200-row workbook import and every in-process benchmark once") { store };
smokeCommand.SetAction(async (parse, cancellationToken) =>
{
    var status = await HttpBenchmark.RunAsync(parse.GetValue(store)?.FullName, TimeSpan.FromMilliseconds(500), [1], Console.Out, cancellationToken);
    status = status != 0 ? status : await WorkbookBenchmark.RunAsync(200, Console.Out, cancellationToken);
    return status != 0 ? status : await RunBenchmarksAsync<StoreBenchmarks>(parse.GetValue(store), smoke: true) + await RunBenchmarksAsync<ExecutorBenchmarks>(parse.GetValue(store), smoke: true);
});

var activities = new Option<int>("--activities") { Description = "How many activities to write", DefaultValueFactory = _ => 100_000 };
var outFile = new Option<string>("--out") { Description = "The file to write", Required = true };
var randomSeed = new Option<int>("--random-seed") { Description = "The random seed: the same count and seed give the same file", DefaultValueFactory = _ => 8 };
var iatiFile = new Command("iati-file", "Write a synthetic IATI 2.03 activity file for the import benchmark (healthgraph seed import-iati)") { activities, outFile, randomSeed };
iatiFile.SetAction((parse, cancellationToken) =>
    IatiFileGenerator.WriteAsync(parse.GetValue(activities), parse.GetValue(outFile)!, parse.GetValue(randomSeed), Console.Out));

var setting = new Option<string[]>("--setting") { Description = "A setting for the API, as Key=Value (repeat it): the store, such as Sqlite:Path=/tmp/graph.db or HealthGraph:Store=Neo4j with Neo4j:Uri, Neo4j:User and Neo4j:Password", Required = true, AllowMultipleArgumentsPerToken = false };
var limits = new Command("limits", "The most expensive requests the limits admit, each on a fresh API process: price, time, answer size and peak memory") { setting };
limits.SetAction((parse, cancellationToken) =>
    LimitsBenchmark.RunAsync([.. parse.GetValue(setting)!.Select(s => "--" + s)], Console.Out, cancellationToken));

var sqlitePath = new Option<FileInfo?>("--sqlite") { Description = "A seeded SQLite store to measure (used in place; the documents only read)" };
var neo4jUri = new Option<string?>("--neo4j") { Description = "A Neo4j server holding the same graph, such as http://127.0.0.1:7474 (user neo4j)" };
var neo4jPassword = new Option<string>("--neo4j-password") { Description = "The Neo4j user's password", DefaultValueFactory = _ => "healthgraph-test" };
var neo4jMemory = new Option<string?>("--neo4j-memory") { Description = "The Neo4j server's heap and page cache, printed with the table (e.g. \"heap 1g, page cache 512m\")" };
var documentRequests = new Option<int>("--requests") { Description = "Measured requests per document, one at a time, after a fifth as many (at least 3) to warm up", DefaultValueFactory = _ => 30 };
var documentWarmUp = new Option<string>("--warm-up") { Description = "Before a store is measured, every document in turn for this long, such as 120s: a server long up has compiled its hot paths (Neo4j's JIT and query plans, the API's tiered JIT)", DefaultValueFactory = _ => "0s" };
var documents = new Command("documents", "p50/p99 of the dashboard's and explorer's shipped documents on each store, side by side") { sqlitePath, neo4jUri, neo4jPassword, neo4jMemory, documentRequests, documentWarmUp };
documents.SetAction((parse, cancellationToken) =>
{
    var stores = new List<DocumentsBenchmark.Store>();
    if (parse.GetValue(sqlitePath) is { } path)
    {
        stores.Add(new("SQLite", ["--HealthGraph:Store=Sqlite", $"--Sqlite:Path={path.FullName}"], null));
    }

    if (parse.GetValue(neo4jUri) is { } uri)
    {
        stores.Add(new("Neo4j", ["--HealthGraph:Store=Neo4j", $"--Neo4j:Uri={uri}", "--Neo4j:User=neo4j", $"--Neo4j:Password={parse.GetValue(neo4jPassword)}"], parse.GetValue(neo4jMemory)));
    }

    return stores.Count == 0
        ? Task.FromResult(Fail("documents: give --sqlite, --neo4j or both"))
        : DocumentsBenchmark.RunAsync(stores, parse.GetValue(documentRequests), Duration(parse.GetValue(documentWarmUp)!), Console.Out, cancellationToken);
});

var workbookRows = new Option<int>("--rows") { Description = "How many rows the workbook has", DefaultValueFactory = _ => 10_000 };
var workbook = new Command("workbook", "The council workbook import: a template workbook of N rows imported into a seeded SQLite store, with its time and peak memory, then re-imported") { workbookRows };
workbook.SetAction((parse, cancellationToken) => WorkbookBenchmark.RunAsync(parse.GetValue(workbookRows), Console.Out, cancellationToken));

var root = new RootCommand("HealthGraph benchmarks") { http, pipeline, storeCommand, executor, cpu, smokeCommand, iatiFile, limits, documents, workbook };
return await root.Parse(args).InvokeAsync();

static async Task<int> RunBenchmarksAsync<T>(FileInfo? store, bool smoke)
    where T : new()
{
    BenchmarkSettings.StorePath = store?.FullName;
    if (smoke)
    {
        await BenchmarkSettings.RunOnceAsync<T>(Console.Out);
    }
    else
    {
        BenchmarkSettings.Run<T>();
    }

    return 0;
}

static TimeSpan Duration(string text) => text.Trim() switch
{
    var t when t.EndsWith("ms", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(double.Parse(t[..^2], CultureInfo.InvariantCulture)),
    var t when t.EndsWith('s') => TimeSpan.FromSeconds(double.Parse(t[..^1], CultureInfo.InvariantCulture)),
    var t => TimeSpan.FromSeconds(double.Parse(t, CultureInfo.InvariantCulture)),
};

static int[] Clients(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture))];

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
