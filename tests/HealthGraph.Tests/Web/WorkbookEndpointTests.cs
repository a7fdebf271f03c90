using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using HealthGraph.Ingest.Workbook;
using HealthGraph.Tests.Support;
using HealthGraph.Web.Security;

namespace HealthGraph.Tests.Web;

/// <summary>
/// The workbook over HTTP: the template at <c>/export/template.xlsx</c> and <c>.csv</c>, the matrix at
/// <c>/export/workbook.csv</c>, and the editors' upload at <c>POST /import/workbook</c> with its report.
/// </summary>
public sealed class WorkbookEndpointTests(HealthGraphApp app) : IClassFixture<HealthGraphApp>
{
    private static readonly string s_header = string.Join(',', WorkbookColumns.All.Where(c => c.InTemplate).Select(c => c.Header));

    private async Task<HttpResponseMessage> UploadAsync(string csv, string? key, string query = "file=council-2025.csv")
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/import/workbook?{query}") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        if (key is not null)
        {
            request.Headers.Add(ApiKeyAuthenticationHandler.Header, key);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task TheTemplateDownloadsAsXlsxAndCsv_WithTheColumnsAndTheirHashtags()
    {
        using var client = app.CreateClient();
        using var xlsx = await client.GetAsync(new Uri("/export/template.xlsx", UriKind.Relative));
        using var csv = await client.GetAsync(new Uri("/export/template.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var sheet = WorkbookReader.Read(await xlsx.Content.ReadAsStreamAsync(), "template.xlsx");
        Assert.Equal(WorkbookColumns.All.Where(c => c.InTemplate).Select(c => c.Header), sheet.Headers);
        Assert.Equal(WorkbookTemplate.Csv(), await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnEditorsUploadIsImportedWithItsReport_AnonymousIs401_AReaderIs403_AndNothingIsWrittenForThem()
    {
        var workbook = s_header + "\r\n" + "council-hwf-2025,WHO,,Health workforce planning in Khatlon,,health-workforce,3.8,TJ-KT,,2025,,implementation,,,,,\r\n";

        using var anonymous = await UploadAsync(workbook, null);
        using var reader = await UploadAsync(workbook, HealthGraphApp.ReaderKey);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.Null((await app.DataAsync("""{ deliverable(id: "council-hwf-2025") { id } }"""))["deliverable"]);

        using var editor = await UploadAsync(workbook, HealthGraphApp.EditorKey);
        Assert.Equal(HttpStatusCode.OK, editor.StatusCode);
        var report = JsonNode.Parse(await editor.Content.ReadAsStringAsync())!;
        Assert.Equal((true, "workbook-council-2025", 1, 0), ((bool)report["written"]!, (string)report["documentId"]!, (int)report["work"]!, (int)report["errors"]!));

        var data = await app.DataAsync("""
            { deliverable(id: "council-hwf-2025") { title places { nodes { id isoCode } } provenance { basis document { id documentKind } excerpt } }
              inKhatlon: deliverables(where: { place: { eq: "place-3507000" } }) { nodes { id } } }
            """);
        var work = data["deliverable"]!;
        Assert.Equal("TJ-KT", (string)work["places"]!["nodes"]![0]!["isoCode"]!);
        Assert.Equal(("STATED", "workbook-council-2025", "WORKBOOK"), ((string)work["provenance"]!["basis"]!, (string)work["provenance"]!["document"]!["id"]!, (string)work["provenance"]!["document"]!["documentKind"]!));
        Assert.Contains("Region: TJ-KT", (string)work["provenance"]!["excerpt"]!, StringComparison.Ordinal);
        Assert.Equal(["council-hwf-2025"], data["inKhatlon"]!["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
    }

    [Fact]
    public async Task AnUploadWithErrorsWritesNothing_AndItsReportIsDownloadableAsCsv()
    {
        var workbook = s_header + "\r\n" + "council-bad,Nobody Known,,Work of an unknown partner,,,,,,,,,,,,,\r\n";
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/import/workbook?file=bad.csv") { Content = new StringContent(workbook, Encoding.UTF8, "text/csv") };
        request.Headers.Add(ApiKeyAuthenticationHandler.Header, HealthGraphApp.EditorKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sheet,row,column,severity,message", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("bad,2,B (Implementing organisation),error,\"no organisation is called 'Nobody Known'", StringComparison.Ordinal));
        Assert.Null((await app.DataAsync("""{ deliverable(id: "council-bad") { id } }"""))["deliverable"]);
    }

    [Fact]
    public async Task ABodyThatIsNoWorkbookIs400WithWhy()
    {
        using var response = await UploadAsync("PK\u0003\u0004 not really a zip", HealthGraphApp.EditorKey, "file=broken.xlsx");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a workbook that can be read", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>The XLSX exports: the same rows as the CSV ones, in a formatted sheet, with an About sheet; capped at a sheet's rows.</summary>
public sealed class XlsxExportTests(HealthGraphApp app) : IClassFixture<HealthGraphApp>
{
    [Theory]
    [InlineData("deliverables", "agency=ilo")]
    [InlineData("overlaps", "basis=STATED")]
    [InlineData("workbook", "")]
    public async Task AnXlsxExportHoldsTheCsvExportsRows_InAFrozenFilteredSheet_WithWhatAndWhenOnItsAboutSheet(string kind, string parameters)
    {
        using var client = app.CreateClient();
        var csv = Csv.Table(await client.GetStringAsync(new Uri($"/export/{kind}.csv?{parameters}", UriKind.Relative)));
        using var response = await client.GetAsync(new Uri($"/export/{kind}.xlsx?{parameters}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        var sheet = WorkbookReader.Read(file, $"{kind}.xlsx");
        Assert.Equal(kind, sheet.Name);
        Assert.Equal(csv.Count, sheet.Rows.Count);
        Assert.Equal(csv.Select(r => r[sheet.Headers[0]]), sheet.Rows.Select(r => r.Cell(0)));
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(file, isEditable: false);
        var parts = document.WorkbookPart!;
        var data = (DocumentFormat.OpenXml.Packaging.WorksheetPart)parts.GetPartById(parts.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First().Id!);
        Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.PaneStateValues.Frozen, data.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Pane>().Single().State!.Value);
        Assert.StartsWith("A1:", data.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.AutoFilter>().Single().Reference!.Value, StringComparison.Ordinal);
        file.Position = 0;
        var about = WorkbookReader.Read(file, $"{kind}.xlsx", "About");
        Assert.Equal(["export", kind], about.Headers.Take(2));
        Assert.Contains(about.Rows, r => r.Cell(0) == "rows" && r.Cell(1) == csv.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task RowsPastASheetsLimitAreLeftOut_AndTheAboutSheetSaysHowManyAndWhereTheyAre()
    {
        var pipe = new System.IO.Pipelines.Pipe();
        using (var writer = new HealthGraph.Web.Exports.XlsxExportWriter(pipe.Writer, "deliverables", "", DateTimeOffset.UnixEpoch, maxRows: 3))
        {
            writer.Begin(["id", "title"]);
            foreach (var i in Enumerable.Range(1, 5))
            {
                writer.Row([$"d{i}", $"Work {i}"]);
            }

            writer.End();
            await writer.FlushAsync(default);
        }

        await pipe.Writer.CompleteAsync();
        using var file = new MemoryStream();
        await pipe.Reader.AsStream().CopyToAsync(file);
        file.Position = 0;
        var sheet = WorkbookReader.Read(file, "capped.xlsx");
        file.Position = 0;
        var about = WorkbookReader.Read(file, "capped.xlsx", "About");

        Assert.Equal(["d1", "d2"], sheet.Rows.Select(r => r.Cell(0)));
        Assert.Contains(about.Rows, r => r.Cell(0) == "rows left out" && r.Cell(1).StartsWith("3: a sheet holds at most 3 rows", StringComparison.Ordinal));
        Assert.Contains(about.Rows, r => r.Cell(0) == "data read at (UTC)" && r.Cell(1) == "1970-01-01 00:00:00");
    }
}

/// <summary>An upload larger than the limit is refused while it is read, whether or not it says its length.</summary>
public sealed class WorkbookUploadLimitTests(HealthGraphApp app) : IClassFixture<HealthGraphApp>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AWorkbookPastTheLimitIs413_ChunkedOrNot(bool sayLength)
    {
        using var client = app.CreateClient();
        var size = HealthGraph.Web.Exports.WorkbookEndpoints.MaxBytes + 1;
        using var content = sayLength
            ? (HttpContent)new ByteArrayContent(new byte[size])
            : new StreamContent(new Zeros(size));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/import/workbook?file=huge.csv") { Content = content };
        request.Headers.Add(ApiKeyAuthenticationHandler.Header, HealthGraphApp.EditorKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>A stream of zeros of a given length that cannot say its length (so the body is sent chunked).</summary>
    private sealed class Zeros(long length) : Stream
    {
        private long _left = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _left);
            Array.Clear(buffer, offset, n);
            _left -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
