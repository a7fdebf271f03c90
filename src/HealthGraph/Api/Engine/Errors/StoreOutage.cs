using GraphQL;
using GraphQL.Instrumentation;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Store;

namespace HealthGraph.Api.Engine.Errors;

/// <summary>
/// The store outage one GraphQL request has met (one per request, in its <see cref="GraphRequest"/>). The first field
/// that finds the store unavailable records it, and it is logged once; root fields that run after that in the same
/// request (mutations run one after another) fail at once instead of waiting for the store again. The next request
/// tries the store again.
/// </summary>
public sealed class RequestStoreOutage
{
    private StoreUnavailableException? _first;

    /// <summary>The first outage this request met, or null.</summary>
    public StoreUnavailableException? First => Volatile.Read(ref _first);

    /// <summary>Records an outage; true only for the first of the request.</summary>
    public bool Record(StoreUnavailableException outage) => Interlocked.CompareExchange(ref _first, outage, null) is null;
}

/// <summary>Fails a root field at once when the store was found unavailable earlier in the same request.</summary>
public sealed class StoreOutageMiddleware : IFieldMiddleware
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        var isRootField = context.ParentType == context.Schema.Query || context.ParentType == context.Schema.Mutation;
        if (isRootField && GraphRequest.Of(context).Outage.First is { } outage)
        {
            throw new StoreUnavailableException("Not tried: the store was found unavailable earlier in this request.", outage);
        }

        return next(context);
    }
}
