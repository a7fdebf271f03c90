using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace HealthGraph.Web.GraphiQL;

/// <summary>
/// GraphiQL at the GraphQL endpoint, with no internet needed: a browser that asks <c>GET /graphql</c> for HTML gets
/// the page, and the page loads React, ReactDOM and GraphiQL from files HealthGraph embeds and serves itself.
/// </summary>
public static class GraphiQLEndpoints
{
    /// <summary>The page's title.</summary>
    public const string Title = "HealthGraph · GraphiQL";

    /// <summary>The query the editor opens with on a first visit (GraphiQL keeps the user's tabs after that).</summary>
    public const string DefaultQuery = """
        # Which agencies work on the same SDG targets, and what do they share?
        query PartnerOverlaps {
          partnerOverlaps(first: 10) {
            nodes {
              agencyA { name }
              agencyB { name }
              targets { sharedCount jaccard shared { id name } }
              counterparts { sharedCount shared { id name } }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    // Safe because every asset URL carries a hash of the asset's content.
    private const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    private static readonly MediaTypeHeaderValue s_html = new("text/html");
    private static readonly MediaTypeHeaderValue[] s_graphQLResponses =
        [new("application/json"), new("application/graphql-response+json")];

    // The default encoder escapes <, > and &, so the JSON cannot end the <script> block it sits in.
    private static readonly JsonSerializerOptions s_pageConfigJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Whether the request is a browser opening the endpoint: a GET whose Accept header ranks <c>text/html</c>
    /// above both <c>application/json</c> and <c>application/graphql-response+json</c> (q-values respected; the most
    /// specific matching range decides, so <c>*/*</c> alone is not a browser).
    /// </summary>
    public static bool IsBrowserRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpMethods.IsGet(request.Method) || MediaRanges.Parse(request.Headers.Accept) is not { Count: > 0 } accepted)
        {
            return false;
        }

        var html = MediaRanges.Rank(accepted, s_html).Quality;
        return html > 0 && s_graphQLResponses.All(mediaType => html > MediaRanges.Rank(accepted, mediaType).Quality);
    }

    /// <summary>
    /// Writes the GraphiQL page for the GraphQL endpoint at <paramref name="endpointPath"/> (relative to the app's
    /// PathBase). When the build could not embed GraphiQL's files (npm was not on the PATH), the page says so and
    /// explains how to get them.
    /// </summary>
    public static Task WriteGraphiQLPageAsync(HttpContext context, string endpointPath) =>
        WriteGraphiQLPageAsync(context, endpointPath, GraphiQLAssets.Embedded);

    /// <summary>
    /// Serves the page's files at <c>{endpointPath}/graphiql/{version}/{file}</c>, where the version is a hash of the
    /// file's content, so they are cached for a year and revalidated by a strong ETag; gzip-encoded when the browser
    /// accepts it. Any other version or file is 404.
    /// </summary>
    public static IEndpointRouteBuilder MapGraphiQLAssets(this IEndpointRouteBuilder endpoints, string endpointPath) =>
        MapGraphiQLAssets(endpoints, endpointPath, GraphiQLAssets.Embedded);

    internal static async Task WriteGraphiQLPageAsync(HttpContext context, string endpointPath, GraphiQLAssets assets)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.Request.PathBase.Add(EndpointPath(endpointPath));
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var missing = assets.Missing;

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store"; // a fresh nonce each time
        response.Headers.ContentSecurityPolicy = missing.Count == 0
            ? "default-src 'none'; script-src 'self'; " +
              $"style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
              "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
            : "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

        var html = missing.Count == 0 ? Page(endpoint, assets, nonce) : MissingAssetsPage(endpoint, assets, missing);
        await response.WriteAsync(html, Encoding.UTF8, context.RequestAborted);
    }

    internal static IEndpointRouteBuilder MapGraphiQLAssets(this IEndpointRouteBuilder endpoints, string endpointPath, GraphiQLAssets assets)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var endpoint = EndpointPath(endpointPath);
        endpoints.MapMethods(
                $"{endpoint}/graphiql/{{version}}/{{file}}",
                [HttpMethods.Get, HttpMethods.Head],
                Results<FileContentHttpResult, NotFound> (string version, string file, HttpContext context) =>
                    ServeAsset(assets, version, file, context))
            .ExcludeFromDescription();

        if (assets.Missing is { Count: > 0 } missing)
        {
            endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(typeof(GraphiQLEndpoints).FullName!).LogWarning(
                "GraphiQL's files are not embedded (missing {MissingFiles}): {Endpoint} shows how to get them. Build HealthGraph with npm on the PATH",
                missing,
                endpoint.Value);
        }

        return endpoints;
    }

    private static Results<FileContentHttpResult, NotFound> ServeAsset(GraphiQLAssets assets, string version, string file, HttpContext context)
    {
        if (!assets.TryGet(file, out var asset) || !string.Equals(asset.Version, version, StringComparison.Ordinal))
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.CacheControl = ImmutableCacheControl;
        headers.Vary = HeaderNames.AcceptEncoding;
        if (AcceptsGzip(context.Request))
        {
            headers.ContentEncoding = "gzip";
            return TypedResults.Bytes(asset.GzipContent, asset.ContentType, entityTag: asset.GzipETag);
        }

        // The file result answers If-None-Match with 304 Not Modified.
        return TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }

    private static string Page(PathString endpoint, GraphiQLAssets assets, string nonce)
    {
        string Url(string file) => AssetUrl(endpoint, assets, file);
        var config = JsonSerializer.Serialize(new PageConfig(FetchUrl(endpoint), DefaultQuery), s_pageConfigJson);
        var styleSheets = string.Concat(GraphiQLAssets.StyleSheets.Select(file => $"""

