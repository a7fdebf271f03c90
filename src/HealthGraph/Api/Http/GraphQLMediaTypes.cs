using Microsoft.Net.Http.Headers;

namespace HealthGraph.Api.Http;

/// <summary>The media types of the GraphQL-over-HTTP specification and how a request's headers choose among them.</summary>
public static class GraphQLMediaTypes
{
    /// <summary>The specification's own response type: its status codes tell request errors (4xx) from execution (200).</summary>
    public const string GraphQLResponse = "application/graphql-response+json";

    /// <summary>The legacy response type: 200 for every well-formed request, errors only in the body.</summary>
    public const string Json = "application/json";

    /// <summary>
    /// The response type for an Accept header: the acceptable one with the highest q (graphql-response+json on a tie);
    /// application/json when the header is missing or accepts anything (*/*, application/*); null when it accepts
    /// neither (the server answers 406).
    /// </summary>
    public static string? Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return Json;
        }

        if (!MediaTypeHeaderValue.TryParseList([accept], out var ranges))
        {
            return Json;
        }

        string? best = null;
        var bestQuality = 0.0;
        var bestSpecific = false;
        foreach (var range in ranges)
        {
            var quality = range.Quality ?? 1.0;
            if (quality <= 0)
            {
                continue;
            }

            var type = range.MediaType.Value?.ToLowerInvariant();
            var (candidate, specific) = type switch
            {
                GraphQLResponse => (GraphQLResponse, true),
                Json => (Json, true),
                "*/*" or "application/*" => (Json, false),
                _ => ((string?)null, false),
            };
            if (candidate is null)
            {
                continue;
            }

            if (quality > bestQuality || (quality == bestQuality && specific && (!bestSpecific || candidate == GraphQLResponse)))
            {
                (best, bestQuality, bestSpecific) = (candidate, quality, specific);
            }
        }

        return best;
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
