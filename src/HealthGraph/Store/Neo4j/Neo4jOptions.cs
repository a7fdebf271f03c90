using System.ComponentModel.DataAnnotations;

namespace HealthGraph.Store.Neo4j;

/// <summary>
/// Settings of the Neo4j Query API client (section <c>Neo4j</c>). Every figure the client uses comes from here, so
/// an operator can tune retries and the circuit breaker without a rebuild; a wrong value fails at start with a
/// message that names the setting.
/// </summary>
public sealed class Neo4jOptions
{
    public const string Section = "Neo4j";

    /// <summary>Base address of the server's HTTP(S) connector, e.g. http://localhost:7474 or https://&lt;dbid&gt;.databases.neo4j.io.</summary>
    [Required(ErrorMessage = "Neo4j:Uri must be an absolute http or https URI, such as http://localhost:7474")]
    public Uri? Uri { get; set; }

    /// <summary>The database queried; it becomes a path segment of every request. Default: neo4j.</summary>
    [Required(ErrorMessage = "Neo4j:Database must name a database")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9.\\-]*$", ErrorMessage = "Neo4j:Database may hold only letters, digits, dots and dashes")]
    public string Database { get; set; } = "neo4j";

    /// <summary>User for Basic authentication; set with <see cref="Password"/>, or use <see cref="Token"/>.</summary>
    public string? User { get; set; }

    /// <summary>Password for Basic authentication.</summary>
    public string? Password { get; set; }

    /// <summary>Bearer token (from an SSO provider), sent as given; an alternative to User and Password.</summary>
    public string? Token { get; set; }

    /// <summary>Limit for one HTTP attempt (each retry gets its own). Default: 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Neo4j:Timeout must be between 10 ms and 1 hour")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long start-up waits for Neo4j to build the indexes (each look at them is a request of its own, bounded by
    /// <see cref="Timeout"/>). Default: 10 minutes, for a first start on a large database.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Neo4j:IndexWaitTimeout must be between 1 second and 1 day")]
    public TimeSpan IndexWaitTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries after a transient failure; 0 turns retrying off. Default: 3.</summary>
    [Range(0, 10, ErrorMessage = "Neo4j:MaxRetryAttempts must be between 0 and 10")]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay; it doubles on every retry, with jitter. Default: 200 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Neo4j:RetryBaseDelay must be between 0 and 1 minute")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Explicit (write) transactions this process keeps open at once; more wait their turn. Default: 4. Neo4j serves
    /// the Query API on a small pool of worker threads, and a transaction waiting for a lock holds one of them.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Neo4j:MaxConcurrentTransactions must be between 1 and 100")]
    public int MaxConcurrentTransactions { get; set; } = 4;

    /// <summary>Share of transient failures within the sampling window that opens the circuit. Default: 0.5.</summary>
    [Range(0.01, 1.0, ErrorMessage = "Neo4j:CircuitBreakerFailureRatio must be between 0.01 and 1")]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed in the sampling window before the breaker may open. Default: 10.</summary>
    [Range(2, 10_000, ErrorMessage = "Neo4j:CircuitBreakerMinimumThroughput must be between 2 and 10000")]
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Window over which the failure ratio is measured. Default: 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00", ErrorMessage = "Neo4j:CircuitBreakerSamplingDuration must be between 0.5 seconds and 1 day")]
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls at once before it lets a trial call through. Default: 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00", ErrorMessage = "Neo4j:CircuitBreakerBreakDuration must be between 0.5 seconds and 1 day")]
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Message of the check that <see cref="Uri"/> is usable.</summary>
    internal const string UriMessage = "Neo4j:Uri must be an absolute http or https URI, such as http://localhost:7474";

    /// <summary>Message of the check that exactly one way to authenticate is configured.</summary>
    internal const string CredentialsMessage =
        "Neo4j:User and Neo4j:Password (Basic authentication) or Neo4j:Token (Bearer authentication) must be set, not both";

    /// <summary>A missing Uri is reported by [Required]; this rejects relative and non-HTTP ones.</summary>
    internal static bool HasHttpUri(Neo4jOptions options) =>
        options.Uri is null
        || (options.Uri.IsAbsoluteUri && (options.Uri.Scheme == System.Uri.UriSchemeHttp || options.Uri.Scheme == System.Uri.UriSchemeHttps));

    /// <summary>Basic needs both halves; Bearer stands alone; mixing them would leave the server to guess.</summary>
    internal static bool HasOneWayToAuthenticate(Neo4jOptions options)
    {
        var basic = !string.IsNullOrEmpty(options.User) && !string.IsNullOrEmpty(options.Password);
        var partialBasic = !string.IsNullOrEmpty(options.User) || !string.IsNullOrEmpty(options.Password);
        var bearer = !string.IsNullOrEmpty(options.Token);
        return bearer ? !partialBasic : basic;
    }
}
