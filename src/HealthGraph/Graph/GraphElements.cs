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
    /// <summary>Its name: every node has one (stores order lists by it; the Neo4j store reads those lists from an index of names).</summary>
    public string Name { get; init => field = Named(Id, value); } = Named(Id, Name);

    private static string Named(string id, string name) =>
        name ?? throw new ArgumentNullException(nameof(name), $"The node '{id}' has no name: every node has one.");

    /// <summary>Its properties, with the period its dates give (<see cref="WorkPeriod.Stamp"/>).</summary>
    public IReadOnlyDictionary<string, object?> Properties { get; init => field = WorkPeriod.Stamp(value); } = WorkPeriod.Stamp(Properties);

    /// <summary>Its provenance: stated or inferred; a node is never derived (<see cref="Graph.Provenance.CanBeDerived"/>).</summary>
    public Provenance Provenance { get; init => field = Checked(Id, value); } = Checked(Id, Provenance);

    private static Provenance Checked(string id, Provenance provenance) => provenance.Basis != Basis.Derived
        ? provenance
        : throw new ArgumentException($"The node '{id}' cannot be DERIVED: only an SDG alignment is computed from codes.", nameof(provenance));

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
    /// <summary>Its provenance; DERIVED only for a type that may be derived (<see cref="Graph.Provenance.CanBeDerived"/>).</summary>
    public Provenance Provenance { get; init => field = Checked(Type, value); } = Checked(Type, Provenance);

    public static IReadOnlyDictionary<string, object?> NoProperties { get; } = new Dictionary<string, object?>();

    private static Provenance Checked(string type, Provenance provenance) => provenance.Basis != Basis.Derived || Graph.Provenance.CanBeDerived(type)
        ? provenance
        : throw new ArgumentException($"A {type} relationship cannot be DERIVED: only an SDG alignment is computed from codes.", nameof(provenance));
}

/// <summary>A whole graph to load: the output of the seed pipeline, the input of a store's loader.</summary>
public sealed record SeedGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphRelationship> Relationships)
{
    /// <summary>
    /// The rest of the graph, in parts made while the graph loads, so that a graph larger than memory (the synthetic
    /// portfolio of a million deliverables) is never held whole: a store reads them once, in order, after this graph's own
    /// nodes and relationships. A part's relationships refer to nodes of this graph, of an earlier part or of the part
    /// itself (or of the store). Where making a part fails (a problem found in it), the load fails as it would on any
    /// other error. Empty for a graph given whole.
    /// </summary>
    public IEnumerable<SeedGraph> Parts { get; init; } = [];

    /// <summary>How many <see cref="Parts"/> there will be, for progress reports; 0 when there are none.</summary>
    public int PartCount { get; init; }

    /// <summary>The ends of this graph's own relationships that are not among its own nodes, each once: what a store must already hold.</summary>
    public List<string> EndsOutside()
    {
        var own = Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        return [.. Relationships.SelectMany(r => new[] { r.FromId, r.ToId }).Where(id => !own.Contains(id)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>This graph's own nodes and relationships (as a part without parts), then each of its parts.</summary>
    public IEnumerable<SeedGraph> Sections()
    {
        yield return this with { Parts = [], PartCount = 0 };
        foreach (var part in Parts)
        {
            yield return part;
        }
    }
}
