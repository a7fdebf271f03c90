using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthGraph.Graph;

/// <summary>How precise a date a source gives is.</summary>
public enum DatePrecision
{
    Year,
    Month,
    Day,
}

/// <summary>
/// A date as precise as its source gives it: "1994" (a year), "1994-11" (IOM's "November 1994"), "1994-11-03". Stored
/// as that ISO 8601 text; a value of another shape is no date.
/// </summary>
public sealed partial record PartialDate(int Year, int? Month, int? Day)
{
    public DatePrecision Precision => Day is not null ? DatePrecision.Day : Month is not null ? DatePrecision.Month : DatePrecision.Year;

    /// <summary>The ISO 8601 text at its precision: "1994", "1994-11" or "1994-11-03".</summary>
    public string Iso => Precision switch
    {
        DatePrecision.Year => Year.ToString("D4", CultureInfo.InvariantCulture),
        DatePrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}"),
    };

    /// <summary>A stored value as a date: a year (a number or four digits), a year and month, or a whole date; else null.</summary>
    public static PartialDate? From(object? value)
    {
        if (value is long or int)
        {
            var year = Convert.ToInt32(value, CultureInfo.InvariantCulture);
            return year is >= 1 and <= 9999 ? new PartialDate(year, null, null) : null;
        }

        if (value is not string text || IsoDate().Match(text) is not { Success: true } match)
        {
            return null;
        }

        var y = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        int? m = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : null;
        int? d = match.Groups["d"].Success ? int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture) : null;
        var valid = m is null or (>= 1 and <= 12) && (d is null || (m is { } month && d >= 1 && d <= DateTime.DaysInMonth(y, month)));
        return valid && y >= 1 ? new PartialDate(y, m, d) : null;
    }

    [GeneratedRegex(@"^(?<y>\d{4})(-(?<m>\d{2})(-(?<d>\d{2}))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}

/// <summary>How a count a source reports relates to its number: exactly it, more than it, about it...</summary>
public enum CountQualifier
{
    Exactly,
    MoreThan,
    AtLeast,
    About,
    FewerThan,
    AtMost,
}

/// <summary>
/// A count as its source reports it, with its qualifier: 12 ("12 active projects"), more than 30 ("More than 30"
/// staff). Stored as the number or as the source's words; words of another shape are no count.
/// </summary>
public sealed partial record ReportedCount(long Value, CountQualifier Qualifier, string Text)
{
    private static readonly (string Words, CountQualifier Qualifier)[] s_qualifiers =
    [
        ("more than", CountQualifier.MoreThan),
        ("over", CountQualifier.MoreThan),
        ("at least", CountQualifier.AtLeast),
        ("about", CountQualifier.About),
        ("around", CountQualifier.About),
        ("approximately", CountQualifier.About),
        ("fewer than", CountQualifier.FewerThan),
        ("less than", CountQualifier.FewerThan),
        ("at most", CountQualifier.AtMost),
        ("up to", CountQualifier.AtMost),
    ];

    /// <summary>A stored value as a count: a number (exactly), or words such as "More than 30"; else null.</summary>
    public static ReportedCount? From(object? value)
    {
        if (value is long or int)
        {
            var number = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            return new ReportedCount(number, CountQualifier.Exactly, number.ToString(CultureInfo.InvariantCulture));
        }

        if (value is not string text || Words().Match(text.Trim()) is not { Success: true } match)
        {
            return null;
        }

        var words = match.Groups["q"].Value.Trim().ToLowerInvariant();
        var qualifier = words.Length == 0 ? CountQualifier.Exactly : s_qualifiers.FirstOrDefault(q => q.Words == words).Qualifier;
        var known = words.Length == 0 || s_qualifiers.Any(q => q.Words == words);
        return known && long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? new ReportedCount(n, qualifier, text.Trim())
            : null;
    }

    [GeneratedRegex(@"^(?<q>[A-Za-z ]*?)\s*(?<n>\d{1,12})$", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
