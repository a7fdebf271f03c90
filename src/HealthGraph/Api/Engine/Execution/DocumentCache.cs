using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace HealthGraph.Api.Engine.Execution;

/// <summary>
/// Caches parsed and validated documents by their text, so a front end's repeated queries skip parsing and
/// validation. Follows graphql-dotnet's documented design for document caches (an <see cref="IConfigureExecution"/>
/// that supplies <see cref="ExecutionOptions.Document"/> and runs only the rules meant for cached documents); the
/// GraphQL.MemoryCache package that ships one is not available to this project. Only documents that passed
/// validation are cached. The cache's size is the total length of the cached texts.
/// </summary>
public sealed class DocumentCache(IOptions<DocumentCacheOptions> options) : IConfigureExecution, IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimit });

    public void Dispose() => _cache.Dispose();

    /// <summary>Runs after persisted documents have been turned into text (graphql-dotnet's handler sorts at 100).</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { } query)
        {
            return await next(options);
        }

        var cached = _cache.Get<GraphQLDocument>(query);
        if (cached is not null)
        {
            options.Document = cached;
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
        }

        var result = await next(options);
        if (cached is null && result.Executed && result.Document is not null)
        {
            _cache.Set(query, result.Document, new MemoryCacheEntryOptions { Size = query.Length });
        }

        return result;
    }
}

/// <summary>The settings of the document cache (section <c>GraphQL:DocumentCache</c>).</summary>
public sealed class DocumentCacheOptions
{
    /// <summary>The total length of cached document texts, in characters (about ten times that in memory).</summary>
    public long SizeLimit { get; set; } = 1_000_000;
}
