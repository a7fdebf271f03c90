using System.Security.Claims;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using GraphQL;
using HealthGraph.Api;

namespace HealthGraph.Benchmarks;

/// <summary>
/// The five operations through graphql-dotnet's executor, in process (documents cached as in the API, per-request
/// services from a scope as in the API), without HTTP and without serializing the result.
/// </summary>
public class ExecutorBenchmarks
{
    private static readonly ClaimsPrincipal s_editor = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, BenchmarkHost.EditorName), new Claim(ClaimTypes.Role, Web.Security.Roles.Editor), new Claim(ClaimTypes.Role, Web.Security.Roles.Administrator)], "Benchmark"));

    private static readonly ClaimsPrincipal s_anonymous = new(new ClaimsIdentity());

    private BenchmarkHost _host = null!;
    private IDocumentExecuter<HealthGraphSchema> _executer = null!;
    private Inputs[][] _variables = [];
    private long _requests;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _host = await BenchmarkHost.StartAsync(BenchmarkSettings.StorePath);
        _executer = _host.Services.GetRequiredService<IDocumentExecuter<HealthGraphSchema>>();
        var serializer = _host.Services.GetRequiredService<IGraphQLTextSerializer>();
        _variables = [.. Operations.All.Select(o => o.Variables.Select(v => serializer.Deserialize<Inputs>(JsonSerializer.Serialize(v))!).ToArray())];
    }

    [GlobalCleanup]
    public async Task CleanUpAsync() => await _host.DisposeAsync();

    /// <summary>The executor's fixed cost per request: a document that needs no store and no loader.</summary>
    [Benchmark(Baseline = true, Description = "{ __typename }")]
    public async Task<ExecutionResult> Typename()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await _executer.ExecuteAsync(new ExecutionOptions { Query = "{ __typename }", RequestServices = scope.ServiceProvider, User = s_anonymous });
    }

    /// <summary>One row by its key (<see cref="Operations.OneRowLookup"/>): the least a request asks of the store.</summary>
    [Benchmark(Description = "one-row lookup")]
    public async Task<ExecutionResult> OneRowLookup()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await _executer.ExecuteAsync(new ExecutionOptions { Query = Operations.OneRowLookup.Query, RequestServices = scope.ServiceProvider, User = s_anonymous });
    }

    [Benchmark(Description = "node lookup")]
    public Task<ExecutionResult> NodeLookup() => ExecuteAsync(0);

    [Benchmark(Description = "filtered list")]
    public Task<ExecutionResult> FilteredList() => ExecuteAsync(1);

    [Benchmark(Description = "dashboard")]
    public Task<ExecutionResult> Dashboard() => ExecuteAsync(2);

    [Benchmark(Description = "search")]
    public Task<ExecutionResult> Search() => ExecuteAsync(3);

    [Benchmark(Description = "mutation")]
    public Task<ExecutionResult> Mutation() => ExecuteAsync(4);

    private async Task<ExecutionResult> ExecuteAsync(int index)
    {
        var operation = Operations.All[index];
        var variants = _variables[index];
        await using var scope = _host.Services.CreateAsyncScope();
        var result = await _executer.ExecuteAsync(new ExecutionOptions
        {
            Query = operation.Query,
            Variables = variants[Interlocked.Increment(ref _requests) % variants.Length],
            RequestServices = scope.ServiceProvider,
            User = operation.AsEditor ? s_editor : s_anonymous,
        });
        return result.Errors is { Count: > 0 } errors
            ? throw new InvalidOperationException($"{operation.Name}: {string.Join("; ", errors.Select(e => $"{e.Code}: {e.Message}"))}")
            : result;
    }
}
