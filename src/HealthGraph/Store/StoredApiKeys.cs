namespace HealthGraph.Store;

/// <summary>
/// An API key that an administrator issued, as the store keeps it: its owner's name (unique, never reused: changes are
/// recorded under it), the SHA-256 of the key (never the key), its roles and the organisations whose work it may
/// change, who issued it and when, and, once revoked, who revoked it and when. A revoked key authenticates no request.
/// </summary>
public sealed record StoredApiKey(
    string Name, string Hash, IReadOnlyList<string> Roles, IReadOnlyList<string> Organisations, DateTimeOffset CreatedAt, string CreatedBy)
{
    public DateTimeOffset? RevokedAt { get; init; }

    public string? RevokedBy { get; init; }

    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>The API keys an administrator issues, kept in the store beside the graph (both stores, one behavioural suite).</summary>
public interface IApiKeyStore
{
    /// <summary>
    /// Keeps a new key. False (and nothing written) when a key of that name exists, revoked or not: a name is never
    /// reused, since the change log records changes by it.
    /// </summary>
    Task<bool> AddApiKeyAsync(StoredApiKey key, CancellationToken cancellationToken = default);

    /// <summary>The key with this hash, revoked or not; null when there is none. By an index: a request's authentication reads it.</summary>
    Task<StoredApiKey?> FindApiKeyAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>A page of the keys, by name: the first <paramref name="first"/> after <paramref name="afterName"/> (from the start when null).</summary>
    Task<IReadOnlyList<StoredApiKey>> GetApiKeysAsync(int first, string? afterName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes the key of this name and returns it as it now is; a key already revoked keeps its first revocation. Null
    /// when there is no such key.
    /// </summary>
    Task<StoredApiKey?> RevokeApiKeyAsync(string name, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken = default);
}
