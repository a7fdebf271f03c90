using HealthGraph.Store;
using HealthGraph.Web.Security;
using Microsoft.Extensions.Options;

namespace HealthGraph.Web.Exports;

/// <summary>
/// <c>GET /export/{kind}.csv</c>, <c>.json</c> and <c>.xlsx</c>: the deliverables, alignments, overlaps, coverage and the workbook matrix as files for
/// reports and spreadsheets, streamed as the store produces them, under the GraphQL endpoint's access rule, CORS
/// policy and rate limit. Errors are problem details (RFC 9457): 404 for an unknown kind or format, 400 for a bad
/// parameter, 401 when reads need a key, 503 when the store is unavailable.
/// </summary>
public static partial class ExportEndpoints
{
    public const string Path = "/export";

    public static IReadOnlyList<string> Formats { get; } = ["csv", "json", "xlsx"];

    public static IReadOnlyList<IExportKind> Kinds { get; } = [new DeliverableExport(), new AlignmentExport(), new OverlapExport(), new CoverageExport(), new WorkbookExport()];

    /// <summary>Maps the exports on <paramref name="group"/>, whose policies (CORS, rate limits) they take.</summary>
    public static RouteHandlerBuilder MapExports(this IEndpointRouteBuilder group) =>
        group.MapGet($"{Path}/{{file}}", ExportAsync).WithMetadata(RateLimiting.Problem);

    private static async Task ExportAsync(
        string file, HttpContext context, IGraphStore store, IOptions<AccessOptions> access, IOptions<Api.Engine.Execution.GraphQLLimits> limits, ILoggerFactory loggers)
    {
        var dot = file.LastIndexOf('.');
        var kind = Kinds.FirstOrDefault(k => dot > 0 && k.Name == file[..dot]);
        var format = dot > 0 ? file[(dot + 1)..] : "";
        if (kind is null || !Formats.Contains(format))
        {
            await ProblemAsync(context, StatusCodes.Status404NotFound, "No such export",
                $"There is no export '{file}'. Exports: {string.Join(", ", Kinds.SelectMany(k => Formats.Select(f => $"{Path}/{k.Name}.{f}")))}.",
                new() { ["kinds"] = Kinds.Select(k => k.Name).ToList(), ["formats"] = Formats });
            return;
        }

        if (!access.Value.MayRead(context.User))
        {
            await ReadsNeedACredentialAsync(context);
            return;
        }

        ExportParameters parameters;
        try
        {
            parameters = new ExportParameters(context.Request.Query, kind.Parameters, limits.Value.MaxBatchSize);
        }
        catch (ExportParameterException bad)
        {
            await BadParameterAsync(context, bad);
            return;
        }

        var cancellationToken = context.RequestAborted;
        using var scope = store.BeginRequest();
        await using var batches = kind.RowsAsync(parameters, store, cancellationToken).GetAsyncEnumerator(cancellationToken);
        bool more;
        try
        {
            // The first batch before the response starts: a bad parameter or an unavailable store still gets its status.
            more = await batches.MoveNextAsync();
        }
        catch (ExportParameterException bad)
        {
            await BadParameterAsync(context, bad);
            return;
        }
        catch (StoreUnavailableException outage)
        {
            LogStoreUnavailable(loggers.CreateLogger(typeof(ExportEndpoints)), kind.Name, outage.Message);
            await ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Store unavailable",
                "The graph store is unavailable right now, so nothing was exported; try again shortly.", []); // what failed is for the log, as for /graphql
            return;
        }

        using var writer = ExportWriter.For(format, context.Response.BodyWriter, kind.Name, context.Request.QueryString.Value?.TrimStart('?') ?? "", DateTimeOffset.UtcNow);
        context.Response.ContentType = writer.ContentType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"healthgraph-{kind.Name}.{format}\"";
        context.Response.Headers.CacheControl = "no-store";
        writer.Begin(kind.Columns);
        try
        {
            while (more)
            {
                foreach (var row in batches.Current)
                {
                    writer.Row(row);
                }

                await writer.FlushAsync(cancellationToken);
                more = await batches.MoveNextAsync();
            }
        }
        catch (StoreUnavailableException outage)
        {
            // The status is sent: end the connection without the closing chunk, so that no client takes the
            // truncated file for a complete one.
            LogStoreUnavailable(loggers.CreateLogger(typeof(ExportEndpoints)), kind.Name, outage.Message);
            context.Abort();
            return;
        }

        writer.End();
        await writer.FlushAsync(cancellationToken);
    }

    private static Task BadParameterAsync(HttpContext context, ExportParameterException bad) =>
        ProblemAsync(context, StatusCodes.Status400BadRequest, "Bad export parameter", bad.Message, new() { ["parameter"] = bad.Parameter, ["allowed"] = bad.Allowed });

    /// <summary>The 401 of a file endpoint whose server needs a credential for reads.</summary>
    internal static Task ReadsNeedACredentialAsync(HttpContext context) =>
        ProblemAsync(context, StatusCodes.Status401Unauthorized, "Authentication required",
            $"Reads need an API key ({ApiKeyAuthenticationHandler.Header} header) or a bearer token on this server.");

    /// <summary>An error of a file endpoint as problem details (RFC 9457).</summary>
    internal static Task ProblemAsync(HttpContext context, int status, string title, string detail, Dictionary<string, object?>? extensions = null) =>
        Results.Problem(detail, statusCode: status, title: title, extensions: extensions).ExecuteAsync(context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export {Kind} failed: the store is unavailable ({Reason})")]
    private static partial void LogStoreUnavailable(ILogger logger, string kind, string reason);
}
