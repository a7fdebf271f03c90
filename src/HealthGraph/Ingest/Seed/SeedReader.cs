using System.Text.Json;
using Microsoft.VisualBasic.FileIO;

namespace HealthGraph.Ingest.Seed;

/// <summary>
/// Reads a seed folder into a <see cref="SeedSet"/>. Reading never stops at the first problem: a broken file or
/// record is reported and the rest is still read, so that validation can report everything at once.
/// </summary>
public static class SeedReader
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
    };

    public static async Task<SeedSet> ReadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var set = new SeedSet { Directory = Path.GetFullPath(directory) };
        if (!System.IO.Directory.Exists(set.Directory))
        {
            set.Problems.Add(new SeedProblem(directory, null, null, "seed folder does not exist"));
            return set;
        }

        await ReadRecordsAsync(set, SeedSet.Files.Documents, set.Documents, cancellationToken);
        await ReadRecordsAsync(set, SeedSet.Files.Organizations, set.Organizations, cancellationToken);
        await ReadRecordsAsync(set, SeedSet.Files.Frameworks, set.Frameworks, cancellationToken);
        await ReadRecordsAsync(set, SeedSet.Files.Indicators, set.Indicators, cancellationToken);
        await ReadRecordsAsync(set, SeedSet.Files.Outcomes, set.Outcomes, cancellationToken);
        await ReadRecordsAsync(set, SeedSet.Files.Deliverables, set.Deliverables, cancellationToken);
        await ReadRecordsAsync(set, SeedSet.Files.Themes, set.Themes, cancellationToken);
        await ReadRecordsAsync(set, SeedSet.Files.Alignments, set.Alignments, cancellationToken);
        await ReadRecordsAsync(set, SeedSet.Files.Places, set.Places, cancellationToken);
        await ReadDocumentTextsAsync(set, cancellationToken);
        await ReadSdgFrameworkAsync(set, cancellationToken);
        foreach (var (line, raw, f) in await ReadCsvAsync(set, SeedSet.Files.Gazetteer, 6, cancellationToken))
        {
            set.PlaceRows.Add(new PlaceRow(f[0], f[1], f[2], f[3], f[4], f[5], line, raw));
        }

        return set;
    }

    /// <summary>How a file is named in problems: relative to the seed folder's parent, e.g. "seed/themes.json".</summary>
    public static string DisplayName(SeedSet set, string relativePath) =>
        Path.Combine(Path.GetFileName(set.Directory), relativePath).Replace('\\', '/');

    private static async Task ReadRecordsAsync<T>(
        SeedSet set, string file, List<SeedEntry<T>> into, CancellationToken cancellationToken)
        where T : SeedRecord
    {
        var display = DisplayName(set, file);
        var path = Path.Combine(set.Directory, file);
        if (!File.Exists(path))
        {
            set.Problems.Add(new SeedProblem(display, null, null, "file is missing"));
            return;
        }

        JsonDocument document;
        try
        {
            await using var stream = File.OpenRead(path);
            document = await JsonDocument.ParseAsync(
                stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }, cancellationToken);
        }
        catch (JsonException e)
        {
            set.Problems.Add(new SeedProblem(
                display, null, null, $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}"));
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                set.Problems.Add(new SeedProblem(display, null, null, "must hold a JSON array of records"));
                return;
            }

            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var key = element.ValueKind == JsonValueKind.Object
                    && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                    ? $"'{id.GetString()}'"
                    : $"#{index + 1}";
                try
                {
                    var record = element.ValueKind == JsonValueKind.Object
                        ? element.Deserialize<T>(s_json)
                        : null;
                    if (record is null)
                    {
                        set.Problems.Add(new SeedProblem(display, key, null, "must be a JSON object"));
                    }
                    else
                    {
                        into.Add(new SeedEntry<T>(display, index, record));
                    }
                }
                catch (JsonException e)
                {
                    var field = e.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : null;
                    set.Problems.Add(new SeedProblem(display, key, field, "has a value of the wrong type"));
                }

                index++;
            }
        }
    }

    private static async Task ReadDocumentTextsAsync(SeedSet set, CancellationToken cancellationToken)
    {
        foreach (var entry in set.Documents)
        {
            var (id, file) = (entry.Record.Id, entry.Record.File);
            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(file))
            {
                continue; // the validators report the missing field
            }

            var path = Path.GetFullPath(Path.Combine(set.Directory, file));
            if (!path.StartsWith(set.Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            {
                set.Problems.Add(new SeedProblem(entry.File, entry.Key, "file", $"'{file}' is not a file inside the seed folder"));
                continue;
            }

            set.DocumentTexts[id] = await File.ReadAllTextAsync(path, cancellationToken);
        }
    }

    private static async Task ReadSdgFrameworkAsync(SeedSet set, CancellationToken cancellationToken)
    {
        foreach (var (line, raw, fields) in await ReadCsvAsync(set, SeedSet.Files.SdgFramework, 4, cancellationToken))
        {
            set.SdgRows.Add(new SdgRow(fields[0], fields[1], fields[2].Length == 0 ? null : fields[2], fields[3], line, raw));
        }

        foreach (var (_, _, fields) in await ReadCsvAsync(set, SeedSet.Files.SdgGoalShortNames, 2, cancellationToken))
        {
            set.SdgGoalShortNames[fields[0]] = fields[1];
        }

        foreach (var (_, _, fields) in await ReadCsvAsync(set, SeedSet.Files.SdgIndicatorCodes, 3, cancellationToken))
        {
            set.SdgIndicatorCodes[fields[0]] = (fields[1], fields[2].Length == 0 ? null : fields[2]);
        }
    }

    /// <summary>Reads a one-line-per-row CSV file (RFC 4180 quoting) after its header, reporting malformed rows.</summary>
    private static async Task<List<(int Line, string Raw, string[] Fields)>> ReadCsvAsync(
        SeedSet set, string file, int columns, CancellationToken cancellationToken)
    {
        var rows = new List<(int, string, string[])>();
        var display = DisplayName(set, file);
        var path = Path.Combine(set.Directory, file);
        if (!File.Exists(path))
        {
            set.Problems.Add(new SeedProblem(display, null, null, "file is missing"));
            return rows;
        }

        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            using var parser = new TextFieldParser(new StringReader(lines[i])) { HasFieldsEnclosedInQuotes = true };
            parser.SetDelimiters(",");
            string[]? fields;
            try
            {
                fields = parser.ReadFields();
            }
            catch (MalformedLineException)
            {
                fields = null;
            }

            if (fields is null || fields.Length != columns)
            {
                set.Problems.Add(new SeedProblem(display, $"line {i + 1}", null, $"must have {columns} comma-separated fields"));
                continue;
            }

            rows.Add((i + 1, lines[i], [.. fields.Select(f => f.Trim())]));
        }

        return rows;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
