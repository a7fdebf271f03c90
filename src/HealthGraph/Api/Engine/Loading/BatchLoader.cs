using GraphQL.DataLoader;

namespace HealthGraph.Api.Engine.Loading;

/// <summary>
/// Collects the keys that resolvers ask for while graphql-dotnet walks one level of a query, then fetches them all
/// in one call the first time any of their results is awaited (graphql-dotnet awaits <see cref="IDataLoaderResult"/>s
/// only after it has queued every field of the level). Results are remembered for the rest of the request, so a key
/// is fetched at most once. The GraphQL.DataLoader package is not available to this project; graphql-dotnet's own
/// <see cref="IDataLoaderResult{T}"/> contract is what its execution strategies batch on, and this implements it.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Task<IReadOnlyDictionary<TKey, TValue>>> _batchOf = [];
    private List<TKey> _pending = [];
    private TaskCompletionSource<IReadOnlyDictionary<TKey, TValue>>? _pendingBatch;

    /// <summary>How many batches this loader has fetched (one store round trip each).</summary>
    public int BatchCount { get; private set; }

    /// <summary>The value for a key, or <paramref name="missing"/> when the fetch returned none for it.</summary>
    public IDataLoaderResult<TValue> Load(TKey key, TValue missing) => new Result(this, key, missing);

    /// <summary>The values for several keys, in the order of the keys, leaving out keys the fetch returned none for.</summary>
    public IDataLoaderResult<IReadOnlyList<TValue>> LoadMany(IEnumerable<TKey> keys) => new ManyResult(this, [.. keys]);

    private Task<IReadOnlyDictionary<TKey, TValue>> Enqueue(TKey key)
    {
        lock (_gate)
        {
            if (_batchOf.TryGetValue(key, out var known))
            {
                return known;
            }

            _pendingBatch ??= new TaskCompletionSource<IReadOnlyDictionary<TKey, TValue>>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending.Add(key);
            var task = _pendingBatch.Task;
            _batchOf[key] = task;
            return task;
        }
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        List<TKey> keys;
        TaskCompletionSource<IReadOnlyDictionary<TKey, TValue>>? batch;
        lock (_gate)
        {
            (keys, batch) = (_pending, _pendingBatch);
            (_pending, _pendingBatch) = ([], null);
            if (batch is null)
            {
                return;
            }

            BatchCount++;
        }

        try
        {
            batch.SetResult(await fetch(keys, cancellationToken));
        }
        catch (Exception exception)
        {
            batch.SetException(exception);
        }
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TKey key, TValue missing) : IDataLoaderResult<TValue>
    {
        private readonly Task<IReadOnlyDictionary<TKey, TValue>> _batch = loader.Enqueue(key);

        public async Task<TValue> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (!_batch.IsCompleted)
            {
                await loader.DispatchAsync(cancellationToken);
            }

            var values = await _batch;
            return values.TryGetValue(key, out var value) ? value : missing;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }

    private sealed class ManyResult(BatchLoader<TKey, TValue> loader, IReadOnlyList<TKey> keys) : IDataLoaderResult<IReadOnlyList<TValue>>
    {
        private readonly Task<IReadOnlyDictionary<TKey, TValue>>[] _batches = [.. keys.Select(loader.Enqueue)];

        public async Task<IReadOnlyList<TValue>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (_batches.Any(b => !b.IsCompleted))
            {
                await loader.DispatchAsync(cancellationToken);
            }

            var values = new List<TValue>(keys.Count);
            for (var i = 0; i < keys.Count; i++)
            {
                if ((await _batches[i]).TryGetValue(keys[i], out var value))
                {
                    values.Add(value);
                }
            }

            return values;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}
