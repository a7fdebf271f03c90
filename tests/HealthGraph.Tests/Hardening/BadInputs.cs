using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HealthGraph.Tests.Hardening;

/// <summary>
/// A request the API must refuse, or answer as if its odd parts were plain data. <see cref="Code"/> and
/// <see cref="Message"/> are what the first error must say; for an answered request, <see cref="SameAs"/> is a plain
/// query whose data the response must equal (an id full of SQL answers like an id that does not exist).
/// </summary>
public sealed record BadInput(string Name, Func<HttpRequestMessage> Request, HttpStatusCode Status, string? Code = null, string? Message = null, string? SameAs = null)
{
    public override string ToString() => Name;
}

/// <summary>The bad-input battery, and builders of oversized documents for the query limits.</summary>
public static class BadInputs
{
    public const string GraphQLResponse = "application/graphql-response+json";

    private const string Sql = "who' OR '1'='1";
    private const string SqlDrop = "'; DROP TABLE node; --";
    private const string Cypher = "}) MATCH (n) DETACH DELETE n //";
    private const string PathTraversal = "../../etc/passwd";

    /// <summary>
    /// A query <paramref name="depth"/> fields deep (agency → deliverables → nodes → deliveredBy → nodes → ...), valid
    /// against the schema: it ends with id in an entity, totalCount in a connection.
    /// </summary>
    public static string DeepQuery(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 2);
        string[] cycle = ["deliverables", "nodes", "deliveredBy", "nodes"];
        var fields = new StringBuilder("""{ agency(id: "who") { """);
        var last = "agency";
        for (var level = 2; level < depth; level++)
        {
            last = cycle[(level - 2) % cycle.Length];
            fields.Append(last).Append(" { ");
        }

