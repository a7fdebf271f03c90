using System.Globalization;
using HealthGraph.Graph;
using HealthGraph.Store.Neo4j.Client;

namespace HealthGraph.Store.Neo4j;

/// <summary>
/// Conversions between graph elements and Neo4j's property maps. A node stores <c>id</c>, <c>name</c>, its own
/// properties (flattened; lists as string lists), the provenance as <c>basis</c>, <c>source</c>, <c>excerpt</c>,
/// <c>reason</c>, <c>searchName</c> and <c>searchText</c> for the full-text index (the name's words and the other searched
/// properties' words, <see cref="SearchText.Normalize"/>d), and <c>createdAt</c>, <c>updatedAt</c>, <c>updatedBy</c>.
/// An own property whose name is one of those (e.g. an organization's <c>name</c>) is stored as <c>p_name</c>;
/// property names are letters and digits only, so the prefix cannot collide with another property.
/// </summary>
internal static class Neo4jRows
{
    /// <summary>The label every node of the graph has beside its own.</summary>
    public const string EntityLabel = "Entity";

    private const string OwnPrefix = "p_";

    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "id", "name", "basis", "source", "excerpt", "reason", "searchName", "searchText", "createdAt", "updatedAt", "updatedBy",
    };

    private static readonly HashSet<string> s_internalLabels = new(StringComparer.Ordinal) { EntityLabel, "ChangeLog", "ChangeLogCounter" };

    /// <summary>The key an own property is stored under.</summary>
    public static string StoredKey(string property) => s_reserved.Contains(property) ? OwnPrefix + property : property;

    /// <summary>Times are stored as round-trip ("O") text in UTC, as in the SQLite store.</summary>
    public static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(object? value) =>
        DateTimeOffset.Parse(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>A row of upsert_nodes.cypher: the id and every stored property but the write stamps.</summary>
    public static Dictionary<string, object?> NodeRow(GraphNode node)
    {
        if (s_internalLabels.Contains(node.Label))
        {
            throw new ArgumentException($"'{node.Label}' is a label the Neo4j store uses itself, not a node label.", nameof(node));
        }

        var props = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = node.Id, ["name"] = node.Name };
        AddProvenance(props, node.Provenance);
        foreach (var (key, value) in node.Properties)
        {
            if (ToParameter(value) is { } stored)
            {
                props[StoredKey(key)] = stored;
            }
        }

        foreach (var (key, value) in SearchProperties(node))
        {
            props[key] = value;
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = node.Id, ["props"] = props };
    }

    /// <summary>A row of upsert_relationships.cypher: the end ids and every stored property but the write stamps.</summary>
    public static Dictionary<string, object?> RelationshipRow(GraphRelationship relationship)
    {
        var props = new Dictionary<string, object?>(StringComparer.Ordinal);
        AddProvenance(props, relationship.Provenance);
        foreach (var (key, value) in relationship.Properties)
        {
            if (ToParameter(value) is { } stored)
            {
                props[StoredKey(key)] = stored;
            }
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["from"] = relationship.FromId,
            ["to"] = relationship.ToId,
            ["props"] = props,
        };
    }

    /// <summary>
    /// What the full-text index reads of a node: <c>searchName</c>, the name's words, and <c>searchText</c>, the words of
    /// its other searched properties (as SQLite's node_search view), each left out when it has none.
    /// </summary>
    public static IEnumerable<(string Key, string Value)> SearchProperties(GraphNode node)
    {
        var name = SearchText.Normalize(node.Name);
        if (name.Length > 0)
        {
            yield return ("searchName", name);
        }

        var text = SearchText.Normalize(string.Join(' ', SearchText.SearchedProperties.SelectMany(k => node.Properties.TryGetValue(k, out var v) ? SearchParts(v) : [])));
        if (text.Length > 0)
        {
            yield return ("searchText", text);
        }
    }

    public static GraphNode ToNode(object? value) => value switch
    {
        Neo4jNode node => ToNode(node),
        _ => throw new InvalidOperationException($"Expected a node from Neo4j, got {value?.GetType().Name ?? "null"}."),
    };

    public static GraphNode ToNode(Neo4jNode node)
    {
        var p = node.Properties;
        var label = node.Labels.FirstOrDefault(l => l != EntityLabel) ?? EntityLabel;
        WriteStamp? stamp = p.GetValueOrDefault("createdAt") is { } created && p.GetValueOrDefault("updatedAt") is { } updated
            ? new WriteStamp(ParseTime(created), ParseTime(updated), Text(p.GetValueOrDefault("updatedBy")) ?? "")
            : null;
        return new GraphNode(Text(p.GetValueOrDefault("id")) ?? "", label, Text(p.GetValueOrDefault("name")) ?? "", OwnProperties(p), ReadProvenance(p), stamp);
    }

    public static GraphRelationship ToRelationship(string type, string fromId, string toId, object? properties)
    {
        var p = properties as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
        return new GraphRelationship(type, fromId, toId, OwnProperties(p), ReadProvenance(p));
    }

    /// <summary>A relationship from a map {from, type, to, props}, as the queries return them.</summary>
    public static GraphRelationship ToRelationship(object? map)
    {
        var m = map as IReadOnlyDictionary<string, object?>
            ?? throw new InvalidOperationException("Expected a relationship map from Neo4j.");
        return ToRelationship(Text(m["type"])!, Text(m["from"])!, Text(m["to"])!, m["props"]);
    }

    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    public static long Long(object? value) => value switch
    {
        long l => l,
        double d => (long)d,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    public static bool Bool(object? value) => value is true;

    public static IReadOnlyList<string> Strings(object? value) =>
        value is IEnumerable<object?> list ? [.. list.Select(Text).OfType<string>()] : [];

    public static IReadOnlyDictionary<string, object?> Map(object? value) =>
        value as IReadOnlyDictionary<string, object?> ?? throw new InvalidOperationException("Expected a map from Neo4j.");

    public static IReadOnlyList<object?> List(object? value) => value as IReadOnlyList<object?> ?? [];

    private static void AddProvenance(Dictionary<string, object?> props, Provenance provenance)
    {
        props["basis"] = Provenance.ToCode(provenance.Basis);
        if (provenance.DocumentId is not null)
        {
            props["source"] = provenance.DocumentId;
        }

        if (provenance.Excerpt is not null)
        {
            props["excerpt"] = provenance.Excerpt;
        }

        if (provenance.Reason is not null)
        {
            props["reason"] = provenance.Reason;
        }
    }

    private static Provenance ReadProvenance(IReadOnlyDictionary<string, object?> p) => new(
        Provenance.ParseCode(Text(p.GetValueOrDefault("basis")) ?? ""),
        Text(p.GetValueOrDefault("source")),
        Text(p.GetValueOrDefault("excerpt")),
        Text(p.GetValueOrDefault("reason")));

    private static SortedDictionary<string, object?> OwnProperties(IReadOnlyDictionary<string, object?> p)
    {
        var own = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in p)
        {
            if (value is null || (s_reserved.Contains(key) && !key.StartsWith(OwnPrefix, StringComparison.Ordinal)))
            {
                continue;
            }

            var name = key.StartsWith(OwnPrefix, StringComparison.Ordinal) ? key[OwnPrefix.Length..] : key;
            own[name] = value is IEnumerable<object?> list ? list.Select(Text).OfType<string>().ToArray() : value;
        }

        return own;
    }

    /// <summary>A property value as a parameter: scalars as they are, ints widened, lists as string lists; null for nothing.</summary>
    private static object? ToParameter(object? value) => value switch
    {
        null => null,
        string or long or double or bool => value,
        int i => (long)i,
        IEnumerable<string> list => list.ToArray() is { Length: > 0 } array ? array : null,
        System.Text.Json.JsonElement e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static IEnumerable<string> SearchParts(object? value) => value switch
    {
        null => [],
        string s => [s],
        IEnumerable<string> list => list,
        _ => [Text(value) ?? ""],
    };
}
