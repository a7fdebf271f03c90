namespace HealthGraph.Store;

/// <summary>
/// A store's one-time set-up (schema, migrations), done when it first succeeds. Callers that come while an attempt is
/// running share it instead of queueing for attempts of their own, so a store that hangs costs one wait, not one per
/// caller; a failed attempt is forgotten, so a store that was unreachable is set up on the first call after it returns.
/// </summary>
public sealed class StoreInitialization(Func<CancellationToken, Task> initialize)
{
    private readonly Lock _lock = new();
    private Task? _attempt;
    private volatile bool _done;

    /// <summary>Completes when the set-up has succeeded (at once after the first success); throws the attempt's failure.</summary>
    /// <param name="cancellationToken">Stops this caller's wait; the shared attempt runs on for the others.</param>
    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return Task.CompletedTask;
        }

        lock (_lock)
        {
            // Started on the thread pool: its failure handler needs this lock, so it cannot clear the attempt before
            // the attempt is stored.
            _attempt ??= Task.Run(AttemptAsync, CancellationToken.None);
            return _attempt.WaitAsync(cancellationToken);
        }
    }

    private async Task AttemptAsync()
    {
        try
        {
            await initialize(CancellationToken.None);
            _done = true;
        }
        catch
        {
            lock (_lock)
            {
                _attempt = null;
            }

            throw;
        }
    }
}
