using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using HealthGraph.Graph;

namespace HealthGraph.Store.Sqlite;

/// <summary>
/// The property map of a stored node or relationship, kept as the UTF-8 JSON the store holds and read only when a
/// property is first asked for: most fields a request selects (id, name, provenance, audit, a relationship's ends) do
/// not need it. Read straight from UTF-8 into one array of entries in key order, without a JSON document or a tree
/// of nodes in between. Values are what <see cref="SqliteRows.SerializeProperties"/> wrote: strings, longs (or
/// doubles), booleans and lists of strings; any other JSON value is given as its JSON text.
/// </summary>
internal sealed class StoredProperties : IStampedPropertyDictionary
{
    private static readonly KeyValuePair<string, object?>[] s_none = [];

    private static readonly StoredProperties s_empty = new(null) { _entries = s_none };

    private byte[]? _utf8;
    private KeyValuePair<string, object?>[]? _entries;

    private StoredProperties(byte[]? utf8) => _utf8 = utf8;

    /// <summary>The map of a stored JSON object (canonical JSON: keys in ordinal order; any other order is sorted).</summary>
    public static IReadOnlyDictionary<string, object?> FromUtf8(byte[] utf8) =>
        utf8 is [(byte)'{', (byte)'}'] ? s_empty : new StoredProperties(utf8);

    public int Count => Entries.Length;

    public IEnumerable<string> Keys => Entries.Select(e => e.Key);

    public IEnumerable<object?> Values => Entries.Select(e => e.Value);

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The property '{key}' is not set.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? Entries[index].Value : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)Entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        var entries = Entries;
        int low = 0, high = entries.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(entries[middle].Key, key);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    /// <summary>
    /// The entries, read on first use. Readers on several threads may each read them once; all get equal entries and
    /// the first to finish is kept.
    /// </summary>
    private KeyValuePair<string, object?>[] Entries
    {
        get
        {
            if (Volatile.Read(ref _entries) is { } entries)
            {
                return entries;
            }

            var utf8 = Volatile.Read(ref _utf8);
            if (utf8 is null)
            {
                return Volatile.Read(ref _entries)!;
            }

            var read = Read(utf8);
            entries = Interlocked.CompareExchange(ref _entries, read, null) ?? read;
            Volatile.Write(ref _utf8, null);
            return entries;
        }
    }

    private static KeyValuePair<string, object?>[] Read(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Stored properties must be a JSON object.");
        }

        var entries = new List<KeyValuePair<string, object?>>();
        var sorted = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            sorted &= entries.Count == 0 || string.CompareOrdinal(entries[^1].Key, key) < 0;
            entries.Add(new(key, ReadValue(ref reader, utf8)));
        }

        if (entries.Count == 0)
        {
            return s_none;
        }

        if (sorted)
        {
            return [.. entries];
        }

        // Not canonical: the last of equal keys wins, as when the JSON is read into a map.
        var map = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }

        return [.. map];
    }

    /// <summary>The value at the reader's token; a list gives its strings as they are and any other element as JSON text.</summary>
    private static object? ReadValue(ref Utf8JsonReader reader, byte[] utf8) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out var l) ? (object)l : reader.GetDouble(),
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        JsonTokenType.StartArray => ReadList(ref reader, utf8),
        _ => RawText(ref reader, utf8),
    };

    private static string[] ReadList(ref Utf8JsonReader reader, byte[] utf8)
    {
        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : RawText(ref reader, utf8));
        }

        return [.. items];
    }

    /// <summary>The JSON text of the value at the reader's token (an object or list is skipped to its end).</summary>
    private static string RawText(ref Utf8JsonReader reader, byte[] utf8)
    {
        var start = checked((int)reader.TokenStartIndex);
        reader.Skip();
        return Encoding.UTF8.GetString(utf8, start, checked((int)reader.BytesConsumed) - start);
    }
}
