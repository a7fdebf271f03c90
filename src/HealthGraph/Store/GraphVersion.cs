namespace HealthGraph.Store;

/// <summary>
/// The graph's version, as the stores keep it for answers that are cached (the API's result cache, HTTP ETags): an
/// opaque value that every committed write replaces, in the same transaction, whoever writes (the API, the seed and
/// import commands in another process, another API instance on the same Neo4j, a restore). Equal versions mean the
/// same graph; a cached answer is valid for exactly one version.
/// </summary>
public interface IGraphVersion
{
    /// <summary>
    /// The graph's version now, in one cheap store call; null while a bulk load or a rebuild is half-way (its
    /// batches are many transactions), when nothing read should be kept.
    /// </summary>
    Task<string?> GetGraphVersionAsync(CancellationToken cancellationToken = default);
}
