using System.Collections.Concurrent;
using System.Reflection;

namespace HealthGraph.Store.Neo4j;

/// <summary>The Neo4j store's Cypher, read once from the .cypher files embedded in the assembly (Cypher/*.cypher).</summary>
internal static class CypherResources
{
    private static readonly ConcurrentDictionary<string, string> s_cache = new(StringComparer.Ordinal);
    private static readonly Assembly s_assembly = typeof(CypherResources).Assembly;

    /// <summary>A line that stands for another file's statement, as a subquery's body: <c>// include: agency_links</c>.</summary>
    private const string Include = "// include: ";

    /// <summary>
    /// The statement of a file, by name without the extension, e.g. <c>partner_overlaps</c>, with each
    /// <c>// include: name</c> line replaced by that file's statement (so a rule shared by several statements, such as
    /// what an agency's work reaches, is written once and is a statement of its own that the tests run too).
    /// </summary>
    public static string Get(string name) => s_cache.GetOrAdd(name, static n =>
    {
        using var stream = s_assembly.GetManifestResourceStream($"neo4j/{n}.cypher")
            ?? throw new InvalidOperationException($"The Cypher resource 'neo4j/{n}.cypher' is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n');
        return string.Join('\n', lines.Select(line => line.TrimStart() is var trimmed && trimmed.StartsWith(Include, StringComparison.Ordinal)
            ? Get(trimmed[Include.Length..].Trim())
            : line));
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
