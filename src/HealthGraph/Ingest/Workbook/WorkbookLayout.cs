using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HealthGraph.Ingest.Workbook;

/// <summary>An HXL hashtag with its attributes (<c>#org+impl+name</c>), read as libhxl reads it: spaces and case ignored.</summary>
public sealed partial record Hxl(string Hashtag, IReadOnlySet<string> Attributes)
{
    public static bool IsHashtag(string cell) => Parse(cell) is not null;

    public static Hxl? Parse(string cell)
    {
        var text = string.Concat(cell.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        if (!TagPattern().IsMatch(text))
        {
            return null;
        }

        var parts = text[1..].Split('+');
        return new Hxl(parts[0], parts.Skip(1).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// True when this column's tag matches <paramref name="pattern"/> as libhxl's tag patterns match: the same hashtag,
    /// and every attribute of the pattern present. The attributes <c>code</c> and <c>type</c> change what a column
    /// holds (a code, not a name; a kind of organisation, not one), so a column that has them matches only a pattern
    /// that asks for them.
    /// </summary>
    public bool Matches(Hxl pattern) =>
        Hashtag == pattern.Hashtag
        && pattern.Attributes.IsSubsetOf(Attributes)
        && s_meaningful.All(a => !Attributes.Contains(a) || pattern.Attributes.Contains(a));

    private static readonly string[] s_meaningful = ["code", "type"];

    [GeneratedRegex("^#[a-z][a-z0-9_]*(\\+[a-z][a-z0-9_]*)*$")]
    private static partial Regex TagPattern();
}

/// <summary>Which column of a sheet holds each workbook column, and how each was found.</summary>
public sealed record WorkbookLayout(IReadOnlyDictionary<string, int> Columns, IReadOnlyList<string> Notes)
{
    public bool Has(string key) => Columns.ContainsKey(key);

    /// <summary>
    /// Finds the columns: first those the user maps (<c>"Implementing agency Name=implementer"</c>, a header or a column
    /// letter), then by HXL hashtag when the sheet has them, then by header in English, French, Spanish or Russian.
    /// </summary>
    public static WorkbookLayout Find(WorkbookSheet sheet, IReadOnlyDictionary<string, string>? mapping = null)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var notes = new List<string>();
        var taken = new HashSet<int>();
        foreach (var (from, key) in mapping ?? new Dictionary<string, string>())
        {
            if (WorkbookColumns.All.All(c => c.Key != key))
            {
                throw new WorkbookFileException($"The mapping '{from}={key}' names no workbook column: use one of {string.Join(", ", WorkbookColumns.All.Select(c => c.Key))}.");
            }

            var index = ColumnIndex(sheet, from) ?? throw new WorkbookFileException(
                $"The mapping '{from}={key}' names no column of sheet '{sheet.Name}': give a header ({string.Join(", ", sheet.Headers.Where(h => h.Length > 0).Select(h => $"'{h}'"))}) or a column letter.");
            columns[key] = index;
            taken.Add(index);
            notes.Add($"{key}: column {Letter(index)} ('{sheet.Headers.ElementAtOrDefault(index)}'), as mapped");
        }

        var tags = sheet.Hashtags?.Select(Hxl.Parse).ToList();
        foreach (var column in WorkbookColumns.All.Where(c => !columns.ContainsKey(c.Key)))
        {
            var found = tags is null ? null : ByHashtag(tags, column, taken);
            var how = "by its hashtag";
            if (found is null)
            {
                found = ByHeader(sheet.Headers, column, taken);
                how = "by its header";
            }

            if (found is { } index)
            {
                columns[column.Key] = index;
                taken.Add(index);
                notes.Add($"{column.Key}: column {Letter(index)} ('{sheet.Headers.ElementAtOrDefault(index)}'{(tags?[index] is { } tag ? $", {sheet.Hashtags![index].Trim()}" : "")}), {how}");
            }
        }

        return new WorkbookLayout(columns, notes);
    }

    /// <summary>The column letter a spreadsheet shows: A, B, ..., Z, AA.</summary>
    public static string Letter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    /// <summary>A header or a column's letter (A, AB) to the column's index.</summary>
    private static int? ColumnIndex(WorkbookSheet sheet, string name)
    {
        var byHeader = sheet.Headers.Select((h, i) => (h, i)).FirstOrDefault(x => Fold(x.h) == Fold(name) && x.h.Length > 0);
        if (byHeader.h is not null)
        {
            return byHeader.i;
        }

        if (name.Length is > 0 and <= 3 && name.All(char.IsAsciiLetter))
        {
            var index = name.ToUpperInvariant().Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1)) - 1;
            return index < Math.Max(sheet.Headers.Count, 1) ? index : null;
        }

        return null;
    }

    private static int? ByHashtag(List<Hxl?> tags, WorkbookColumn column, HashSet<int> taken)
    {
        foreach (var pattern in column.Patterns.Select(p => Hxl.Parse(p)!))
        {
            var matching = tags.Select((t, i) => (t, i)).Where(x => x.t is not null && !taken.Contains(x.i) && x.t.Matches(pattern)).ToList();
            if (matching.Count > 0)
            {
                // The column whose attributes are exactly the pattern's, else the first that has them all.
                return matching.FirstOrDefault(x => x.t!.Attributes.SetEquals(pattern.Attributes), matching[0]).i;
            }
        }

        return null;
    }

    private static int? ByHeader(IReadOnlyList<string> headers, WorkbookColumn column, HashSet<int> taken)
    {
        var names = column.Headers.Prepend(column.Header).Prepend(column.Key).Select(Fold).ToHashSet(StringComparer.Ordinal); // the key: the export's header
        var match = headers.Select((h, i) => (h, i)).FirstOrDefault(x => !taken.Contains(x.i) && x.h.Length > 0 && names.Contains(Fold(x.h)));
        return match.h is null ? null : match.i;
    }

    /// <summary>Text compared without case, accents, spaces or punctuation: "Implementing agency Name " is "implementingagencyname".</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }

        return folded.ToString().Replace('ё', 'е').Replace("œ", "oe", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal);
    }
}
