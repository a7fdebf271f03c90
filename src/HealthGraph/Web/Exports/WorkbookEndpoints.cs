using System.Security.Claims;
using HealthGraph.Ingest.Workbook;
using HealthGraph.Store;
using HealthGraph.Web.Security;
using Microsoft.Extensions.Options;

namespace HealthGraph.Web.Exports;

/// <summary>
/// The who-what-where-when workbook over HTTP: <c>GET /export/template.xlsx</c> and <c>/export/template.csv</c> (the
/// empty template, under the read rule), and <c>POST /import/workbook</c> for administrators: the workbook as the request body
/// (XLSX or CSV; its file name in <c>?file=</c>, which names its document), options in the query string
/// (<c>sheet</c>, <c>createMissing</c>, <c>removeMissing</c>, <c>skipInvalid</c>), and the report as JSON (every
/// problem by sheet, row and column; <c>written</c> false when errors stopped it) or, with <c>Accept: text/csv</c>, as
/// CSV. Errors are problem details: 401 without an administrator's credential, 403 for another role, 400 for a body that is
/// not a workbook, 413 past <see cref="MaxBytes"/>.
/// </summary>
public static class WorkbookEndpoints
{
    /// <summary>The largest workbook an upload may send: 50 MB, far above a 10,000-row 4W matrix (about 2 MB).</summary>
    public const long MaxBytes = 50L * 1024 * 1024;

    public static void MapWorkbook(this IEndpointRouteBuilder group)
    {
        group.MapGet($"{ExportEndpoints.Path}/template.csv", TemplateCsvAsync).WithMetadata(RateLimiting.Problem);
        group.MapGet($"{ExportEndpoints.Path}/template.xlsx", TemplateXlsxAsync).WithMetadata(RateLimiting.Problem);
        group.MapPost("/import/workbook", ImportAsync).WithMetadata(RateLimiting.Problem);
    }

    private static async Task TemplateCsvAsync(HttpContext context, IOptions<AccessOptions> access)
    {
        if (!access.Value.MayRead(context.User))
        {
            await ExportEndpoints.ReadsNeedACredentialAsync(context);
            return;
        }

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"healthgraph-template.csv\"";
        await context.Response.WriteAsync(WorkbookTemplate.Csv(), context.RequestAborted);
    }

    private static async Task TemplateXlsxAsync(HttpContext context, IGraphStore store, IOptions<AccessOptions> access)
    {
        if (!access.Value.MayRead(context.User))
        {
            await ExportEndpoints.ReadsNeedACredentialAsync(context);
            return;
        }

        using var scope = store.BeginRequest();
        using var buffer = new MemoryStream(); // the template is small (the lists of names); MiniExcel writes a ZIP, which needs a seekable stream
        await WorkbookTemplate.WriteXlsxAsync(buffer, store, context.RequestAborted);
        context.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"healthgraph-template.xlsx\"";
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static async Task ImportAsync(HttpContext context, IGraphStore store)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            await ExportEndpoints.ProblemAsync(context, StatusCodes.Status401Unauthorized, "Authentication required", $"Importing a workbook needs an administrator's API key ({ApiKeyAuthenticationHandler.Header} header) or bearer token.");
            return;
        }

        if (!user.IsInRole(Roles.Administrator))
        {
            // A workbook holds every partner's work and may remove rows: an editor changes only its organisations' work.
            await ExportEndpoints.ProblemAsync(context, StatusCodes.Status403Forbidden, "Not an administrator", "Importing a workbook writes every partner's work in it, so it needs the administrator role; an editor changes its own organisations' work in the explorer's forms.");
            return;
        }

        if (context.Request.ContentLength > MaxBytes)
        {
            await ExportEndpoints.ProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "Workbook too large", $"A workbook may have at most {MaxBytes / (1024 * 1024)} MB.");
            return;
        }

        var query = context.Request.Query;
        var fileName = Path.GetFileName(query["file"].FirstOrDefault() ?? "upload.xlsx");
        // The server's own body limit (Kestrel's 30 MB by default) is this endpoint's; the loop below enforces it as it
        // reads, whatever the request says about its length (a chunked body says nothing).
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = MaxBytes + 1;
        }

        using var body = new MemoryStream();
        var buffer = new byte[81_920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            if (body.Length + read > MaxBytes)
            {
                await ExportEndpoints.ProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "Workbook too large", $"A workbook may have at most {MaxBytes / (1024 * 1024)} MB.");
                return;
            }

            body.Write(buffer, 0, read);
        }

        body.Position = 0;
        WorkbookSheet sheet;
        try
        {
            sheet = WorkbookReader.Read(body, fileName, query["sheet"].FirstOrDefault());
        }
        catch (WorkbookFileException e)
        {
            await ExportEndpoints.ProblemAsync(context, StatusCodes.Status400BadRequest, "Not a workbook that can be read", e.Message);
            return;
        }

        bool Flag(string name) => query[name].FirstOrDefault() is "true" or "1";
        var options = new WorkbookImportOptions
        {
            Sheet = query["sheet"].FirstOrDefault(),
            CreateMissing = Flag("createMissing"),
            RemoveMissing = Flag("removeMissing"),
            SkipInvalid = Flag("skipInvalid"),
            Writer = user.FindFirstValue(Callers.ClaimType) ?? user.Identity.Name ?? "editor",
        };
        WorkbookImportReport report;
        try
        {
            report = await new WorkbookImporter(store).ImportAsync(sheet, options, context.RequestAborted);
        }
        catch (WorkbookFileException e)
        {
            await ExportEndpoints.ProblemAsync(context, StatusCodes.Status400BadRequest, "The workbook's columns cannot be read", e.Message);
            return;
        }

        if (context.Request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true))
        {
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"healthgraph-import-report.csv\"";
            await context.Response.WriteAsync(report.ToCsv(), context.RequestAborted);
            return;
        }

        await Results.Json(new
        {
            report.Written,
            report.DocumentId,
            report.Sheet,
            report.Rows,
            report.Work,
            report.Errors,
            report.Warnings,
            Columns = report.Layout,
            report.Created,
            report.NoLongerInWorkbook,
            report.Removed,
            Problems = report.Problems.Select(p => new { p.Sheet, p.Row, p.Column, Severity = p.IsError ? "error" : "warning", p.Message }),
        }, statusCode: StatusCodes.Status200OK).ExecuteAsync(context);
    }
}
