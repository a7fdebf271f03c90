using System.Text.Json;
using GraphQL;

namespace HealthGraph.Api.Http;

/// <summary>A GraphQL-over-HTTP request's parameters, read from a POST body or a GET query string.</summary>
public sealed record GraphQLHttpRequest(string? Query, string? OperationName, Inputs? Variables, Inputs? Extensions, string? DocumentId);

/// <summary>A request the transport refuses before GraphQL sees it: the status, a stable code and what was wrong.</summary>
public sealed class BadGraphQLRequestException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;
}

/// <summary>Reads request parameters to the GraphQL-over-HTTP specification: unknown keys are ignored, known ones must have the right JSON type.</summary>
public static class GraphQLHttpRequestReader
{
    public static async Task<GraphQLHttpRequest> ReadBodyAsync(HttpRequest request, IGraphQLSerializer serializer, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new BadGraphQLRequestException(StatusCodes.Status400BadRequest, "INVALID_JSON",
                $"The request body is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Bad("The request body must be a JSON object with a 'query' (or 'documentId') member.");
            }

            var root = document.RootElement;
            return new GraphQLHttpRequest(
                String(root, "query"),
                String(root, "operationName"),
                Map(root, "variables", serializer),
                Map(root, "extensions", serializer),
                String(root, "documentId"));
        }
    }

    public static GraphQLHttpRequest ReadQueryString(HttpRequest request, IGraphQLSerializer serializer)
    {
        string? One(string name) => request.Query.TryGetValue(name, out var values) ? values.Count switch
        {
            1 => values[0],
            _ => throw Bad($"The query string has '{name}' {values.Count} times; give it once."),
        } : null;

        return new GraphQLHttpRequest(
            One("query"),
            One("operationName"),
            ParseMap(One("variables"), "variables", serializer),
            ParseMap(One("extensions"), "extensions", serializer),
            One("documentId"));
    }

    private static string? String(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : throw Bad($"'{name}' must be a string, not {Describe(value.ValueKind)}.");

    private static Inputs? Map(JsonElement root, string name, IGraphQLSerializer serializer) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : value.ValueKind == JsonValueKind.Object
                ? serializer.ReadNode<Inputs>(value)
                : throw Bad($"'{name}' must be a JSON object, not {Describe(value.ValueKind)}.");

    private static Inputs? ParseMap(string? text, string name, IGraphQLSerializer serializer)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Object => serializer.ReadNode<Inputs>(document.RootElement),
                var kind => throw Bad($"'{name}' must be a JSON object, not {Describe(kind)}."),
            };
        }
        catch (JsonException exception)
        {
            throw Bad($"'{name}' is not valid JSON: {exception.Message}");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static BadGraphQLRequestException Bad(string message) =>
        new(StatusCodes.Status400BadRequest, "BAD_REQUEST", message);

}
