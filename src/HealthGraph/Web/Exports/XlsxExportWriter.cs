using System.Globalization;
using System.IO.Pipelines;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HealthGraph.Ingest.Workbook;

namespace HealthGraph.Web.Exports;

/// <summary>
/// An export as an XLSX workbook for a council meeting: a formatted sheet (the header bold and frozen, filters on every
/// column, widths by column) written row by row with the Open XML SDK's <see cref="OpenXmlWriter"/> into a temporary
/// file, so memory holds one row, and sent when it is complete (an XLSX file is a ZIP archive, whose directory comes
/// last); and an "About" sheet with the export, its parameters and the time the data was read. A sheet holds at most
/// <see cref="MaxRows"/> rows: the rows past it are left out, and the About sheet says how many and that the CSV
/// export has them all.
/// </summary>
public sealed class XlsxExportWriter(PipeWriter output, string kind, string parameters, DateTimeOffset readAt, int maxRows = XlsxExportWriter.MaxRows) : ExportWriter(output)
{
    /// <summary>The rows of an XLSX sheet, the header's included.</summary>
    public const int MaxRows = 1_048_576;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"healthgraph-export-{Guid.NewGuid():N}.xlsx");
    private SpreadsheetDocument? _document;
    private WorksheetPart? _sheet;
    private OpenXmlWriter? _writer;
    private int _columns;
    private int _rows;
    private long _leftOut;
    private bool _ended;
    private bool _sent;

    public override string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public override void Begin(IReadOnlyList<string> columns)
    {
        _columns = columns.Count;
        _document = SpreadsheetDocument.Create(_path, SpreadsheetDocumentType.Workbook);
        var workbook = _document.AddWorkbookPart();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        _sheet = workbook.AddNewPart<WorksheetPart>();
        _writer = OpenXmlWriter.Create(_sheet);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
        { TabSelected = true, WorkbookViewId = 0 }));
        _writer.WriteElement(new Columns(columns.Select((c, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = Width(c), CustomWidth = true })));
        _writer.WriteStartElement(new SheetData());
        WriteRow(columns, bold: true);
    }

    public override void Row(IReadOnlyList<object?> values)
    {
        if (_rows >= maxRows)
        {
            _leftOut++;
            return;
        }

        WriteRow(values, bold: false);
    }

    public override void End()
    {
        _writer!.WriteEndElement(); // sheetData
        _writer.WriteElement(new AutoFilter { Reference = $"A1:{WorkbookLayout.Letter(_columns - 1)}{_rows}" });
        _writer.WriteEndElement(); // worksheet
        _writer.Close();

        var workbook = _document!.WorkbookPart!;
        var about = workbook.AddNewPart<WorksheetPart>();
        var facts = new List<(string, string)>
        {
            ("export", kind),
            ("parameters", parameters.Length == 0 ? "none: everything" : parameters),
            ("data read at (UTC)", readAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
            ("rows", (_rows - 1).ToString("N0", CultureInfo.InvariantCulture)),
        };
        if (_leftOut > 0)
        {
            facts.Add(("rows left out", string.Create(CultureInfo.InvariantCulture,
                $"{_leftOut:N0}: a sheet holds at most {maxRows:N0} rows; the CSV export (the same address with .csv) has them all")));
        }

        about.Worksheet = new Worksheet(
            new Columns(new Column { Min = 1, Max = 1, Width = 22, CustomWidth = true }, new Column { Min = 2, Max = 2, Width = 90, CustomWidth = true }),
            new SheetData(facts.Select((f, i) => new Row(TextCell(f.Item1, bold: true), TextCell(f.Item2, bold: false)) { RowIndex = (uint)(i + 1) })));
        workbook.Workbook = new Workbook(new Sheets(
            new Sheet { Id = workbook.GetIdOfPart(_sheet!), SheetId = 1, Name = kind },
            new Sheet { Id = workbook.GetIdOfPart(about), SheetId = 2, Name = "About" }));
        _document.Dispose();
        _document = null;
        _ended = true;
    }

    /// <summary>Nothing is sent before the workbook is complete; then the file, in one go.</summary>
    public override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (!_ended || _sent)
        {
            return;
        }

        _sent = true;
        await using (var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous))
        {
            await file.CopyToAsync(Output, cancellationToken);
        }

        await Output.FlushAsync(cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _document?.Dispose();
            File.Delete(_path);
        }

        base.Dispose(disposing);
    }

    private void WriteRow(IReadOnlyList<object?> values, bool bold)
    {
        _rows++;
        _writer!.WriteStartElement(new Row { RowIndex = (uint)_rows });
        foreach (var value in values)
        {
            _writer.WriteElement(value switch
            {
                null => new Cell(),
                long or int or double or decimal => new Cell(new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!)) { DataType = CellValues.Number },
                IEnumerable<string> list => TextCell(string.Join(CsvExportWriter.ListSeparator, list), bold),
                _ => TextCell(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", bold),
            });
        }

        _writer.WriteEndElement();
    }

    /// <summary>Text kept in the cell itself (no shared-string table, which would hold every text until the end).</summary>
    private static Cell TextCell(string text, bool bold) =>
        new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = bold ? 1U : 0U };

    /// <summary>A column's width in characters: wide for titles, excerpts and lists, narrow for codes and counts.</summary>
    private static double Width(string column) =>
        column.Contains("title", StringComparison.OrdinalIgnoreCase) || column.Contains("excerpt", StringComparison.OrdinalIgnoreCase) || column.Contains("reason", StringComparison.OrdinalIgnoreCase) ? 60
        : column.EndsWith('s') || column.Contains("name", StringComparison.OrdinalIgnoreCase) ? 32
        : 16;

    /// <summary>The default style, and bold for the header.</summary>
    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
}
