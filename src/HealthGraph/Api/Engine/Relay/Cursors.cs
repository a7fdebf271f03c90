using System.Buffers.Text;
using System.Text.Json;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Engine.Relay;

/// <summary>
/// Opaque Relay cursors: base64url of the ordering they were made for, the node's sort values and its id. A cursor
/// from another ordering, or one that was tampered with, is refused with <c>INVALID_CURSOR</c> rather than giving a
/// wrong page.
/// </summary>
public static class Cursors
{
    private sealed record Payload(string O, JsonElement[] K, string Id);

    public static string Encode(GraphNode node, IReadOnlyList<NodeOrder> order, string orderSignature) =>
        Encode(NodeKey.Of(node, order), orderSignature);

    /// <summary>A cursor for a list ordered by an id (or a key that is one string) alone.</summary>
    public static string Encode(string id, string orderSignature) => Encode(new NodeKey([], id), orderSignature);

    /// <summary>The id a cursor of <see cref="Encode(string, string)"/> holds, or null without a cursor.</summary>
    public static string? DecodeId(string? cursor, string argument, string orderSignature) => Decode(cursor, argument, 0, orderSignature)?.Id;

    /// <summary>A cursor for a list ordered by a key of several strings (none holding a space), such as a pair of ids.</summary>
    public static string Encode(IEnumerable<string> keyParts, string orderSignature) => Encode(string.Join(' ', keyParts), orderSignature);

    /// <summary>The parts of a key a cursor of <see cref="Encode(IEnumerable{string}, string)"/> holds (exactly <paramref name="count"/>), or null without a cursor.</summary>
    public static string[]? DecodeParts(string? cursor, string argument, string orderSignature, int count) =>
        DecodeId(cursor, argument, orderSignature) is { } key
            ? key.Split(' ') is { } parts && parts.Length == count ? parts : throw Invalid(argument, "it is not a cursor this API gave out")
            : null;

    private static string Encode(NodeKey key, string orderSignature) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new { o = orderSignature, k = key.SortValues, id = key.Id }));

    public static NodeKey? Decode(string? cursor, string argument, int orderCount, string orderSignature)
    {
        if (cursor is null)
        {
            return null;
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(cursor), s_jsonOptions);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw Invalid(argument, "it is not a cursor this API gave out");
        }

        if (payload is null || payload.Id is null || payload.K is null || payload.O is null)
        {
            throw Invalid(argument, "it is not a cursor this API gave out");
        }

        // Before the count of sort values, so that a cursor from another ordering is named as such.
        if (payload.O != orderSignature)
        {
            throw Invalid(argument, $"it was made for orderBy [{payload.O}], not [{orderSignature}]; start again without a cursor");
        }

        if (payload.K.Length != orderCount)
        {
            throw Invalid(argument, "it is not a cursor this API gave out");
        }

        var values = new object[payload.K.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = payload.K[i].ValueKind switch
            {
                JsonValueKind.String => payload.K[i].GetString()!,
                JsonValueKind.Number when payload.K[i].TryGetInt64(out var l) => l,
                JsonValueKind.Number => payload.K[i].GetDouble(),
                _ => throw Invalid(argument, "it is not a cursor this API gave out"),
            };
        }

        return new NodeKey(values, payload.Id);
    }

    private static readonly JsonSerializerOptions s_jsonOptions = new() { PropertyNameCaseInsensitive = true };

    private static ApiError Invalid(string argument, string why) =>
        new(ErrorCodes.InvalidCursor, $"Argument '{argument}' is not a valid cursor: {why}.", argument);
}
