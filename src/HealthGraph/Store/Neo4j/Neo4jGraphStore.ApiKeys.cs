namespace HealthGraph.Store.Neo4j;

public sealed partial class Neo4jGraphStore : IApiKeyStore
{
    public async Task<bool> AddApiKeyAsync(StoredApiKey key, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        var result = await Client().RunInTransactionAsync(
            transaction => RunAsync(
                transaction,
                "add_api_key",
                cancellationToken,
                ("name", key.Name),
                ("hash", key.Hash),
                ("roles", key.Roles.ToArray()),
                ("organisations", key.Organisations.ToArray()),
                ("createdAt", Neo4jRows.FormatTime(key.CreatedAt)),
                ("createdBy", key.CreatedBy)),
            cancellationToken);
        return result.Rows.Single()["created"] is true;
    }

    public async Task<StoredApiKey?> FindApiKeyAsync(string hash, CancellationToken cancellationToken = default) =>
        (await ReadAsync("find_api_key", cancellationToken, ("hash", hash))).Rows.Select(r => ToKey(r["k"])).SingleOrDefault();

    public async Task<IReadOnlyList<StoredApiKey>> GetApiKeysAsync(int first, string? afterName, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        return [.. (await ReadAsync("api_keys", cancellationToken, ("first", (long)first), ("after", afterName))).Rows.Select(r => ToKey(r["k"]))];
    }

    public async Task<StoredApiKey?> RevokeApiKeyAsync(string name, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        var result = await Client().RunInTransactionAsync(
            transaction => RunAsync(transaction, "revoke_api_key", cancellationToken, ("name", name), ("at", Neo4jRows.FormatTime(at)), ("by", revokedBy)),
            cancellationToken);
        return result.Rows.Select(r => ToKey(r["k"])).SingleOrDefault();
    }

    private static StoredApiKey ToKey(object? value)
    {
        var p = ((Client.Neo4jNode)value!).Properties;
        string[] Strings(string name) => [.. Neo4jRows.List(p.GetValueOrDefault(name)).Select(Neo4jRows.Text).OfType<string>()];
        return new StoredApiKey(
            Neo4jRows.Text(p["name"])!, Neo4jRows.Text(p["hash"])!, Strings("roles"), Strings("organisations"),
            Neo4jRows.ParseTime(p["createdAt"]), Neo4jRows.Text(p["createdBy"])!)
        {
            RevokedAt = p.GetValueOrDefault("revokedAt") is { } revoked ? Neo4jRows.ParseTime(revoked) : null,
            RevokedBy = Neo4jRows.Text(p.GetValueOrDefault("revokedBy")),
        };
    }
}
