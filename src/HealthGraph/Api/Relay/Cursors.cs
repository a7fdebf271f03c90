using System.Buffers.Text;
using System.Text.Json;
using HealthGraph.Api.Errors;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Relay;

/// <summary>
/// Opaque Relay cursors: base64url of the ordering they were made for, the node's sort values and its id. A cursor
/// from another ordering, or one that was tampered with, is refused with <c>INVALID_CURSOR</c> rather than giving a
/// wrong page.
/// </summary>
public static class Cursors
{
    private sealed record Payload(string O, JsonElement[] K, string Id);

    public static string Encode(GraphNode node, IReadOnlyList<NodeOrder> order, string orderSignature)
    {
        var key = NodeKey.Of(node, order);
        var json = JsonSerializer.SerializeToUtf8Bytes(new { o = orderSignature, k = key.SortValues, id = key.Id });
        return Base64Url.EncodeToString(json);
    }

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
