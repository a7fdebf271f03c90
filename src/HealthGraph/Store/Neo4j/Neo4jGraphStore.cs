using HealthGraph.Graph;
using HealthGraph.Store.Neo4j.Client;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace HealthGraph.Store.Neo4j;

/// <summary>
/// The Neo4j store: the property graph in Neo4j, over the Query API (<see cref="QueryApiClient"/>). Every node has
/// its own label and <c>:Entity</c>; relationships have their own types; both carry their provenance (see
/// <see cref="Neo4jRows"/>). Each question is one Cypher statement from an embedded .cypher file, except the node
/// lists, whose filters and orderings are composed from code-defined fragments (<see cref="Neo4jNodeQuery"/>).
/// </summary>
/// <remarks>
/// A singleton: it makes a typed <see cref="QueryApiClient"/> per operation from the factory, so the HttpClient
/// handlers rotate as the factory intends, while bookmarks and the circuit breaker live in the singleton session.
/// </remarks>
public sealed partial class Neo4jGraphStore(
    IHttpClientFactory httpClientFactory,
    ITypedHttpClientFactory<QueryApiClient> clientFactory,
    IOptions<Neo4jOptions> options,
    TimeProvider clock) : IGraphStore, IAggregateStore
{
    /// <inheritdoc />
    public string Description => $"Neo4j {options.Value.Uri}, database {options.Value.Database}";

    private readonly StoreInitialization _initialization = new(cancellationToken =>
        MigrateAsync(clientFactory.CreateClient(httpClientFactory.CreateClient(nameof(QueryApiClient))), cancellationToken));

    /// <summary>
    /// Brings the schema to <see cref="SchemaVersion"/> (each migration is idempotent, and the version is recorded) and
    /// waits for the indexes to be online. Concurrent callers share one attempt; a failed attempt (Neo4j unreachable) is
    /// tried again on the next call, so the store sets itself up when Neo4j returns, without a restart.
    /// </summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _initialization.EnsureAsync(cancellationToken);

    /// <summary>Nothing to share: every call is its own HTTP request to the Query API.</summary>
    public IDisposable BeginRequest() => NoRequestScope.Instance;

    public async Task<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        return ReadStatistics(await Client().RunAsync(QueryRequest.Read(StatisticsStatement, s_noParameters), cancellationToken));
    }

    /// <summary>
    /// How many nodes each label has and how many relationships each type has (kind: 'node' or 'relationship'), those
    /// above 0: one count per label of <see cref="NodeLabels.All"/> and per type of <see cref="RelationshipTypes.All"/>,
    /// each a single-label or single-type count that Neo4j reads from its count store (a dynamic label would scan every
    /// node), so the statistics cost the same at any size.
    /// </summary>
    internal static string StatisticsStatement { get; } = StatisticsOf(
        [.. NodeLabels.All.Select(l => ("node", l, $"MATCH (n:{l}) RETURN count(n)")),
         .. RelationshipTypes.All.Select(t => ("relationship", t, $"MATCH ()-[r:{t}]->() RETURN count(r)"))]);

    /// <summary>
    /// One subquery per count, each alone so that the planner reads it from the count store (within a UNION, or beside
    /// other columns, it scans), then one row per count above 0.
    /// </summary>
    private static string StatisticsOf(IReadOnlyList<(string Kind, string Name, string Count)> counts) =>
        string.Concat(counts.Select((c, i) => $"CALL () {{ {c.Count} AS c{i} }}\n"))
        + $"UNWIND [{string.Join(", ", counts.Select((c, i) => $"['{c.Kind}', '{c.Name}', c{i}]"))}] AS row\n"
        + "WITH row[0] AS kind, row[1] AS name, row[2] AS count\nWHERE count > 0\nRETURN kind, name, count\nORDER BY kind, name";

    private static GraphStatistics ReadStatistics(QueryResult result)
    {
        var labels = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var types = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in result.Rows)
        {
            var target = Neo4jRows.Text(row["kind"]) == "node" ? labels : types;
            target[Neo4jRows.Text(row["name"])!] = Neo4jRows.Long(row["count"]);
        }

        return new GraphStatistics(labels, types);
    }

    public async Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var result = await ReadAsync("get_nodes", cancellationToken, ("ids", ids.ToArray()));
        return [.. result.Rows.Select(r => Neo4jRows.ToNode(r["n"]))];
    }

    public async Task<IReadOnlyList<GraphRelationship>> GetRelationshipsAsync(
        IReadOnlyCollection<string> nodeIds, string type, Direction direction, CancellationToken cancellationToken = default)
    {
        if (nodeIds.Count == 0)
        {
            return [];
        }

        var result = await ReadAsync(
            direction == Direction.Outgoing ? "get_relationships_outgoing" : "get_relationships_incoming",
            cancellationToken,
            ("ids", nodeIds.ToArray()),
            ("type", type));
        return [.. result.Rows.Select(r => Neo4jRows.ToRelationship(Neo4jRows.Text(r["type"])!, Neo4jRows.Text(r["from"])!, Neo4jRows.Text(r["to"])!, r["props"]))];
    }

    public async Task<IReadOnlyDictionary<string, ItemsPage<GraphRelationship>>> GetRelatedPagesAsync(
        IReadOnlyCollection<string> nodeIds,
        string type,
        Direction direction,
        string? otherLabel,
        int first,
        string? afterId,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        if (nodeIds.Count == 0)
        {
            return new Dictionary<string, ItemsPage<GraphRelationship>>(StringComparer.Ordinal);
        }

        var result = await ReadAsync(
            direction == Direction.Outgoing ? "related_outgoing" : "related_incoming",
            cancellationToken,
            ("ids", nodeIds.ToArray()),
            ("type", type),
            ("label", otherLabel),
            ("after", afterId),
            ("take", first + 1L));
        return result.Rows.ToDictionary(
            r => Neo4jRows.Text(r["id"])!,
            r => ItemsPage.FromRows([.. Neo4jRows.List(r["page"]).Select(Neo4jRows.ToRelationship)], first, Neo4jRows.Long(r["total"])),
            StringComparer.Ordinal);
    }

    public async Task<ItemsPage<GraphNode>> GetDocumentNodesAsync(string documentId, int first, string? afterId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        var row = (await ReadAsync("document_nodes", cancellationToken, ("doc", documentId), ("after", afterId), ("take", first + 1L))).Rows.Single();
        return ItemsPage.FromRows([.. Neo4jRows.List(row["nodes"]).Select(Neo4jRows.ToNode)], first, Neo4jRows.Long(row["total"]));
    }

    public async Task<ItemsPage<GraphRelationship>> GetDocumentRelationshipsAsync(
        string documentId, int first, RelationshipKey? after, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        await InitializeAsync(cancellationToken);
        var row = (await Client().RunAsync(
            QueryRequest.Read(
                DocumentRelationshipsStatement,
                Parameters([("doc", documentId), ("type", after?.Type), ("from", after?.FromId), ("to", after?.ToId), ("take", first + 1L)])),
            cancellationToken)).Rows.Single();
        return ItemsPage.FromRows([.. Neo4jRows.List(row["relationships"]).Select(Neo4jRows.ToRelationship)], first, Neo4jRows.Long(row["total"]));
    }

    /// <summary>
    /// A page of the relationships a document states or evidences, by type, then start, then end: the first $take after
    /// ($type, $from, $to) (from the start when $type is null), and how many there are in all. Composed per type of
    /// <see cref="RelationshipTypes.All"/>, each read by its index on source (Migrations/0004_relationship_source.cypher;
    /// hinted, as the planner otherwise scans the types it thinks small), so it reads the document's relationships only.
    /// </summary>
    internal static string DocumentRelationshipsStatement { get; } = $$"""
        CALL () {
          CALL () {
        {{string.Join("\n    UNION ALL\n", RelationshipTypes.All.Select(t => $"    MATCH (a:Entity)-[r:{t}]->(b:Entity) USING INDEX r:{t}(source) WHERE r.source = $doc RETURN a, r, b"))}}
          }
          WITH a, r, b
          WHERE $type IS NULL OR type(r) > $type OR (type(r) = $type AND (a.id > $from OR (a.id = $from AND b.id > $to)))
          WITH a, r, b
          ORDER BY type(r), a.id, b.id
          LIMIT $take
          RETURN collect({from: a.id, type: type(r), to: b.id, props: properties(r)}) AS relationships
        }
        CALL () {
          CALL () {
        {{string.Join("\n    UNION ALL\n", RelationshipTypes.All.Select(t => $"    MATCH ()-[r:{t}]->() USING INDEX r:{t}(source) WHERE r.source = $doc RETURN count(r) AS n"))}}
          }
          RETURN sum(n) AS total
        }
        RETURN relationships, total
        """;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var words = SearchText.Words(query.Text);
        if (words.Count == 0 || query.First <= 0)
        {
            return [];
        }

        var result = await ReadAsync(
            "search",
            cancellationToken,
            ("query", ToLuceneQuery(words)),
            ("labels", query.Labels is { Count: > 0 } labels ? labels.ToArray() : null),
            ("first", (long)query.First));
        return
        [
            .. result.Rows.Select(r =>
            {
                var node = Neo4jRows.ToNode(r["node"]);
                return new SearchHit(node, Convert.ToDouble(r["score"], System.Globalization.CultureInfo.InvariantCulture), SearchText.Snippet(node, words));
            }),
        ];
    }

    /// <summary>
    /// A Lucene query that cannot be anything but a list of words: each a required term, the last a prefix term as it
    /// may still be being typed (+health +work*), as in the SQLite store. The words hold only letters and digits
    /// (<see cref="SearchText.Words"/>), none of which is Lucene syntax.
    /// </summary>
    internal static string ToLuceneQuery(IReadOnlyList<string> words) =>
        string.Join(' ', words.Select((w, i) => i == words.Count - 1 ? $"+{w}*" : $"+{w}"));

    private static readonly IReadOnlyDictionary<string, object?> s_noParameters = new Dictionary<string, object?>();

    private QueryApiClient Client() => clientFactory.CreateClient(httpClientFactory.CreateClient(nameof(QueryApiClient)));

    private static Dictionary<string, object?> Parameters((string Name, object? Value)[] parameters) =>
        parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

    /// <summary>Runs a read statement from a .cypher file (retryable; a cluster may serve it from a reader).</summary>
    private async Task<QueryResult> ReadAsync(string file, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await InitializeAsync(cancellationToken);
        return await Client().RunAsync(QueryRequest.Read(CypherResources.Get(file), Parameters(parameters)), cancellationToken);
    }

    /// <summary>Runs a statement from a .cypher file in an explicit transaction.</summary>
    private static Task<QueryResult> RunAsync(
        QueryApiTransaction transaction, string file, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        transaction.RunAsync(new QueryRequest(CypherResources.Get(file), Parameters(parameters)), cancellationToken);
}

/// <summary>The request scope of a store that shares nothing between a request's calls.</summary>
internal sealed class NoRequestScope : IDisposable
{
    public static NoRequestScope Instance { get; } = new();

    public void Dispose()
    {
        // Nothing was begun.
    }
}
