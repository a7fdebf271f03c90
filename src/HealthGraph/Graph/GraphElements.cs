using System.Text.Json;

namespace HealthGraph.Graph;

/// <summary>
/// A node of the property graph. <see cref="Name"/> is the human-readable display name (title, name or statement);
/// other properties are scalars (string, long, double, bool) or lists of strings.
/// </summary>
public sealed record GraphNode(
    string Id,
    string Label,
    string Name,
    IReadOnlyDictionary<string, object?> Properties,
    Provenance Provenance,
    WriteStamp? Stamp = null)
{
    /// <summary>
    /// A node whose properties leave out nulls and empty lists (so stores hold only what is known), with ints widened
    /// to long and lists as string arrays: the one shape every writer (seed tool, API) gives stores.
    /// </summary>
    public static GraphNode Create(string id, string label, string name, Provenance provenance, params (string Key, object? Value)[] properties)
    {
        var map = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            switch (value)
            {
                case null:
                case IReadOnlyCollection<string> { Count: 0 }:
                    break;
                case int i:
                    map[key] = (long)i;
                    break;
                case IReadOnlyList<string> list:
                    map[key] = list.ToArray();
                    break;
                default:
                    map[key] = value;
                    break;
            }
        }

        return new GraphNode(id, label, name, map, provenance);
    }

    public string? GetString(string key) => Properties.TryGetValue(key, out var value) ? ToText(value) : null;

    public long? GetInt64(string key) => Properties.TryGetValue(key, out var value)
        ? value switch
        {
            long l => l,
            int i => i,
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetInt64(),
            _ => null,
        }
        : null;

    public IReadOnlyList<string> GetStrings(string key) => Properties.TryGetValue(key, out var value)
        ? value switch
        {
            IReadOnlyList<string> list => list,
            JsonElement { ValueKind: JsonValueKind.Array } e => [.. e.EnumerateArray().Select(x => x.GetString() ?? "")],
            _ => [],
        }
        : [];

    private static string? ToText(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement e => e.GetRawText(),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>When a node was created and last changed, and by whom (the seed tool writes as "seed").</summary>
public sealed record WriteStamp(DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>A directed, typed relationship; at most one per (from, type, to).</summary>
public sealed record GraphRelationship(
    string Type,
    string FromId,
    string ToId,
    IReadOnlyDictionary<string, object?> Properties,
    Provenance Provenance)
{
    public static IReadOnlyDictionary<string, object?> NoProperties { get; } = new Dictionary<string, object?>();
}

/// <summary>A whole graph to load: the output of the seed pipeline, the input of a store's loader.</summary>
public sealed record SeedGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphRelationship> Relationships);
