using System.Collections.Concurrent;
using System.Reflection;

namespace HealthGraph.Store.Neo4j;

/// <summary>The Neo4j store's Cypher, read once from the .cypher files embedded in the assembly (Cypher/*.cypher).</summary>
internal static class CypherResources
{
    private static readonly ConcurrentDictionary<string, string> s_cache = new(StringComparer.Ordinal);
    private static readonly Assembly s_assembly = typeof(CypherResources).Assembly;

    /// <summary>The statement of a file, by name without the extension, e.g. <c>partner_overlaps</c>.</summary>
    public static string Get(string name) => s_cache.GetOrAdd(name, static n =>
    {
        using var stream = s_assembly.GetManifestResourceStream($"neo4j/{n}.cypher")
            ?? throw new InvalidOperationException($"The Cypher resource 'neo4j/{n}.cypher' is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The migrations in order: (version, name), from files named Migrations/NNNN_description.cypher.</summary>
    public static IReadOnlyList<(int Version, string Name)> Migrations { get; } =
    [
        .. s_assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("neo4j/Migrations/", StringComparison.Ordinal) && n.EndsWith(".cypher", StringComparison.Ordinal))
            .Select(n => n["neo4j/".Length..^".cypher".Length])
            .Select(n => (Version: int.Parse(Path.GetFileName(n)[..4], System.Globalization.CultureInfo.InvariantCulture), Name: n))
            .OrderBy(m => m.Version),
    ];

    /// <summary>
    /// The statements of a file that holds several, separated by a ';' at the end of a line (a migration); lines
    /// that are only comments are dropped, so a part that is only comments is no statement.
    /// </summary>
    public static IReadOnlyList<string> GetStatements(string name) =>
    [
        .. Get(name)
            .Split('\n')
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Aggregate(new List<List<string>> { new() }, (parts, line) =>
            {
                var trimmed = line.TrimEnd();
                parts[^1].Add(trimmed.EndsWith(';') ? trimmed[..^1] : trimmed);
                if (trimmed.EndsWith(';'))
                {
                    parts.Add([]);
                }

                return parts;
            })
            .Select(lines => string.Join('\n', lines).Trim())
            .Where(statement => statement.Length > 0),
    ];
}
