using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;

namespace HealthGraph.Web.Exports;

/// <summary>
/// Writes an export's rows to the response as they come: a header (CSV) or the opening bracket (JSON), then rows, then
/// the end. Cell values are text, whole numbers, doubles, lists of text, or null; <see cref="FlushAsync"/> sends what
/// was written so far, so memory holds one batch of rows at most.
/// </summary>
public abstract class ExportWriter(PipeWriter output) : IDisposable
{
    protected PipeWriter Output { get; } = output;

    public abstract string ContentType { get; }

    public abstract void Begin(IReadOnlyList<string> columns);

    public abstract void Row(IReadOnlyList<object?> values);

    public abstract void End();

    public virtual async ValueTask FlushAsync(CancellationToken cancellationToken) => await Output.FlushAsync(cancellationToken);

    /// <summary>The writer of a format; an XLSX workbook also names the export, its parameters and when the data was read.</summary>
    public static ExportWriter For(string format, PipeWriter output, string kind = "export", string parameters = "", DateTimeOffset? readAt = null) => format switch
    {
        "csv" => new CsvExportWriter(output),
        "json" => new JsonExportWriter(output),
        "xlsx" => new XlsxExportWriter(output, kind, parameters, readAt ?? DateTimeOffset.UtcNow),
        _ => throw new ArgumentException($"Unknown export format '{format}'.", nameof(format)),
    };

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    protected static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// CSV as RFC 4180 says: a header row, CRLF after every row, UTF-8, and a field quoted (its quotes doubled) when it
/// holds a comma, a quote, CR or LF. Lists are joined with "; ". Text that a spreadsheet would run as a formula
/// (starting with =, +, -, @, tab or CR, or the full-width ＝ ＋ － ＠ that spreadsheets read as those) gets a leading
/// single quote, as OWASP advises for CSV exports: a text cell, and each value of a list cell (a value becomes a cell
/// start when the list is split into columns); numbers never do.
/// </summary>
public sealed class CsvExportWriter(PipeWriter output) : ExportWriter(output)
{
    /// <summary>What separates the values of a list in one cell.</summary>
    public const string ListSeparator = "; ";

    private readonly StringBuilder _line = new();

    public override string ContentType => "text/csv; charset=utf-8";

    public override void Begin(IReadOnlyList<string> columns) => Row(columns);

    public override void Row(IReadOnlyList<object?> values)
    {
        _line.Clear();
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                _line.Append(',');
            }

            switch (values[i])
            {
                case null:
                    break;
                case long or int:
                    _line.Append(Convert.ToInt64(values[i], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    _line.Append(Number(d));
                    break;
                case IReadOnlyList<string> list:
                    AppendText(string.Join(ListSeparator, list.Select(Defused)));
                    break;
                case var other:
                    AppendText(Defused(Convert.ToString(other, CultureInfo.InvariantCulture) ?? ""));
                    break;
            }
        }

        _line.Append("\r\n");
        Encoding.UTF8.GetBytes(_line.ToString(), Output);
    }

    public override void End()
    {
    }

    /// <summary>Text as a spreadsheet should read it at the start of a cell: text, never a formula.</summary>
    public static string Defused(string text) =>
        text.Length > 0 && Ingest.Workbook.WorkbookReader.StartsAFormula(text[0]) ? "'" + text : text;

    private void AppendText(string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _line.Append(text);
            return;
        }

        _line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}

/// <summary>A JSON array of objects, one per row, with the columns as property names; lists are arrays, missing values null.</summary>
public sealed class JsonExportWriter(PipeWriter output) : ExportWriter(output)
{
    private readonly Utf8JsonWriter _json = new((IBufferWriter<byte>)output, new JsonWriterOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // as the GraphQL responses: JSON, never HTML
    });

    private IReadOnlyList<JsonEncodedText> _columns = [];

    public override string ContentType => "application/json; charset=utf-8";

    public override void Begin(IReadOnlyList<string> columns)
    {
        _columns = [.. columns.Select(c => JsonEncodedText.Encode(c))];
        _json.WriteStartArray();
    }

    public override void Row(IReadOnlyList<object?> values)
    {
        _json.WriteStartObject();
        for (var i = 0; i < values.Count; i++)
        {
            _json.WritePropertyName(_columns[i]);
            switch (values[i])
            {
                case null:
                    _json.WriteNullValue();
                    break;
                case long l:
                    _json.WriteNumberValue(l);
                    break;
                case int n:
                    _json.WriteNumberValue(n);
                    break;
                case double d:
                    _json.WriteNumberValue(d);
                    break;
                case IReadOnlyList<string> list:
                    _json.WriteStartArray();
                    foreach (var item in list)
                    {
                        _json.WriteStringValue(item);
                    }

                    _json.WriteEndArray();
                    break;
                case var other:
                    _json.WriteStringValue(Convert.ToString(other, CultureInfo.InvariantCulture));
                    break;
            }
        }

        _json.WriteEndObject();
    }

    public override void End() => _json.WriteEndArray();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _json.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _json.FlushAsync(cancellationToken);
        await Output.FlushAsync(cancellationToken);
    }
}
