using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using HealthGraph.Store;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthGraph.Web.Transport;

/// <summary>The result cache's settings (section <c>GraphQL:ResultCache</c>).</summary>
public sealed class ResultCacheOptions
{
    public const string Section = "GraphQL:ResultCache";

    /// <summary>Keep query answers for the graph's version they were computed at. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most the kept answers may take, in bytes of JSON. Default: 64 MiB.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The largest answer kept, in bytes; larger ones are computed each time. Default: 1 MiB.</summary>
    [Range(1, int.MaxValue)]
    public int MaxEntryBytes { get; set; } = 1024 * 1024;
}

/// <summary>
/// Query answers kept for exactly one version of the graph (<see cref="IGraphVersion"/>): the key is the request's
/// document (its text or persisted id), operation, variables and caller (anonymous, or the credential's name and
/// roles, so that no caller is ever given another's answer), with the version the answer was computed at; when the
/// store reports another version, everything kept is dropped before the next answer. The answers are kept as the bytes
/// sent, within <see cref="ResultCacheOptions.MaxBytes"/> (the least recently used go first). Only answers of queries
/// that executed without an error are kept.
/// </summary>
public sealed class ResultCache(IOptions<ResultCacheOptions> options, IGraphVersion versions, ILogger<ResultCache> logger) : IDisposable
{
    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxBytes, CompactionPercentage = 0.25, TrackStatistics = true });
    private readonly Lock _versionLock = new();
    private string? _version;
    private long _hits;
    private long _misses;

    public bool Enabled => options.Value.Enabled;

    public void Dispose() => _answers.Dispose();

    /// <summary>The graph's version now (one store call); kept answers of any other version are dropped. Null: keep nothing now.</summary>
    public async Task<string?> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        var version = await versions.GetGraphVersionAsync(cancellationToken);
        if (version is not null && version != Volatile.Read(ref _version))
        {
            lock (_versionLock)
            {
                if (version != _version)
                {
                    if (_version is not null)
                    {
                        logger.LogInformation(
                            "The graph changed: {Entries} cached answers ({Bytes} bytes) dropped; {Hits} hits and {Misses} misses since the start",
                            _answers.Count, Size, Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));
                    }

                    _answers.Clear();
                    _version = version;
                }
            }
        }

        return version;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _isQuery = new(StringComparer.Ordinal);

    /// <summary>The most documents whose operation type is remembered (then the memory starts again).</summary>
    private const int RememberedDocuments = 10_000;

    /// <summary>
    /// Whether the operation a request runs is a query (only queries' answers are kept, and only for them is the graph's
    /// version read): parsed once per document and operation, so a mutation never waits for a store call of the cache.
    /// </summary>
    public bool IsQuery(string document, string? operationName)
    {
        // By hash: the memory keeps 10,000 short keys, however long the documents a client sends.
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{operationName}\u001f{document}")));
        if (_isQuery.TryGetValue(key, out var known))
        {
            return known;
        }

        bool isQuery;
        try
        {
            var operations = GraphQLParser.Parser.Parse(document).Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>().ToList();
            var operation = operationName is null ? (operations.Count == 1 ? operations[0] : null) : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
            isQuery = operation?.Operation == GraphQLParser.AST.OperationType.Query;
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
            isQuery = false; // the executor reports the syntax error
        }

        if (_isQuery.Count >= RememberedDocuments)
        {
            _isQuery.Clear();
        }

        _isQuery[key] = isQuery;
        return isQuery;
    }

    /// <summary>The key of a request's answer at <paramref name="version"/>: a hash, so that no document or variable is kept in memory twice.</summary>
    public static string Key(string version, string? document, string? documentId, string? operationName, string variables, string caller) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', version, document ?? "", documentId ?? "", operationName ?? "", variables, caller))));

    /// <summary>The kept answer for <paramref name="key"/>, if any.</summary>
    public byte[]? Find(string key)
    {
        if (_answers.TryGetValue(key, out byte[]? answer))
        {
            Interlocked.Increment(ref _hits);
            return answer;
        }

        Interlocked.Increment(ref _misses);
        return null;
    }

    /// <summary>Keeps an answer computed at <paramref name="version"/>, unless the graph has changed since or it is too large.</summary>
    public void Keep(string version, string key, byte[] answer)
    {
        if (answer.Length > options.Value.MaxEntryBytes || version != Volatile.Read(ref _version))
        {
            return;
        }

        _answers.Set(key, answer, new MemoryCacheEntryOptions { Size = answer.Length });
    }

    /// <summary>The bytes kept, as the cache counts them against its limit.</summary>
    private long Size => _answers.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>What the cache holds and how well it does, for /health and the logs.</summary>
    public IReadOnlyDictionary<string, object> Statistics()
    {
        var hits = Interlocked.Read(ref _hits);
        var misses = Interlocked.Read(ref _misses);
        return new Dictionary<string, object>
        {
            ["enabled"] = Enabled,
            ["entries"] = _answers.Count,
            ["bytes"] = Size,
            ["maxBytes"] = options.Value.MaxBytes,
            ["hits"] = hits,
            ["misses"] = misses,
            ["hitRate"] = hits + misses == 0 ? 0.0 : Math.Round((double)hits / (hits + misses), 4),
        };
    }
}

/// <summary>The result cache's size and hit rate on <c>/health</c> (always healthy: a cold cache is not a fault).</summary>
public sealed class ResultCacheHealthCheck(ResultCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(cache.Enabled ? "Query answers are kept for the graph's current version." : "Off (GraphQL:ResultCache:Enabled=false).", cache.Statistics()));
}
