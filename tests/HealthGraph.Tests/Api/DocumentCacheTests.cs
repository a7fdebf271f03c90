using GraphQL;
using GraphQLParser.AST;
using HealthGraph.Api.Engine.Execution;
using Microsoft.Extensions.Options;

namespace HealthGraph.Tests.Api;

/// <summary>The document cache: a document that validated once is not parsed or validated again.</summary>
public sealed class DocumentCacheTests
{
    private static readonly GraphQLDocument s_parsed = GraphQLParser.Parser.Parse("{ statistics { entityCount } }");

    [Fact]
    public async Task ASecondRequestWithTheSameTextGetsTheValidatedDocument_AndSkipsTheValidationRules()
    {
        using var cache = new DocumentCache(Options.Create(new DocumentCacheOptions()));
        var seen = new List<(GraphQLDocument? Document, int? Rules)>();
        Task<ExecutionResult> Next(ExecutionOptions o)
        {
            seen.Add((o.Document, o.ValidationRules?.Count()));
            return Task.FromResult(new ExecutionResult { Executed = true, Document = s_parsed });
        }

        await cache.ExecuteAsync(new ExecutionOptions { Query = "{ statistics { entityCount } }" }, Next);
        await cache.ExecuteAsync(new ExecutionOptions { Query = "{ statistics { entityCount } }" }, Next);

        Assert.Null(seen[0].Document);
        Assert.Same(s_parsed, seen[1].Document);
        Assert.Equal(0, seen[1].Rules);
    }

    [Fact]
    public async Task ADocumentThatFailedValidationIsNotCached()
    {
        using var cache = new DocumentCache(Options.Create(new DocumentCacheOptions()));
        var documents = new List<GraphQLDocument?>();
        Task<ExecutionResult> Next(ExecutionOptions o)
        {
            documents.Add(o.Document);
            return Task.FromResult(new ExecutionResult { Executed = false, Document = s_parsed });
        }

        await cache.ExecuteAsync(new ExecutionOptions { Query = "{ nope }" }, Next);
        await cache.ExecuteAsync(new ExecutionOptions { Query = "{ nope }" }, Next);

        Assert.Equal([null, null], documents);
    }
}
