using GraphQL;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Engine.Loading;
using HealthGraph.Store;

namespace HealthGraph.Api.Engine.Execution;

/// <summary>
/// What the resolvers of one GraphQL request share: the store, the request's batch loaders, the store outage it has
/// met and the limits. Made once per request (see <see cref="ApiExtensions.AddHealthGraphApi"/>) and carried as the
/// request's <see cref="ExecutionOptions.UserContext"/>, so a field reaches it with a type test instead of a lookup in
/// the request's service scope (that scope takes a lock on every lookup, and fields of a level may resolve on several
/// threads at once). Entries a caller put in the user context are kept.
/// </summary>
public sealed class GraphRequest : Dictionary<string, object?>
{
    private static readonly Dictionary<string, object?> s_noEntries = [];

    private GraphLoaders? _loaders;

    public GraphRequest(IGraphStore store, GraphQLLimits limits, IDictionary<string, object?>? userContext = null)
        : base(userContext ?? s_noEntries, StringComparer.Ordinal)
    {
        Store = store;
        Limits = limits;
    }

    /// <summary>The store, for root fields that ask it a whole question at once.</summary>
    public IGraphStore Store { get; }

    /// <summary>The batch loaders of this request (made when a field first needs them).</summary>
    public GraphLoaders Loaders
    {
        get
        {
            if (Volatile.Read(ref _loaders) is { } loaders)
            {
                return loaders;
            }

            // Fields of one level may resolve on several threads: the first to get here makes the request's loaders.
            var made = new GraphLoaders(Store);
            return Interlocked.CompareExchange(ref _loaders, made, null) ?? made;
        }
    }

    /// <summary>The store outage this request has met, if any.</summary>
    public RequestStoreOutage Outage { get; } = new();

    /// <summary>What one request may ask (GraphQL:Limits).</summary>
    public GraphQLLimits Limits { get; }

    /// <summary>The user-context entry that holds the client's <see cref="ICostBudget"/> (set by the HTTP endpoint).</summary>
    public const string BudgetEntry = "healthgraph.budget";

    /// <summary>The request's price, once validation has priced it (0 before).</summary>
    public double Price { get; private set; }

    /// <summary>How long the client must wait before its budget covers this request's price; null when it was charged.</summary>
    public TimeSpan? RetryAfter { get; private set; }

    /// <summary>Records the request's price and charges it to the client's budget, if the request has one; false when the budget is short.</summary>
    public bool Charge(double price)
    {
        Price = price;
        RetryAfter = this.GetValueOrDefault(BudgetEntry) is ICostBudget budget ? budget.TryCharge(price) : null;
        return RetryAfter is null;
    }

    /// <summary>How big the graph is, for pricing the request before it runs (<see cref="GraphSizes"/>); empty until set.</summary>
    public GraphStatistics Sizes { get; set; } = new(new Dictionary<string, long>(), new Dictionary<string, long>());

    /// <summary>The request a field belongs to.</summary>
    public static GraphRequest Of(IResolveFieldContext context) => Of(context.UserContext);

    /// <summary>The request a user context belongs to.</summary>
    public static GraphRequest Of(IDictionary<string, object?>? userContext) =>
        userContext as GraphRequest ?? throw new InvalidOperationException(
            "The GraphQL request has no GraphRequest user context: execute it through the executor that AddHealthGraphApi registers.");
}
