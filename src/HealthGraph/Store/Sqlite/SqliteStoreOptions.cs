using System.ComponentModel.DataAnnotations;

namespace HealthGraph.Store.Sqlite;

/// <summary>Settings of the embedded store (section <c>Sqlite</c>).</summary>
public sealed class SqliteStoreOptions
{
    public const string Section = "Sqlite";

    /// <summary>The database file; relative paths are resolved against the working folder. Default: data/healthgraph.db.</summary>
    [Required(ErrorMessage = "Sqlite:Path must name the database file")]
    public string Path { get; set; } = System.IO.Path.Combine("data", "healthgraph.db");
}
