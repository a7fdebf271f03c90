using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Sylvan.Data.Csv;

namespace HealthGraph.Ingest.Workbook;

/// <summary>A row of a workbook's sheet: its number as the spreadsheet shows it, and its cells as text.</summary>
public sealed record WorkbookRow(int Number, IReadOnlyList<string> Cells)
{
    public string Cell(int column) => column < Cells.Count ? Cells[column] : "";
}

/// <summary>
/// One sheet of a workbook read as text: its header row, its HXL hashtag row when it has one, and its data rows.
/// Which column holds what is decided by <see cref="WorkbookLayout"/>.
/// </summary>
public sealed record WorkbookSheet(string FileName, string Name, IReadOnlyList<string> Headers, IReadOnlyList<string>? Hashtags, IReadOnlyList<WorkbookRow> Rows)
{
    /// <summary>The row data starts on (after the header and the hashtags).</summary>
    public int FirstDataRow => Hashtags is null ? 2 : 3;
}

/// <summary>A workbook that cannot be read at all: not a spreadsheet, no such sheet, no header.</summary>
public sealed class WorkbookFileException(string message) : Exception(message);

/// <summary>
/// Reads a workbook's sheet with a maintained library: XLSX with MiniExcel (streamed, the first visible sheet unless
/// one is named; hidden sheets such as lookup lists are never taken by default), CSV with Sylvan.Data.Csv (its delimiter
/// detected from the first row, a byte-order mark honoured). Dates that a spreadsheet stores as dates come as YYYY-MM-DD, numbers in the
/// invariant culture. The second row is the HXL hashtag row when any of its cells is a hashtag (#org, #adm1+code).
/// </summary>
public static class WorkbookReader
{
    /// <summary>The most rows a sheet may have: an XLSX sheet's own limit.</summary>
    public const int MaxRows = 1_048_576;

    public static WorkbookSheet Read(string path, string? sheet = null)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, Path.GetFileName(path), sheet);
    }

    public static WorkbookSheet Read(Stream stream, string fileName, string? sheet = null)
    {
        var rows = IsXlsx(stream)
            ? ReadXlsx(stream, sheet, out var sheetName)
            : ReadCsv(stream, sheet, fileName, out sheetName);
        var header = rows.FirstOrDefault(r => r.Cells.Any(c => c.Length > 0))
            ?? throw new WorkbookFileException($"{fileName}: sheet '{sheetName}' is empty: the first row must name the columns.");
        var rest = rows.Where(r => r.Number > header.Number).ToList();
        IReadOnlyList<string>? hashtags = null;
        if (rest.Count > 0 && rest[0].Cells.Any(Hxl.IsHashtag))
        {
            hashtags = rest[0].Cells;
            rest.RemoveAt(0);
        }

        return new WorkbookSheet(fileName, sheetName, header.Cells, hashtags, [.. rest.Where(r => r.Cells.Any(c => c.Length > 0))]);
    }

    /// <summary>An XLSX file is a ZIP archive: it starts with "PK".</summary>
    private static bool IsXlsx(Stream stream)
    {
        Span<byte> start = stackalloc byte[2];
        var read = stream.Read(start);
        stream.Position = 0;
        return read == 2 && start[0] == (byte)'P' && start[1] == (byte)'K';
    }

    private static List<WorkbookRow> ReadXlsx(Stream stream, string? sheet, out string sheetName)
    {
        List<MiniExcelLibs.OpenXml.SheetInfo> sheets;
        try
        {
            sheets = MiniExcel.GetSheetInformations(stream);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException)
        {
            throw new WorkbookFileException($"The file is not a workbook that can be read (XLSX or CSV): {e.Message}");
        }

        var chosen = sheet is null
            ? sheets.FirstOrDefault(s => s.State == MiniExcelLibs.OpenXml.SheetState.Visible)
            : sheets.FirstOrDefault(s => string.Equals(s.Name, sheet, StringComparison.OrdinalIgnoreCase));
        sheetName = chosen?.Name ?? throw new WorkbookFileException(sheet is null
            ? "The workbook has no visible sheet."
            : $"The workbook has no sheet '{sheet}'; its sheets are {string.Join(", ", sheets.Select(s => $"'{s.Name}'"))}.");
        stream.Position = 0;
        var rows = new List<WorkbookRow>();
        var number = 0;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheetName, excelType: ExcelType.XLSX))
        {
            if (++number > MaxRows)
            {
                throw new WorkbookFileException($"Sheet '{sheetName}' has more than {MaxRows:N0} rows.");
            }

            rows.Add(new WorkbookRow(number, [.. row.Values.Select(Text)]));
        }

        return rows;
    }

    private static List<WorkbookRow> ReadCsv(Stream stream, string? sheet, string fileName, out string sheetName)
    {
        sheetName = Path.GetFileNameWithoutExtension(fileName);
        if (sheet is not null && !string.Equals(sheet, sheetName, StringComparison.OrdinalIgnoreCase))
        {
            throw new WorkbookFileException($"A CSV file has one sheet, '{sheetName}', not '{sheet}'.");
        }

        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var csv = CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = false, Comment = '\0' }); // '#' starts HXL hashtags, not comments
        var rows = new List<WorkbookRow>();
        try
        {
            while (csv.Read())
            {
                if (rows.Count == MaxRows)
                {
                    throw new WorkbookFileException($"{fileName} has more than {MaxRows:N0} rows.");
                }

                rows.Add(new WorkbookRow(rows.Count + 1, [.. Enumerable.Range(0, csv.RowFieldCount).Select(i => Undefused(csv.GetString(i).Trim()))]));
            }
        }
        catch (CsvFormatException e)
        {
            throw new WorkbookFileException($"{fileName}: row {rows.Count + 1} cannot be read as CSV: {e.Message}");
        }

        return rows;
    }

    /// <summary>
    /// A cell as written, without the quote that CSV exports put before a cell starting with '=', '+', '-' or '@' so
    /// that a spreadsheet does not run it as a formula (OWASP's CSV injection advice; HealthGraph's exports do so).
    /// </summary>
    public static string Undefused(string cell) => cell.Length > 1 && cell[0] == '\'' && StartsAFormula(cell[1]) ? cell[1..] : cell;

    /// <summary>A character that makes a spreadsheet read a cell as a formula when it starts it.</summary>
    public static bool StartsAFormula(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠';

    /// <summary>A cell as text: dates as YYYY-MM-DD (with the time when it has one), numbers in the invariant culture.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        double n => n.ToString("R", CultureInfo.InvariantCulture),
        decimal n => n.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!.Trim(),
    };
}
