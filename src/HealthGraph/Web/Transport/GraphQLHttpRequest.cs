using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using GraphQL;

namespace HealthGraph.Web.Transport;

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
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (body.IsEmpty)
        {
            throw new BadGraphQLRequestException(StatusCodes.Status400BadRequest, "INVALID_JSON",
                "The request body is empty; send a JSON object with a 'query' (or 'documentId') member.");
        }

        if (InvalidUtf8Offset(body.Span) is { } offset)
        {
            // System.Text.Json checks UTF-8 only when a string is read, which would surface as a server error.
            throw new BadGraphQLRequestException(StatusCodes.Status400BadRequest, "INVALID_JSON",
                $"The request body is not valid UTF-8: the byte at offset {offset} (0x{body.Span[offset]:X2}) does not start a valid UTF-8 sequence. JSON must be sent as UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
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
            RequireUnicodeText(root, "");
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
            RequireUnicodeText(document.RootElement, name);
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

    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence, or null when all are valid.</summary>
    private static int? InvalidUtf8Offset(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }

        var offset = 0;
        while (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    /// <summary>
    /// Refuses a string or member name that is not Unicode text: JSON lets <c>\ud800</c> escape half a surrogate pair,
    /// which no .NET string reader accepts. <paramref name="path"/> names the element in the message.
    /// </summary>
    private static void RequireUnicodeText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    var name = ReadText(() => member.Name, path.Length == 0 ? "A member name" : $"A member name in '{path}'");
                    RequireUnicodeText(member.Value, path.Length == 0 ? name : $"{path}.{name}");
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    RequireUnicodeText(item, $"{path}[{index++}]");
                }

                break;
            case JsonValueKind.String:
                ReadText(element.GetString, $"'{path}'");
                break;
        }
    }

    private static string ReadText(Func<string?> read, string what)
    {
        try
        {
            return read() ?? "";
        }
        catch (InvalidOperationException)
        {
            throw Bad($"{what} is not Unicode text: it escapes an unpaired surrogate (such as \\ud800).");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static BadGraphQLRequestException Bad(string message) =>
        new(StatusCodes.Status400BadRequest, "BAD_REQUEST", message);
}
