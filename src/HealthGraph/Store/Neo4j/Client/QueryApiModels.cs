namespace HealthGraph.Store.Neo4j.Client;

/// <summary>Where a cluster routes an implicit query: readers or the leader (QAPI <c>routing.adoc</c>).</summary>
public enum QueryAccessMode
{
    Write,
    Read,
}

/// <summary>
/// One Cypher statement with its parameters. Parameters are mandatory so statements are never concatenated: that
/// keeps Neo4j's plan cache warm and injection out.
/// </summary>
public sealed record QueryRequest(string Statement, IReadOnlyDictionary<string, object?> Parameters)
{
    /// <summary><see cref="QueryAccessMode.Read"/> lets a cluster serve the query from a reader, and makes it retryable.</summary>
    public QueryAccessMode AccessMode { get; init; } = QueryAccessMode.Write;

    /// <summary>Asks the server for <see cref="QueryResult.Counters"/>.</summary>
    public bool IncludeCounters { get; init; }

    /// <summary>
    /// Marks a write safe to repeat (e.g. a MERGE by id). Only then is a write retried: after a lost response its
    /// outcome is unknown, and repeating a CREATE would duplicate data.
    /// </summary>
    public bool Idempotent { get; init; }

    /// <summary>Reads are always safe to repeat; writes only when the caller says so.</summary>
    internal bool IsRetryable => AccessMode == QueryAccessMode.Read || Idempotent;

    /// <summary>A read with the given parameters.</summary>
    public static QueryRequest Read(string statement, IReadOnlyDictionary<string, object?> parameters) =>
        new(statement, parameters) { AccessMode = QueryAccessMode.Read };
}

/// <summary>The rows of one statement, with the counters and bookmarks the server returned.</summary>
public sealed record QueryResult(
    IReadOnlyList<string> Fields,
    IReadOnlyList<QueryRow> Rows,
    QueryCounters? Counters,
    IReadOnlyList<string> Bookmarks);

/// <summary>
/// One result row. Values are plain .NET values: null, bool, long, double, string, lists, dictionaries, and
/// <see cref="Neo4jNode"/>, <see cref="Neo4jRelationship"/>, <see cref="Neo4jPath"/>. Temporal values and points
/// arrive as the strings the plain JSON format uses (ISO-8601, WKT).
/// </summary>
public sealed record QueryRow(IReadOnlyList<string> Fields, IReadOnlyList<object?> Values)
{
    /// <summary>The value of the named field.</summary>
    public object? this[string field]
    {
        get
        {
            var index = Fields.ToList().IndexOf(field);
            return index >= 0 ? Values[index] : throw new KeyNotFoundException($"The result has no field '{field}'.");
        }
    }
}

/// <summary>A node. Its element id is only stable inside one transaction, so match on our own <c>id</c> property.</summary>
public sealed record Neo4jNode(string ElementId, IReadOnlyList<string> Labels, IReadOnlyDictionary<string, object?> Properties);

/// <summary>A relationship; its direction is given by the start and end element ids.</summary>
public sealed record Neo4jRelationship(
    string ElementId,
    string StartNodeElementId,
    string EndNodeElementId,
    string Type,
    IReadOnlyDictionary<string, object?> Properties);

/// <summary>A path: nodes and the relationships between them, in order (node, rel, node, …).</summary>
public sealed record Neo4jPath(IReadOnlyList<Neo4jNode> Nodes, IReadOnlyList<Neo4jRelationship> Relationships);

/// <summary>What a statement changed (<c>includeCounters</c>, QAPI <c>query-counters.adoc</c>).</summary>
public sealed record QueryCounters
{
    public bool ContainsUpdates { get; init; }
    public int NodesCreated { get; init; }
    public int NodesDeleted { get; init; }
    public int PropertiesSet { get; init; }
    public int RelationshipsCreated { get; init; }
    public int RelationshipsDeleted { get; init; }
    public int LabelsAdded { get; init; }
    public int LabelsRemoved { get; init; }
    public int IndexesAdded { get; init; }
    public int IndexesRemoved { get; init; }
    public int ConstraintsAdded { get; init; }
    public int ConstraintsRemoved { get; init; }
    public bool ContainsSystemUpdates { get; init; }
    public int SystemUpdates { get; init; }
}
