using System.Globalization;
using System.Text.Json;
using HealthGraph.Graph;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Store.Sqlite;

/// <summary>Conversions between graph elements and SQLite rows.</summary>
internal static class SqliteRows
{
    /// <summary>
    /// The columns every node query selects, in this order, for <see cref="ReadNode"/>. Queries in .sql files list
    /// them too (search.sql, portfolio.sql, goal_coverage.sql) and read their own columns after them, from
    /// <see cref="NodeColumnCount"/> on.
    /// </summary>
    public const string NodeColumns = "id, label, name, props, basis, source, excerpt, reason, created_at, updated_at, updated_by";

    /// <summary>How many columns <see cref="NodeColumns"/> has: the ordinal of the first column a query adds after them.</summary>
    public const int NodeColumnCount = 11;

    public static GraphNode ReadNode(SqliteDataReader reader, int offset = 0) => new(
        reader.GetString(offset),
        reader.GetString(offset + 1),
        reader.GetString(offset + 2),
        StoredProperties.FromUtf8(reader.GetFieldValue<byte[]>(offset + 3)),
        ReadProvenance(reader, offset + 4),
        new WriteStamp(ReadTime(reader, offset + 8), ReadTime(reader, offset + 9), reader.GetString(offset + 10)));

    /// <summary>Times are stored as round-trip ("O") text in UTC, so they sort and compare as text too.</summary>
    public static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ReadTime(SqliteDataReader reader, int ordinal)
    {
        // By the exact format first (a fifth of the general parse's cost, on every node read); any other ISO 8601 text,
        // as a hand-edited file might hold, still reads.
        var text = reader.GetString(ordinal);
        return DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    public static GraphRelationship ReadRelationship(SqliteDataReader reader) => new(
        reader.GetString(1),
        reader.GetString(0),
        reader.GetString(2),
        StoredProperties.FromUtf8(reader.GetFieldValue<byte[]>(3)),
        ReadProvenance(reader, 4));

    /// <summary>Reads basis, source, excerpt and reason from four consecutive columns.</summary>
    public static Provenance ReadProvenance(SqliteDataReader reader, int offset)
    {
        return new Provenance(Provenance.ParseCode(reader.GetString(offset)), NullableString(reader, offset + 1), NullableString(reader, offset + 2), NullableString(reader, offset + 3));
    }

    public static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Canonical JSON of a property map: keys in ordinal order, so equal maps give equal text.</summary>
    public static string SerializeProperties(IReadOnlyDictionary<string, object?> properties) => properties switch
    {
        { Count: 0 } => "{}", // most relationships: a million-deliverable seed has millions
        SortedDictionary<string, object?> sorted when sorted.Comparer == StringComparer.Ordinal && !sorted.ContainsValue(null) =>
            JsonSerializer.Serialize(sorted), // what GraphNode.Create makes: already in order, without nulls
        _ => JsonSerializer.Serialize(new SortedDictionary<string, object?>(
            properties.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal)),
    };

    public static IReadOnlyList<string> ParseStringArray(string? json) =>
        json is null ? [] : [.. JsonSerializer.Deserialize<string?[]>(json)!.OfType<string>()];

    public static string ToJsonArray(IEnumerable<string> values) => JsonSerializer.Serialize(values);

    public static object DbValue(object? value) => value ?? DBNull.Value;
}
