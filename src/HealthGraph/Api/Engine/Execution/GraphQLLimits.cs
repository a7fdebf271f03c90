using System.ComponentModel.DataAnnotations;

namespace HealthGraph.Api.Engine.Execution;

/// <summary>
/// What one request may ask of the server (section <c>GraphQL:Limits</c>). Each limit refuses a request with its own
/// error code before any store work, except the execution timeout, which cancels store work under way.
/// </summary>
public sealed class GraphQLLimits
{
    public const string Section = "GraphQL:Limits";

    /// <summary>Nesting of selections (code QUERY_TOO_DEEP). Default 15: the deepest shipped document nests 7.</summary>
    [Range(1, 100)]
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// The most a request may cost, priced before it runs (Complexity): every entity its answer may hold (each list at
    /// the page size it asks for) plus the rows the store must read, one point per Complexity.RowsPerPoint. Code
    /// QUERY_TOO_COMPLEX. Default 250,000, half GitHub's 500,000 nodes: every shipped document and explorer view at its
    /// largest page costs less (the alignment matrix by target, 100 agencies, about 187,000 at 20,000 deliverables).
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxComplexity { get; set; } = 250_000;

    /// <summary>Aliased fields in one document, a fragment's counted at every spread (code TOO_MANY_ALIASES).</summary>
    [Range(0, 10_000)]
    public int MaxAliases { get; set; } = 50;

    /// <summary>Field selections in one document, a fragment's counted at every spread (code TOO_MANY_FIELDS).</summary>
    [Range(1, 100_000)]
    public int MaxFields { get; set; } = 1_000;

    /// <summary>Length of the query text, in characters (code QUERY_TOO_LONG).</summary>
    [Range(100, 10_000_000)]
    public int MaxDocumentLength { get; set; } = 32_768;

    /// <summary>Size of a request body, in bytes (413, code REQUEST_TOO_LARGE).</summary>
    [Range(1_024, 100_000_000)]
    public long MaxRequestBodySize { get; set; } = 262_144;

    /// <summary>The largest page a list may be asked for (first/last; code INVALID_INPUT, reason PAGE_TOO_LARGE).</summary>
    [Range(1, 10_000)]
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Ids in one lookup such as nodes(ids:) (code INVALID_INPUT, reason TOO_MANY).</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>
    /// How long one request may execute before it is answered with EXECUTION_TIMEOUT (503): the answer goes out then,
    /// whatever the work, and the store's work is stopped (SQLite interrupted, Neo4j's transaction terminated).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest answer, in bytes of JSON: a larger one is replaced by the error RESPONSE_TOO_LARGE. Default: 16 MiB.</summary>
    [Range(1_024, 1_073_741_824)]
    public int MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Requests executing at once in this process, of all clients; more wait their turn (within their own timeout).
    /// Default: 16. It bounds the threads that synchronous store work can hold, and the CPU that heavy requests share.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxConcurrentExecutions { get; set; } = 16;
}
