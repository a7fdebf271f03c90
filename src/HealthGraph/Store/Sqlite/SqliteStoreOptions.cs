using System.ComponentModel.DataAnnotations;

namespace HealthGraph.Store.Sqlite;

/// <summary>Settings of the embedded store (section <c>Sqlite</c>).</summary>
public sealed class SqliteStoreOptions
{
    public const string Section = "Sqlite";

    /// <summary>The database file; relative paths are resolved against the working folder. Default: data/healthgraph.db.</summary>
    [Required(ErrorMessage = "Sqlite:Path must name the database file")]
    public string Path { get; set; } = System.IO.Path.Combine("data", "healthgraph.db");

    /// <summary>
    /// How long a statement waits while another connection or process holds the write lock before the store reports
    /// itself unavailable (whole seconds). Writers of this process queue for each other without it. Default: 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Sqlite:BusyTimeout must be between 1 second and 1 hour")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
