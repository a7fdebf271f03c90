using System.Collections.Concurrent;
using System.Reflection;

namespace HealthGraph.Store.Sqlite.Schema;

/// <summary>The store's SQL, read once from the .sql files embedded in the assembly.</summary>
internal static class SqlResources
{
    private static readonly ConcurrentDictionary<string, string> s_cache = new(StringComparer.Ordinal);
    private static readonly Assembly s_assembly = typeof(SqlResources).Assembly;

    public static string Get(string name) => s_cache.GetOrAdd(name, static n =>
    {
        using var stream = s_assembly.GetManifestResourceStream("sqlite/" + n)
            ?? throw new InvalidOperationException($"The SQL resource 'sqlite/{n}' is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The migrations in order: (version, SQL), from files named Migrations/NNNN_description.sql.</summary>
    public static IReadOnlyList<(int Version, string Sql)> Migrations { get; } =
    [
        .. s_assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("sqlite/Migrations/", StringComparison.Ordinal))
            .Select(n => n["sqlite/".Length..])
            .Select(n => (Version: int.Parse(Path.GetFileName(n)[..4], System.Globalization.CultureInfo.InvariantCulture), Sql: Get(n)))
            .OrderBy(m => m.Version),
    ];
}
