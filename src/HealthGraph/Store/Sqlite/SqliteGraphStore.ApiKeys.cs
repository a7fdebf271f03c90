using System.Text.Json;
using Microsoft.Data.Sqlite;
using static HealthGraph.Store.Sqlite.Connections.SqliteCommands;

namespace HealthGraph.Store.Sqlite;

public sealed partial class SqliteGraphStore : IApiKeyStore
{
    private const string KeyColumns = "name, hash, roles, organisations, created_at, created_by, revoked_at, revoked_by";

    public Task<bool> AddApiKeyAsync(StoredApiKey key, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = Command(
                    connection,
                    """
                    INSERT INTO api_key (name, hash, roles, organisations, created_at, created_by)
                    VALUES (@name, @hash, @roles, @organisations, @createdAt, @createdBy)
                    ON CONFLICT (name) DO NOTHING
                    """,
                    ("@name", key.Name),
                    ("@hash", key.Hash),
                    ("@roles", SqliteRows.ToJsonArray(key.Roles)),
                    ("@organisations", SqliteRows.ToJsonArray(key.Organisations)),
                    ("@createdAt", SqliteRows.FormatTime(key.CreatedAt)),
                    ("@createdBy", key.CreatedBy));
                command.Transaction = transaction;
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            },
            cancellationToken);

    public async Task<StoredApiKey?> FindApiKeyAsync(string hash, CancellationToken cancellationToken = default) =>
        (await UseAsync(
            connection => QueryAsync(connection, $"SELECT {KeyColumns} FROM api_key WHERE hash = @hash", ReadKey, cancellationToken, ("@hash", hash)),
            cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<StoredApiKey>> GetApiKeysAsync(int first, string? afterName, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        return await UseAsync(
            connection => QueryAsync(
                connection,
                $"SELECT {KeyColumns} FROM api_key WHERE @after IS NULL OR name > @after ORDER BY name LIMIT @first",
                ReadKey,
                cancellationToken,
                ("@after", afterName),
                ("@first", first)),
            cancellationToken);
    }

    public Task<StoredApiKey?> RevokeApiKeyAsync(string name, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = Command(
                    connection,
                    $"""
                    UPDATE api_key SET revoked_at = coalesce(revoked_at, @at), revoked_by = coalesce(revoked_by, @by)
                     WHERE name = @name
                    RETURNING {KeyColumns}
                    """,
                    ("@name", name),
                    ("@at", SqliteRows.FormatTime(at)),
                    ("@by", revokedBy));
                command.Transaction = transaction;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) ? ReadKey(reader) : null;
            },
            cancellationToken);

    private static StoredApiKey ReadKey(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), JsonSerializer.Deserialize<string[]>(r.GetString(2))!, JsonSerializer.Deserialize<string[]>(r.GetString(3))!,
            SqliteRows.ReadTime(r, 4), r.GetString(5))
        {
            RevokedAt = r.IsDBNull(6) ? null : SqliteRows.ReadTime(r, 6),
            RevokedBy = r.IsDBNull(7) ? null : r.GetString(7),
        };
}