                <link rel="stylesheet" href="{Url(file)}">
            """));
        var scripts = string.Concat(GraphiQLAssets.Scripts.Select(file => $"""

                <script src="{Url(file)}"{(file == GraphiQLAssets.StartupScript ? $" nonce=\"{nonce}\"" : "")} defer></script>
            """));

        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{Title}</title>{styleSheets}
                <script type="application/json" id="healthgraph-graphiql-config">{config}</script>{scripts}
            </head>
            <body>
                <div id="graphiql">Loading GraphiQL…</div>
            </body>
            </html>

            """;
    }

    private static string MissingAssetsPage(PathString endpoint, GraphiQLAssets assets, IReadOnlyList<string> missing)
    {
        var styleSheet = assets.TryGet(GraphiQLAssets.PageStyleSheet, out _)
            ? $"""

                <link rel="stylesheet" href="{AssetUrl(endpoint, assets, GraphiQLAssets.PageStyleSheet)}">
            """
            : "";
        var missingList = string.Join(", ", missing.Select(file => $"<code>{HtmlEncoder.Default.Encode(file)}</code>"));
        var endpointText = HtmlEncoder.Default.Encode(FetchUrl(endpoint));

        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{Title}</title>{styleSheet}
            </head>
            <body>
                <main class="healthgraph-notice">
                    <h1>GraphiQL's assets are missing</h1>
                    <p>This build of HealthGraph has no GraphiQL assets embedded (missing: {missingList}).
                    They come from npm packages, which the .NET build installs with <code>npm ci</code> when npm is on
                    the PATH; the build that made this binary had no npm.</p>
                    <p>To get them, install Node.js (20 or later, with npm) and build again:</p>
                    <pre>dotnet build src/HealthGraph</pre>
                    <p>or install the packages yourself, then build again:</p>
                    <pre>cd src/HealthGraph/Web/GraphiQL &amp;&amp; npm ci</pre>
                    <p>The GraphQL API itself works: POST queries to <code>{endpointText}</code>.</p>
                </main>
            </body>
            </html>

            """;
    }

    private static string AssetUrl(PathString endpoint, GraphiQLAssets assets, string file) =>
        assets.TryGet(file, out var asset)
            ? HtmlEncoder.Default.Encode(endpoint.Add("/" + GraphiQLAssets.RelativePath(asset)).ToUriComponent())
            : throw new InvalidOperationException($"The GraphiQL asset '{file}' is not embedded.");

    private static string FetchUrl(PathString endpoint) => endpoint.HasValue ? endpoint.ToUriComponent() : "/";

    // "/graphql" and "/graphql/" name the same endpoint; "/" is the root.
    private static PathString EndpointPath(string endpointPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpointPath);
        var path = new PathString(endpointPath); // throws unless it starts with '/'
        return path.Value!.TrimEnd('/') is { Length: > 0 } trimmed ? new PathString(trimmed) : PathString.Empty;
    }

    private static bool AcceptsGzip(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var encodings))
        {
            return false;
        }

        var gzip = encodings.FirstOrDefault(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            ?? encodings.FirstOrDefault(e => e.Value.Equals("*", StringComparison.Ordinal));
        return gzip is not null && (gzip.Quality ?? 1) > 0;
    }

    // RFC 9110, 12.5.1: the most specific media range that matches decides the quality.
    private sealed record PageConfig(string Url, string DefaultQuery);
}