        fields.Append(last is "deliverables" or "deliveredBy" ? "totalCount " : "id ").AppendJoin(' ', Enumerable.Repeat('}', depth));
        return fields.ToString();
    }

    /// <summary>A query that asks for the same field under <paramref name="count"/> aliases.</summary>
    public static string ManyAliases(int count) =>
        "{ " + string.Join(' ', Enumerable.Range(0, count).Select(i => $"a{i}: statistics {{ entityCount }}")) + " }";

    /// <summary>A valid request body of about <paramref name="bytes"/> bytes, padded with a request key the transport ignores.</summary>
    public static string LargeBody(int bytes)
    {
        var prefix = """{"query":"{ statistics { entityCount } }","padding":" """.TrimEnd();
        return prefix + new string('x', Math.Max(0, bytes - prefix.Length - 2)) + "\"}";
    }

    /// <summary>The battery, by name.</summary>
    public static IReadOnlyDictionary<string, BadInput> Battery { get; } = Rows().ToDictionary(r => r.Name);

    private static IEnumerable<BadInput> Rows()
    {
        // The limits (GraphQL:Limits, at their defaults).
        yield return new("a 10 MB body", () => Post(LargeBody(10 * 1024 * 1024)), HttpStatusCode.RequestEntityTooLarge, "REQUEST_TOO_LARGE",
            "The request body is 10485760 bytes; at most 262144 are allowed");
        // Just over the limit: the server answers at the limit and closes, and a bigger body would meet a closed socket.
        yield return new("a 300 KB body without Content-Length (chunked)", () => PostChunked(LargeBody(300 * 1024)), HttpStatusCode.RequestEntityTooLarge,
            "REQUEST_TOO_LARGE", "The request body is larger than the 262144 bytes allowed");
        yield return new("a depth-200 query", () => Query(DeepQuery(200)), HttpStatusCode.BadRequest, "QUERY_TOO_DEEP", "The query nests too deeply to parse");
        yield return new("a depth-16 query", () => Query(DeepQuery(16)), HttpStatusCode.BadRequest, "QUERY_TOO_DEEP", "The query nests 16 levels deep; at most 15 are allowed");
        yield return new("10,000 aliases", () => Query(ManyAliases(10_000)), HttpStatusCode.RequestEntityTooLarge, "REQUEST_TOO_LARGE", "at most 262144 are allowed");
        yield return new("1,000 aliases", () => Query(ManyAliases(1_000)), HttpStatusCode.BadRequest, "QUERY_TOO_LONG", "at most 32768 are allowed");
        yield return new("51 aliases", () => Query(ManyAliases(51)), HttpStatusCode.BadRequest, "TOO_MANY_ALIASES", "more than the 50 aliased fields allowed");

        // The transport: body, media types, parameters.
        yield return new("malformed JSON", () => Post("""{"query": """), HttpStatusCode.BadRequest, "INVALID_JSON", "The request body is not valid JSON");
        yield return new("wrong content type (text/plain)", () => Post("""{"query":"{ statistics { entityCount } }"}""", "text/plain"),
            HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Content-Type 'text/plain' is not supported");
        yield return new("form-encoded body", () => Post("query=%7B%20statistics%20%7B%20entityCount%20%7D%20%7D", "application/x-www-form-urlencoded"),
            HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Content-Type 'application/x-www-form-urlencoded' is not supported");
        yield return new("JSON in a non-UTF-8 charset", () => Post("""{"query":"{ statistics { entityCount } }"}""", "application/json; charset=iso-8859-1"),
            HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "send the GraphQL request as application/json (UTF-8)");
        yield return new("missing content type", () => Post("""{"query":"{ statistics { entityCount } }"}""", contentType: null),
            HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "The request has no Content-Type");
        yield return new("empty body", () => Post(""), HttpStatusCode.BadRequest, "INVALID_JSON", "The request body is empty");
        yield return new("body is JSON null", () => Post("null"), HttpStatusCode.BadRequest, "BAD_REQUEST", "must be a JSON object with a 'query'");
        yield return new("body is a JSON array (a batch)", () => Post("""[{"query":"{ statistics { entityCount } }"}]"""),
            HttpStatusCode.BadRequest, "BAD_REQUEST", "must be a JSON object with a 'query'");
        yield return new("non-UTF-8 bytes after the JSON", () => PostBytes([.. """{"query":"{ statistics { entityCount } }"}"""u8, 0xFF, 0xFE]),
            HttpStatusCode.BadRequest, "INVALID_JSON", "not valid UTF-8: the byte at offset 42 (0xFF)");
        yield return new("non-UTF-8 bytes inside a JSON string", () => PostBytes([.. """{"query":"{ search(text: \"he"""u8, 0xC3, 0x28, .. """\") { snippet } }"}"""u8]),
            HttpStatusCode.BadRequest, "INVALID_JSON", "not valid UTF-8: the byte at offset 29 (0xC3)");
        yield return new("overlong UTF-8 encoding of a slash in a JSON string", () => PostBytes([.. """{"query":"{ node(id: \"."""u8, 0xC0, 0xAF, .. """\") { id } }"}"""u8]),
            HttpStatusCode.BadRequest, "INVALID_JSON", "not valid UTF-8: the byte at offset 24 (0xC0)");
        yield return new("UTF-16 body", () => PostBytes(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("""{"query":"{ statistics { entityCount } }"}""")).ToArray()),
            HttpStatusCode.BadRequest, "INVALID_JSON", "not valid UTF-8: the byte at offset 0 (0xFF)");
        yield return new("unpaired surrogate escape in a variable", () => Post("""{"query":"query($text: String!) { search(text: $text) { snippet } }","variables":{"text":"\ud800 health"}}"""),
            HttpStatusCode.BadRequest, "BAD_REQUEST", "'variables.text' is not Unicode text");
        yield return new("unpaired surrogate escape in operationName", () => Post("""{"query":"{ statistics { entityCount } }","operationName":"\udc00"}"""),
            HttpStatusCode.BadRequest, "BAD_REQUEST", "'operationName' is not Unicode text");
        yield return new("query is a number", () => Post("""{"query": 42}"""), HttpStatusCode.BadRequest, "BAD_REQUEST", "'query' must be a string, not a number");
        yield return new("query is an object", () => Post("""{"query": {"statistics": "entityCount"}}"""), HttpStatusCode.BadRequest, "BAD_REQUEST", "'query' must be a string, not an object");
        yield return new("query is an array", () => Post("""{"query": ["{ statistics { entityCount } }"]}"""), HttpStatusCode.BadRequest, "BAD_REQUEST", "'query' must be a string, not an array");
        yield return new("variables is a string", () => Post("""{"query":"{ statistics { entityCount } }","variables":"{}"}"""),
            HttpStatusCode.BadRequest, "BAD_REQUEST", "'variables' must be a JSON object, not a string");
        yield return new("variables is an array", () => Post("""{"query":"{ statistics { entityCount } }","variables":[1]}"""),
            HttpStatusCode.BadRequest, "BAD_REQUEST", "'variables' must be a JSON object, not an array");
        yield return new("operationName is a boolean", () => Post("""{"query":"{ statistics { entityCount } }","operationName":true}"""),
            HttpStatusCode.BadRequest, "BAD_REQUEST", "'operationName' must be a string, not a boolean");
        yield return new("neither query nor documentId", () => Post("""{"variables":{}}"""), HttpStatusCode.BadRequest, "QUERY_MISSING", "The request has no 'query'");
        yield return new("PUT", () => Send(HttpMethod.Put, "/graphql", """{"query":"{ statistics { entityCount } }"}"""),
            HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED", "PUT is not allowed here");
        yield return new("Accept allows neither JSON type", () => Send(HttpMethod.Post, "/graphql", """{"query":"{ statistics { entityCount } }"}""", accept: "text/csv"),
            HttpStatusCode.NotAcceptable, "NOT_ACCEPTABLE", "the Accept header allows neither");
        yield return new("GET with query twice", () => Send(HttpMethod.Get, "/graphql?query=%7B%20a%20%7D&query=%7B%20b%20%7D"),
            HttpStatusCode.BadRequest, "BAD_REQUEST", "The query string has 'query' 2 times");
        yield return new("GET with variables that are not JSON", () => Get("{ statistics { entityCount } }", variables: "{\"a\":"),
            HttpStatusCode.BadRequest, "BAD_REQUEST", "'variables' is not valid JSON");
        yield return new("GET with a mutation", () => Get("""mutation { setDeliverableStatus(input: { id: "who-hwf-strategy", status: CLOSED }) { changed } }"""),
            HttpStatusCode.MethodNotAllowed, "OPERATION_NOT_ALLOWED_OVER_GET", "Only queries can be sent with GET; send this mutation with POST");

        // The document and its variables.
        yield return new("syntax error", () => Query("{ statistics { entityCount "), HttpStatusCode.BadRequest, "SYNTAX_ERROR", "Error parsing query: Expected Name, found EOF");
        yield return new("empty document", () => Query(""), HttpStatusCode.BadRequest, "NO_OPERATION", "Document does not contain any operations");
        yield return new("variable of the wrong type (text for Int)", () => Query("query($n: Int) { deliverables(first: $n) { totalCount } }", new { n = "ten" }),
            HttpStatusCode.BadRequest, "INVALID_VALUE", "Variable '$n' is invalid. Unable to convert 'ten' to 'Int'");
        yield return new("variable beyond Int range", () => Query("query($n: Int) { deliverables(first: $n) { totalCount } }", new { n = 2147483648L }),
            HttpStatusCode.BadRequest, "INVALID_VALUE", "Unable to convert '2147483648' to 'Int'");
        yield return new("object for a String variable", () => Query("query($text: String!) { search(text: $text) { snippet } }", new { text = new { drop = "node" } }),
            HttpStatusCode.BadRequest, "INVALID_VALUE", "Variable '$text' is invalid. Unable to convert '(object)' to 'String'");
        yield return new("missing non-null variable", () => Query("query($text: String!) { search(text: $text) { snippet } }"),
            HttpStatusCode.BadRequest, "INVALID_VALUE", "No value provided for a non-null variable");
        yield return new("filter variable with an unknown operator", () => Query("query($w: DeliverableFilter) { deliverables(where: $w) { totalCount } }", new { w = new { year = new { between = new[] { 1, 2 } } } }),
            HttpStatusCode.BadRequest, "INVALID_VALUE", "Unrecognized input fields 'between' for type 'IntFilter'");
        yield return new("unknown operation name", () => Query("query A { statistics { entityCount } }", operationName: "Missing"),
            HttpStatusCode.BadRequest, "INVALID_OPERATION_NAME", "Document does not contain an operation named 'Missing'");
        yield return new("several operations and no operationName", () => Query("query A { statistics { entityCount } } query B { statistics { relationshipCount } }"),
            HttpStatusCode.BadRequest, "NO_OPERATION_NAME", "Document contains more than one operation, but the operation name was not specified");
        yield return new("fragment cycle A→B→A", () => Query("""{ agency(id: "who") { ...A } } fragment A on Organization { name ...B } fragment B on Organization { id ...A }"""),
            HttpStatusCode.BadRequest, "NO_FRAGMENT_CYCLES", "Cannot spread fragment 'A' within itself via B");
        yield return new("fragment that spreads itself", () => Query("""{ agency(id: "who") { ...A } } fragment A on Organization { name ...A }"""),
            HttpStatusCode.BadRequest, "NO_FRAGMENT_CYCLES", "Cannot spread fragment 'A' within itself");
        yield return new("Int literal beyond 32 bits", () => Query("{ deliverables(first: 1000000000000) { totalCount } }"),
            HttpStatusCode.BadRequest, "ARGUMENTS_OF_CORRECT_TYPE", "Expected type 'Int', found 1000000000000");
        yield return new("text for an Int filter", () => Query("""{ deliverables(where: { year: { gt: "2019" } }) { totalCount } }"""),
            HttpStatusCode.BadRequest, "ARGUMENTS_OF_CORRECT_TYPE", "In field 'year': [In field 'gt': [Expected type 'Int', found \"2019\".]]");
        yield return new("unknown filter field", () => Query("{ deliverables(where: { sql: { eq: 1 } }) { totalCount } }"),
            HttpStatusCode.BadRequest, "ARGUMENTS_OF_CORRECT_TYPE", "In field 'sql': Unknown field");

        // Page sizes and limits of arguments: executed, so 200 with a field error.
        yield return new("first: 101", () => Query("{ deliverables(first: 101) { totalCount } }"), HttpStatusCode.OK, "INVALID_INPUT", "'first' may be at most 100 (it was 101)");
        yield return new("first: 1000", () => Query("{ deliverables(first: 1000) { totalCount } }"), HttpStatusCode.OK, "INVALID_INPUT", "'first' may be at most 100 (it was 1000)");
        // A page this size is priced by the complexity analyzer before anything runs.
        yield return new("first: 1000000", () => Query("{ deliverables(first: 1000000) { totalCount } }"), HttpStatusCode.BadRequest, "QUERY_TOO_COMPLEX", "The query's complexity is 1000");
        yield return new("first: -1", () => Query("{ organizations(first: -1) { totalCount } }"), HttpStatusCode.OK, "INVALID_INPUT", "'first' must not be negative (it was -1)");
        yield return new("last: -5", () => Query("{ sdgTargets(last: -5) { totalCount } }"), HttpStatusCode.OK, "INVALID_INPUT", "'last' must not be negative (it was -5)");
        yield return new("first and last together", () => Query("{ themes(first: 2, last: 2) { totalCount } }"), HttpStatusCode.OK, "INVALID_INPUT", "Give 'first' (to page forwards) or 'last' (to page backwards), not both");
        // A page this size is priced by the complexity analyzer before anything runs.
        yield return new("search first: 1000000", () => Query("""{ search(text: "health", first: 1000000) { snippet } }"""), HttpStatusCode.BadRequest, "QUERY_TOO_COMPLEX", "The query's complexity is 1000001");
        yield return new("search first: -1", () => Query("""{ search(text: "health", first: -1) { snippet } }"""), HttpStatusCode.OK, "INVALID_INPUT", "'first' must be between 1 and 100 (it was -1)");
        yield return new("search text of 501 characters", () => Query("query($text: String!) { search(text: $text) { snippet } }", new { text = new string('a', 501) }),
            HttpStatusCode.OK, "INVALID_INPUT", "'text' may be at most 500 characters (it was 501)");
        yield return new("nodes with 101 ids", () => Query("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = Enumerable.Range(0, 101).Select(i => $"id-{i}") }),
            HttpStatusCode.OK, "INVALID_INPUT", "'ids' may hold at most 100 ids (it held 101)");
        yield return new("connections maxHops: 1000", () => Query("""{ connections(from: "who", to: "ilo", maxHops: 1000) { length } }"""),
            HttpStatusCode.OK, "INVALID_INPUT", "'maxHops' must be between 1 and 6 (it was 1000)");
        yield return new("filter with 1000 or-branches", () => Query("query($w: DeliverableFilter) { deliverables(where: $w) { totalCount } }", new { w = new { or = Enumerable.Range(0, 1000).Select(i => new { id = new { eq = $"x{i}" } }) } }),
            HttpStatusCode.OK, "INVALID_INPUT", "The filter has more than 200 conditions");
        yield return new("filter nested 10 deep", () => Query("""{ deliverables(where: { not: { not: { not: { not: { not: { not: { not: { not: { not: { not: { id: { eq: "x" } } } } } } } } } } } }) { totalCount } }"""),
            HttpStatusCode.OK, "INVALID_INPUT", "The filter nests and/or/not more than 8 deep");

        // Cursors.
        yield return new("cursor that is not base64url", () => Query("""{ deliverables(after: "not a cursor!!") { totalCount } }"""),
            HttpStatusCode.OK, "INVALID_CURSOR", "Argument 'after' is not a valid cursor: it is not a cursor this API gave out");
        yield return new("empty cursor", () => Query("""{ deliverables(last: 2, before: "") { totalCount } }"""),
            HttpStatusCode.OK, "INVALID_CURSOR", "Argument 'before' is not a valid cursor");
        yield return new("cursor of base64url text that is not JSON", () => Query($$"""{ deliverables(after: "{{Cursor("hello, world")}}") { totalCount } }"""),
            HttpStatusCode.OK, "INVALID_CURSOR", "it is not a cursor this API gave out");
        yield return new("cursor without an id", () => Query($$"""{ deliverables(after: "{{Cursor("""{"o":"","k":[],"id":null}""")}}") { totalCount } }"""),
            HttpStatusCode.OK, "INVALID_CURSOR", "it is not a cursor this API gave out");
        yield return new("cursor with a nested sort value", () => Query($$"""{ deliverables(orderBy: [{ field: YEAR }], after: "{{Cursor("""{"o":"YEAR:asc","k":[[2019]],"id":"x"}""")}}") { totalCount } }"""),
            HttpStatusCode.OK, "INVALID_CURSOR", "it is not a cursor this API gave out");
        yield return new("cursor from another ordering", () => Query($$"""{ deliverables(after: "{{Cursor("""{"o":"TITLE:asc","k":["x"],"id":"x"}""")}}") { totalCount } }"""),
            HttpStatusCode.OK, "INVALID_CURSOR", "it was made for orderBy [TITLE:asc], not []");

        // Query-language syntax in search text: only its words count.
        foreach (var (name, text, words) in new[]
        {
            ("FTS5 NEAR", "NEAR(health workforce)", "NEAR health workforce"),
            ("FTS5 unbalanced quote", "\"health", "health"),
            ("FTS5 prefix star and column filter", "name:health*", "name health"),
            ("FTS5 AND OR NOT", "health AND OR NOT workforce", "health AND OR NOT workforce"),
            ("FTS5 minus and caret", "-health ^workforce", "health workforce"),
            ("Lucene operators", "health~2 work? \\ / [a TO z] {x} +y", "health 2 work a TO z x y"),
            ("SQL injection", SqlDrop, "DROP TABLE node"),
            ("Cypher injection", Cypher, "MATCH n DETACH DELETE n"),
            ("operators only", "\" * ^ - ( ) : ~ ? \\ / [ ] { } ' ;", ""),
            ("control characters", "health\u0000\u0007\u001bworkforce", "health workforce"),
        })
        {
            yield return new($"search text: {name}", () => Query("query($text: String!) { search(text: $text) { entity { id } } }", new { text }),
                HttpStatusCode.OK, SameAs: $"{{ search(text: {JsonSerializer.Serialize(words)}) {{ entity {{ id }} }} }}");
        }

        // Ids and codes with path, SQL and Cypher syntax: they name nothing.
        foreach (var (name, id) in new[]
        {
            ("path traversal", PathTraversal),
            ("SQL", Sql),
            ("SQL drop", SqlDrop),
            ("Cypher", Cypher),
            ("percent-encoded NUL", "who%00"),
            ("NUL character", "who\u0000"),
            ("10,000 characters", new string('w', 10_000)),
        })
        {
            yield return new($"node(id:) {name}", () => Query("query($id: ID!) { node(id: $id) { id } }", new { id }),
                HttpStatusCode.OK, SameAs: """{ node(id: "no-such-id") { id } }""");
        }

        yield return new("agency(id:) Cypher", () => Query("query($id: ID!) { agency(id: $id) { id } }", new { id = Cypher }), HttpStatusCode.OK, SameAs: """{ agency(id: "no-such-id") { id } }""");
        yield return new("deliverable(id:) path traversal", () => Query("query($id: ID!) { deliverable(id: $id) { id } }", new { id = PathTraversal }), HttpStatusCode.OK, SameAs: """{ deliverable(id: "no-such-id") { id } }""");
        yield return new("sdgTarget(code:) SQL", () => Query("query($code: String!) { sdgTarget(code: $code) { code } }", new { code = "8.3' OR 1=1 --" }), HttpStatusCode.OK, SameAs: """{ sdgTarget(code: "0.0") { code } }""");
        yield return new("goalCoverage(goal:) SQL", () => Query("query($goal: String!) { goalCoverage(goal: $goal) { goal { code } } }", new { goal = "8' OR 1=1 --" }), HttpStatusCode.OK, SameAs: """{ goalCoverage(goal: "0") { goal { code } } }""");
        yield return new("portfolio(agencyId:) SQL", () => Query("query($id: ID!) { portfolio(agencyId: $id) { deliverableCount } }", new { id = Sql }), HttpStatusCode.OK, SameAs: """{ portfolio(agencyId: "no-such-id") { deliverableCount } }""");
        yield return new("connections(from:) SQL", () => Query("query($from: ID!) { connections(from: $from, to: \"ilo\") { length } }", new { from = Sql }), HttpStatusCode.OK, SameAs: """{ connections(from: "no-such-id", to: "ilo") { length } }""");
        yield return new("nodes(ids:) injection", () => Query("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = new[] { Sql, Cypher, PathTraversal } }),
            HttpStatusCode.OK, SameAs: """{ nodes(ids: ["x", "y", "z"]) { id } }""");
        yield return new("partnerOverlaps(agencyIds:) injection", () => Query("query($ids: [ID!]) { partnerOverlaps(agencyIds: $ids) { nodes { agencyA { id } } } }", new { ids = new[] { Sql, Cypher } }),
            HttpStatusCode.OK, SameAs: """{ partnerOverlaps(agencyIds: ["x", "y"]) { nodes { agencyA { id } } } }""");

        // The same syntax in filters.
        foreach (var (name, where) in new (string, object)[]
        {
            ("id eq SQL", new { id = new { eq = Sql } }),
            ("agency in SQL and path", new { agency = new { @in = new[] { SqlDrop, PathTraversal } } }),
            ("title eq Cypher", new { title = new { eq = Cypher } }),
            ("title contains SQL", new { title = new { contains = Sql } }),
            ("title contains LIKE wildcard %", new { title = new { contains = "%" } }),
            ("title contains LIKE wildcard _", new { title = new { contains = "_" } }),
            ("items contains JSON path", new { items = new { contains = "$[0]') OR 1=1 --" } }),
        })
        {
            yield return new($"deliverables(where:) {name}", () => Query("query($w: DeliverableFilter) { deliverables(where: $w) { totalCount edges { node { id } } } }", new { w = where }),
                HttpStatusCode.OK, SameAs: """{ deliverables(where: { id: { eq: "no-such-id" } }) { totalCount edges { node { id } } } }""");
        }
    }

    private static string Cursor(string json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    /// <summary>A GraphQL request POSTed as JSON.</summary>
    public static HttpRequestMessage Query(string query, object? variables = null, string? operationName = null) =>
        Post(JsonSerializer.Serialize(new { query, variables, operationName }));

    private static HttpRequestMessage Post(string body, string? contentType = "application/json") =>
        Send(HttpMethod.Post, "/graphql", body, contentType);

    private static HttpRequestMessage PostChunked(string body)
    {
        var request = Post(body);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content = content;
        request.Headers.TransferEncodingChunked = true;
        return request;
    }

    private static HttpRequestMessage PostBytes(byte[] body)
    {
        var request = Send(HttpMethod.Post, "/graphql");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        return request;
    }

    private static HttpRequestMessage Get(string query, string? variables = null) =>
        Send(HttpMethod.Get, $"/graphql?query={Uri.EscapeDataString(query)}{(variables is null ? "" : $"&variables={Uri.EscapeDataString(variables)}")}");

    private static HttpRequestMessage Send(HttpMethod method, string url, string? body = null, string? contentType = "application/json", string accept = GraphQLResponse)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }
}
