using Microsoft.Net.Http.Headers;

namespace HealthGraph.Web.Transport;

/// <summary>The media types of the GraphQL-over-HTTP specification and how a request's headers choose among them.</summary>
public static class GraphQLMediaTypes
{
    /// <summary>The specification's own response type: its status codes tell request errors (4xx) from execution (200).</summary>
    public const string GraphQLResponse = "application/graphql-response+json";

    /// <summary>The legacy response type: 200 for every well-formed request, errors only in the body.</summary>
    public const string Json = "application/json";

    private static readonly MediaTypeHeaderValue s_graphQLResponse = new(GraphQLResponse);
    private static readonly MediaTypeHeaderValue s_json = new(Json);

    /// <summary>
    /// The response type for an Accept header, ranked as <see cref="MediaRanges"/> ranks every type: the one of higher
    /// quality; on a tie graphql-response+json when the header names it, else application/json (so a missing header,
    /// or one that accepts anything such as */*, gets application/json, as the specification asks of legacy clients);
    /// null when it accepts neither (the server answers 406).
    /// </summary>
    public static string? Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return Json;
        }

        var ranges = MediaRanges.Parse(accept);
        if (ranges.Count == 0)
        {
            return Json;
        }

        var (graphQL, named) = MediaRanges.Rank(ranges, s_graphQLResponse);
        var (json, _) = MediaRanges.Rank(ranges, s_json);
        if (graphQL <= 0 && json <= 0)
        {
            return null;
        }

        return graphQL > json || (graphQL == json && named == 3) ? GraphQLResponse : Json;
    }

    /// <summary>
    /// Whether a POST body's Content-Type is JSON the server reads: application/json (or graphql-response+json),
    /// UTF-8 or without a charset.
    /// </summary>
    public static bool IsJsonBody(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var value)
        && value.MediaType.Value?.ToLowerInvariant() is Json or GraphQLResponse
        && (value.Charset.Value is null || value.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
