using Microsoft.Net.Http.Headers;

namespace HealthGraph.Web;

/// <summary>
/// How an Accept header ranks a media type (RFC 9110, section 12.5.1): the quality of the most specific range that
/// matches it (<c>text/html</c> over <c>text/*</c> over <c>*/*</c>), 0 when none does. The one rule of content
/// negotiation for every endpoint: GraphQL's response type and whether a browser asks for GraphiQL's page.
/// </summary>
public static class MediaRanges
{
    /// <summary>The ranges of an Accept header; none when it is missing or cannot be parsed.</summary>
    public static IList<MediaTypeHeaderValue> Parse(Microsoft.Extensions.Primitives.StringValues accept) =>
        MediaTypeHeaderValue.TryParseList(accept, out var ranges) ? ranges : [];

    /// <summary>The quality <paramref name="accepted"/> gives <paramref name="mediaType"/>, and how specifically (0 none, 1 */*, 2 type/*, 3 named).</summary>
    public static (double Quality, int Specificity) Rank(IList<MediaTypeHeaderValue> accepted, MediaTypeHeaderValue mediaType)
    {
        var (bestSpecificity, quality) = (0, 0.0);
        foreach (var range in accepted)
        {
            var specificity = Specificity(range, mediaType);
            var rangeQuality = range.Quality ?? 1;
            if (specificity > bestSpecificity || (specificity == bestSpecificity && specificity > 0 && rangeQuality > quality))
            {
                (bestSpecificity, quality) = (specificity, rangeQuality);
            }
        }

        return (quality, bestSpecificity);
    }

    private static int Specificity(MediaTypeHeaderValue range, MediaTypeHeaderValue mediaType) =>
        range.MatchesAllTypes ? 1
        : !range.Type.Equals(mediaType.Type, StringComparison.OrdinalIgnoreCase) ? 0
        : range.MatchesAllSubTypes ? 2
        : range.SubType.Equals(mediaType.SubType, StringComparison.OrdinalIgnoreCase) ? 3
        : 0;
}
