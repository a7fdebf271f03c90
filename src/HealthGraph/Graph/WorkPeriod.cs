using System.Globalization;

namespace HealthGraph.Graph;

/// <summary>
/// When a piece of work runs, as one rule for every writer and both stores: from its dates (actual before planned, as
/// IATI reports them; a date may be a year, a month or a day) or, with none, its year. The period is kept on the node as
/// <see cref="NodeProperties.PeriodStart"/> and <see cref="NodeProperties.PeriodEnd"/> (ISO dates, first and last day), so
/// that a list can ask for the work active in a period by two comparisons a store can index. Work whose start is unknown
/// has no period (it is in no period's answers); work with a start and no end is running (active in every period from
/// its start on).
/// </summary>
public static class WorkPeriod
{
    /// <summary>
    /// <paramref name="properties"/> with the period its dates give (and none when they give none): every GraphNode's
    /// properties pass through here (GraphNode.Properties), so a writer never sets or forgets them.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> Stamp(IReadOnlyDictionary<string, object?> properties)
    {
        if (properties is IStampedPropertyDictionary)
        {
            return properties; // as a store wrote them, from a GraphNode: stamped then, and not parsed to check it
        }

        var (start, end) = Of(Text(properties, NodeProperties.ActualStartDate) ?? Text(properties, NodeProperties.PlannedStartDate),
            Text(properties, NodeProperties.ActualEndDate) ?? Text(properties, NodeProperties.PlannedEndDate), Year(properties));
        if (Text(properties, NodeProperties.PeriodStart) == start && Text(properties, NodeProperties.PeriodEnd) == end)
        {
            return properties;
        }

        var stamped = new SortedDictionary<string, object?>(properties.ToDictionary(), StringComparer.Ordinal);
        stamped.Remove(NodeProperties.PeriodStart);
        stamped.Remove(NodeProperties.PeriodEnd);
        if (start is not null)
        {
            stamped[NodeProperties.PeriodStart] = start;
        }

        if (start is not null && end is not null)
        {
            stamped[NodeProperties.PeriodEnd] = end;
        }

        return stamped;
    }

    /// <summary>The period of a start, an end (each a year, a month or a day, as written) and a year: first and last day.</summary>
    public static (string? Start, string? End) Of(string? start, string? end, long? year)
    {
        var first = First(start) ?? (year is { } y ? First(y.ToString(CultureInfo.InvariantCulture)) : null);
        var last = Last(end) ?? (start is null && end is null && year is { } z ? Last(z.ToString(CultureInfo.InvariantCulture)) : null);
        return first is null ? (null, null) : (first, last is not null && string.CompareOrdinal(last, first) < 0 ? first : last);
    }

    /// <summary>The first day of a year, month or day (2024, 2024-03, 2024-03-15); null for anything else.</summary>
    public static string? First(string? date) => Parse(date) is var (y, m, d) ? Format(y, m ?? 1, d ?? 1) : null;

    /// <summary>The last day of a year, month or day.</summary>
    public static string? Last(string? date) => Parse(date) is var (y, m, d)
        ? Format(y, m ?? 12, d ?? DateTime.DaysInMonth(y, m ?? 12))
        : null;

    private static (int Year, int? Month, int? Day)? Parse(string? date)
    {
        var text = date?.Trim() ?? "";
        if (text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return (day.Year, day.Month, day.Day);
        }

        if (text.Length == 7 && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return (month.Year, month.Month, null);
        }

        return text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1 ? (year, null, null) : null;
    }

    private static string Format(int year, int month, int day) => new DateOnly(year, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Text(IReadOnlyDictionary<string, object?> properties, string key) =>
        properties.TryGetValue(key, out var value) ? value?.ToString() : null;

    private static long? Year(IReadOnlyDictionary<string, object?> properties) =>
        properties.TryGetValue(NodeProperties.Year, out var value) && long.TryParse(value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) ? year : null;
}

/// <summary>
/// Properties read back as a store wrote them from a GraphNode, so already stamped with their period: a node read from
/// the store keeps them as they are (the embedded store reads them only when a property is asked for).
/// </summary>
public interface IStampedPropertyDictionary : IReadOnlyDictionary<string, object?>;
