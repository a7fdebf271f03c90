using GraphQL;
using GraphQL.DI;
using HealthGraph.Store;

namespace HealthGraph.Api.Engine.Execution;

/// <summary>
/// Wraps each GraphQL request's execution in the store's request scope (<see cref="IGraphStore.BeginRequest"/>), so
/// the request's store calls (root fields, batch loaders, mutations) share what the store holds for one request: for
/// the SQLite store one connection, taken from its pool once per request instead of once per call.
/// </summary>
public sealed class StoreRequestScope(IGraphStore store) : IConfigureExecution
{
    /// <summary>Runs after the document cache, closest to execution.</summary>
    public float SortOrder => 300;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        using var scope = store.BeginRequest();
        return await next(options);
    }
}
