using GraphQL.DataLoader;

namespace HealthGraph.Api.Engine.Loading;

/// <summary>
/// Chaining of loader results. A step may return another <see cref="IDataLoaderResult"/>: graphql-dotnet then keeps
/// the field pending and completes it with the next round of batches, so every sibling's second step is batched
/// together too (the execution strategies' contract for nested data loader results). A continuation attached to a
/// chain runs on its final value.
/// </summary>
public static class DataLoaderResults
{
    public static IDataLoaderResult Then<T>(this IDataLoaderResult<T> result, Func<T, object?> continuation) =>
        new Continued(result, value => continuation((T)value!));

    public static IDataLoaderResult Then(this IDataLoaderResult result, Func<object?, object?> continuation) =>
        new Continued(result, continuation);

    private sealed class Continued(IDataLoaderResult first, Func<object?, object?> continuation) : IDataLoaderResult
    {
        public async Task<object?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var value = await first.GetResultAsync(cancellationToken);
            return value is IDataLoaderResult next ? new Continued(next, continuation) : continuation(value);
        }
    }
}
