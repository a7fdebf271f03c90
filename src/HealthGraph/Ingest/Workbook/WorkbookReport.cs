using HealthGraph.Store;

namespace HealthGraph.Ingest.Workbook;

/// <summary>
/// A problem with a workbook: where (sheet, row and column as the spreadsheet shows them; a whole-sheet problem has no
/// row) and what, in words a council secretary understands. An error stops the import (nothing is written); a warning
/// says what was taken as it is, or left out, and why.
/// </summary>
public sealed record WorkbookProblem(string Sheet, int? Row, string? Column, bool IsError, string Message)
{
    public override string ToString()
    {
        var where = Row is null ? $"sheet '{Sheet}'" : $"sheet '{Sheet}', row {Row}";
        return $"{(IsError ? "error" : "warning")}: {where}{(Column is null ? "" : $", column {Column}")}: {Message}";
    }
}

/// <summary>
/// What an import did, row by row: the problems (every one, at once), how the columns were found, what was written
/// (nothing when <see cref="Written"/> is false) and what the workbook no longer has.
/// </summary>
public sealed record WorkbookImportReport(
    bool Written,
    string DocumentId,
    string Sheet,
    int Rows,
    int Work,
    IReadOnlyList<WorkbookProblem> Problems,
    IReadOnlyList<string> Layout,
    IReadOnlyList<string> Created,
    IReadOnlyList<string> NoLongerInWorkbook,
    int Removed,
    int RelationshipsRemoved,
    IReadOnlyDictionary<string, ChangeCounts> Nodes,
    IReadOnlyDictionary<string, ChangeCounts> Relationships)
{
    public int Errors => Problems.Count(p => p.IsError);

    public int Warnings => Problems.Count(p => !p.IsError);

    public bool ChangedAnything => Removed > 0 || RelationshipsRemoved > 0 || Nodes.Values.Concat(Relationships.Values).Any(c => c.Changed > 0);

    /// <summary>The report as CSV (sheet, row, column, severity, message), for a council secretary to open beside the workbook.</summary>
    public string ToCsv()
    {
        var lines = new List<string> { "sheet,row,column,severity,message" };
        lines.AddRange(Problems.Select(p => string.Join(',', Quote(p.Sheet), p.Row?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Quote(p.Column ?? ""), p.IsError ? "error" : "warning", Quote(p.Message))));
        return string.Join("\r\n", lines) + "\r\n";
    }

    private static string Quote(string text) => text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
