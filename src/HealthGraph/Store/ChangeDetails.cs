using System.Globalization;
using System.Text.Json;
using HealthGraph.Graph;

namespace HealthGraph.Store;

/// <summary>A field of an entity a change altered, with its value before and after (null: it had none).</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>A relationship of an entity a change made or removed: its type, whether it starts at the entity, and the other end.</summary>
public sealed record LinkChange(string Type, bool Outgoing, string OtherId);

/// <summary>
/// What a change did to its subject, before and after, as the change log keeps it for the entity's history: the fields
/// whose values differ (its name, unless a property such as a title holds it too, and each property; the period, which
/// follows from the dates, left out)
/// and the relationships at it of the types the change touched, made or removed. The one rule both stores apply to the
/// subject as they read it under the change's locks, before and after writing.
/// </summary>
public sealed record ChangeDetails(IReadOnlyList<FieldChange> Fields, IReadOnlyList<LinkChange> Added, IReadOnlyList<LinkChange> Removed)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>Properties that follow from others: not worth a line of history of their own.</summary>
    private static readonly HashSet<string> s_derived = new(StringComparer.Ordinal) { NodeProperties.PeriodStart, NodeProperties.PeriodEnd };

    /// <summary>Equal when their fields and links are, in order (a record would compare the lists by reference).</summary>
    public bool Equals(ChangeDetails? other) =>
        other is not null && Fields.SequenceEqual(other.Fields) && Added.SequenceEqual(other.Added) && Removed.SequenceEqual(other.Removed);

    public override int GetHashCode() => HashCode.Combine(Fields.Count, Added.Count, Removed.Count);

    /// <summary>The relationship types at the subject a change can alter, by direction: what its upserts and removals name.</summary>
    public static IReadOnlyList<(string Type, bool Outgoing)> TypesAt(GraphChange change) =>
    [
        .. change.Relationships.Where(r => r.FromId == change.Subject).Select(r => (r.Type, true))
            .Concat(change.Relationships.Where(r => r.ToId == change.Subject).Select(r => (r.Type, false)))
            .Concat(change.Removals.Where(r => r.NodeId == change.Subject).Select(r => (r.Type, r.Direction == Direction.Outgoing)))
            .Concat(change.Removals.Where(r => r.OtherId == change.Subject).Select(r => (r.Type, r.Direction != Direction.Outgoing)))
            .Distinct()
            .Order(),
    ];

    /// <summary>The difference between the subject before and after (a node null: none then), and its links of the types read.</summary>
    public static ChangeDetails Of(GraphNode? before, IReadOnlyCollection<LinkChange> linksBefore, GraphNode? after, IReadOnlyCollection<LinkChange> linksAfter)
    {
        var fields = new List<FieldChange>();
        if (before?.Name != after?.Name)
        {
            fields.Add(new FieldChange("name", before?.Name, after?.Name));
        }

        var keys = (before?.Properties.Keys ?? []).Union(after?.Properties.Keys ?? [], StringComparer.Ordinal).Where(k => !s_derived.Contains(k)).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var (was, now) = (Show(before?.Properties.GetValueOrDefault(key)), Show(after?.Properties.GetValueOrDefault(key)));
            if (was != now)
            {
                fields.Add(new FieldChange(key, was, now));
            }
        }

        // A property that holds the name (a deliverable's title) says it once: the property stays, the name goes.
        if (fields is [{ Field: "name" } name, ..] && fields.Skip(1).Any(f => f.Before == name.Before && f.After == name.After))
        {
            fields.RemoveAt(0);
        }

        var (old, current) = (linksBefore.ToHashSet(), linksAfter.ToHashSet());
        return new ChangeDetails(fields, [.. Ordered(current.Except(old))], [.. Ordered(old.Except(current))]);
    }

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    public static ChangeDetails? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<ChangeDetails>(json, s_json);

    private static IEnumerable<LinkChange> Ordered(IEnumerable<LinkChange> links) =>
        links.OrderBy(l => l.Type, StringComparer.Ordinal).ThenBy(l => l.Outgoing).ThenBy(l => l.OtherId, StringComparer.Ordinal);

    /// <summary>A value as text: a list joined by "; ", a number as written, nothing as null.</summary>
    private static string? Show(object? value) => value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        JsonElement { ValueKind: JsonValueKind.Array } element => string.Join("; ", element.EnumerateArray().Select(e => Show(e))),
        JsonElement element => element.GetRawText(),
        bool flag => flag ? "true" : "false",
        string text => text,
        IEnumerable<string> list => string.Join("; ", list),
        System.Collections.IEnumerable list => string.Join("; ", list.Cast<object?>().Select(Show)),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
