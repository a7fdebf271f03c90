using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthGraph.Store.Neo4j.Client;

/// <summary>
/// The wire format: request bodies out, plain JSON (<c>application/json</c>) responses in. Plain JSON is enough for
/// our data (ids, titles, codes); the typed format is only needed to tell temporals from strings.
/// </summary>
internal static class QueryApiJson
{
    /// <summary>camelCase as the Query API spells its fields; absent options are left out rather than sent as null.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The body of an implicit or in-transaction statement (QAPI <c>query.adoc</c>).</summary>
    public static StatementBody CreateBody(QueryRequest request, IReadOnlyList<string>? bookmarks) =>
        new(
            request.Statement,
            request.Parameters,
            request.IncludeCounters ? true : null,
            bookmarks is { Count: > 0 } ? bookmarks : null,
            request.AccessMode == QueryAccessMode.Read ? "Read" : null);

    /// <summary>The parsed parts of a response we use; everything is optional because error bodies carry only <c>errors</c>.</summary>
    public sealed record Response(
        IReadOnlyList<string> Fields,
        IReadOnlyList<QueryRow> Rows,
        QueryCounters? Counters,
        IReadOnlyList<string> Bookmarks,
        string? TransactionId,
        (string Code, string Message)? Error)
    {
        /// <summary>A successful answer without a body (a rollback's).</summary>
        public static Response Empty { get; } = new([], [], null, [], null, null);
    }

    /// <summary>
    /// Nesting a response may have: an EXPLAIN or PROFILE answer carries the plan as a tree, one level per operator,
    /// deeper than System.Text.Json's default of 64 for the overlap statements.
    /// </summary>
    private static readonly JsonDocumentOptions s_responseOptions = new() { MaxDepth = 512 };

    public static Response Parse(string body) => Parse(System.Text.Encoding.UTF8.GetBytes(body));

    public static Response Parse(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body, s_responseOptions);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The Query API response is not a JSON object.");
        }

        (string, string)? error = null;
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            var first = errors[0];
            error = (StringOrEmpty(first, "code"), StringOrEmpty(first, "message"));
        }

        var fields = Array.Empty<string>();
        IReadOnlyList<QueryRow> rows = [];
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            fields = [.. data.GetProperty("fields").EnumerateArray().Select(f => f.GetString() ?? "")];
            rows = ParseRows(fields, data.GetProperty("values"));
        }

        var counters = root.TryGetProperty("counters", out var c) && c.ValueKind == JsonValueKind.Object
            ? c.Deserialize<QueryCounters>(Options)
            : null;
        IReadOnlyList<string> bookmarks = root.TryGetProperty("bookmarks", out var b) && b.ValueKind == JsonValueKind.Array
            ? [.. b.EnumerateArray().Select(x => x.GetString() ?? "")]
            : [];
        var transactionId = root.TryGetProperty("transaction", out var tx) && tx.ValueKind == JsonValueKind.Object
            && tx.TryGetProperty("id", out var id) ? id.GetString() : null;
        return new Response(fields, rows, counters, bookmarks, transactionId, error);
    }

    /// <summary>
    /// <c>data.values</c> is documented in two shapes (doc §2.3): an array of rows, each an array aligned with
    /// <c>fields</c> (QAPI <c>plain-json.adoc</c>), and, in older examples, one flat list of values. When every
    /// element is an array as long as <c>fields</c>, it is read as rows; otherwise the flat list is cut into rows of
    /// <c>fields.Count</c>. (A one-field result whose flat values are all one-element lists reads as rows; the
    /// current servers send rows.)
    /// </summary>
    private static IReadOnlyList<QueryRow> ParseRows(string[] fields, JsonElement values)
    {
        var items = values.EnumerateArray().ToList();
        if (fields.Length == 0)
        {
            return [];
        }

        if (items.All(i => i.ValueKind == JsonValueKind.Array && i.GetArrayLength() == fields.Length))
        {
            return [.. items.Select(row => new QueryRow(fields, [.. row.EnumerateArray().Select(ToValue)]))];
        }

        if (items.Count % fields.Length != 0)
        {
            throw new JsonException($"data.values holds {items.Count} values, which is not a whole number of rows of {fields.Length} fields.");
        }

        return [.. items.Chunk(fields.Length).Select(row => new QueryRow(fields, [.. row.Select(ToValue)]))];
    }

    /// <summary>
    /// Plain JSON carries no type tags, so entities are recognised by their exact shape (QAPI <c>plain-json.adoc</c>):
    /// a node has exactly elementId, labels and properties; a relationship exactly elementId, startNodeElementId,
    /// endNodeElementId, type and properties; a path is a list alternating node, relationship, node.
    /// </summary>
    private static object? ToValue(JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.TryGetInt64(out var l) ? l : (object)element.GetDouble(),
            JsonValueKind.Array => ToListOrPath(element),
            _ => ToNode(element) ?? ToRelationship(element) ?? (object)ToMap(element),
        };

    private static object ToListOrPath(JsonElement array)
    {
        var items = array.EnumerateArray().Select(ToValue).ToList();
        var isPath = items.Count >= 3 && items.Count % 2 == 1
            && items.Select((item, i) => i % 2 == 0 ? item is Neo4jNode : item is Neo4jRelationship).All(ok => ok);
        return isPath
            ? new Neo4jPath([.. items.OfType<Neo4jNode>()], [.. items.OfType<Neo4jRelationship>()])
            : items;
    }

    private static Neo4jNode? ToNode(JsonElement e) =>
        HasExactly(e, "elementId", "labels", "properties")
            ? new Neo4jNode(
                e.GetProperty("elementId").GetString() ?? "",
                [.. e.GetProperty("labels").EnumerateArray().Select(l => l.GetString() ?? "")],
                ToMap(e.GetProperty("properties")))
            : null;

    private static Neo4jRelationship? ToRelationship(JsonElement e) =>
        HasExactly(e, "elementId", "startNodeElementId", "endNodeElementId", "type", "properties")
            ? new Neo4jRelationship(
                e.GetProperty("elementId").GetString() ?? "",
                e.GetProperty("startNodeElementId").GetString() ?? "",
                e.GetProperty("endNodeElementId").GetString() ?? "",
                e.GetProperty("type").GetString() ?? "",
                ToMap(e.GetProperty("properties")))
            : null;

    private static Dictionary<string, object?> ToMap(JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value), StringComparer.Ordinal);

    private static bool HasExactly(JsonElement e, params string[] names) =>
        e.EnumerateObject().Count() == names.Length && names.All(n => e.TryGetProperty(n, out _));

    private static string StringOrEmpty(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString() ?? ""
            : "";
}

/// <summary>A statement as the Query API reads it; null members are not sent.</summary>
internal sealed record StatementBody(
    string? Statement,
    IReadOnlyDictionary<string, object?>? Parameters,
    bool? IncludeCounters,
    IReadOnlyList<string>? Bookmarks,
    string? AccessMode);
