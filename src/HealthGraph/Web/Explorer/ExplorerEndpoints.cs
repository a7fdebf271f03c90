using System.Net;
using System.Text;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Web.Security;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace HealthGraph.Web.Explorer;

/// <summary>
/// The coordination explorer (src/explorer, a Vite build) at <c>/explore/</c>: its page and its files, from the folder
/// the .NET build writes them to beside the binary. A build without Node.js has no such folder, and then
/// <c>/explore/</c> says so and how to get the page, instead of a bare 404.
/// </summary>
public static class ExplorerEndpoints
{
    /// <summary>Where the explorer is served.</summary>
    public const string Path = "/explore";

    /// <summary>The meta tag in the page's head that tells it where the GraphQL endpoint is (written when it is served).</summary>
    internal const string EndpointMeta = """<meta name="healthgraph-graphql" content="../graphql" />""";

    /// <summary>The meta tag that tells the page the identity provider it signs in with (written when sign-in is configured).</summary>
    internal const string SignInMeta = """<meta name="healthgraph-sign-in" content="" />""";

    // The page runs only its own scripts and talks only to this host (and, with sign-in configured, to the identity
    // provider's endpoints, for its metadata and tokens). Inline styles are allowed: the heatmap's cells carry their
    // shade, and Cytoscape.js positions its canvas, in style attributes.
    private static string ContentSecurityPolicy(Uri? identityProvider) =>
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        $"connect-src 'self'{(identityProvider is null ? "" : $" {identityProvider.GetLeftPart(UriPartial.Authority)}")}; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    // Vite names every file under assets/ by a hash of its content.
    private const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Registers the explorer's settings (section <c>Explorer</c>).</summary>
    public static IHostApplicationBuilder AddExplorer(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ExplorerOptions>().BindConfiguration(ExplorerOptions.Section);
        return builder;
    }

    /// <summary>Maps <c>/explore/</c> (the page; <c>/explore</c> redirects there) and the page's files.</summary>
    public static WebApplication MapExplorer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var directory = System.IO.Path.GetFullPath(app.Services.GetRequiredService<IOptions<ExplorerOptions>>().Value.Directory);
        var index = System.IO.Path.Combine(directory, "index.html");
        // Read once: the page is a kilobyte that only a new build changes, and a new build means a restart.
        var page = new Page(index, File.Exists(index) ? File.ReadAllText(index) : null);
        var graphQLPath = app.Services.GetRequiredService<IOptions<GraphQLEndpointOptions>>().Value.Path;
        var signIn = SignIn.Of(app.Services.GetRequiredService<IOptions<ExplorerOptions>>().Value, app.Services.GetRequiredService<IOptions<AccessOptions>>().Value);

        // Routing treats /explore and /explore/ alike; the page's files are relative to /explore/, so the first redirects.
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], (HttpContext context) => ServePageAsync(context, page, graphQLPath, signIn))
            .ExcludeFromDescription();
        app.MapMethods($"{Path}/index.html", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) => WritePageAsync(context, page, graphQLPath, signIn))
            .ExcludeFromDescription();

        if (Directory.Exists(directory))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = Path,
                FileProvider = new PhysicalFileProvider(directory),
                OnPrepareResponse = file =>
                {
                    if (file.Context.Request.Path.StartsWithSegments($"{Path}/assets", StringComparison.Ordinal))
                    {
                        file.Context.Response.Headers.CacheControl = ImmutableCacheControl;
                    }
                },
            });
        }
        else
        {
            app.Logger.LogWarning("The explorer was not built (no {Directory}): {Path}/ explains how to get it. Build HealthGraph with Node.js on the PATH", directory, Path);
        }

        return app;
    }

    private static Task ServePageAsync(HttpContext context, Page page, string graphQLPath, SignIn? signIn)
    {
        if (context.Request.Path.Value?.EndsWith('/') == true)
        {
            return WritePageAsync(context, page, graphQLPath, signIn);
        }

        context.Response.Redirect($"{context.Request.PathBase}{Path}/{context.Request.QueryString}");
        return Task.CompletedTask;
    }

    private static async Task WritePageAsync(HttpContext context, Page page, string graphQLPath, SignIn? signIn)
    {
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy(signIn?.Authority);
        response.Headers.CacheControl = "no-cache"; // the page names the current build's files: always revalidated
        string html;
        if (page.Html is not null)
        {
            var endpoint = WebUtility.HtmlEncode($"{context.Request.PathBase}{graphQLPath}");
            html = page.Html
                .Replace(EndpointMeta, $"""<meta name="healthgraph-graphql" content="{endpoint}" />""", StringComparison.Ordinal)
                .Replace(SignInMeta, signIn is null ? "" : $"""<meta name="healthgraph-sign-in" content="{WebUtility.HtmlEncode(signIn.Content)}" />""", StringComparison.Ordinal);
        }
        else
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            html = MissingPage(page.Path);
        }

        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.WriteAsync(html, Encoding.UTF8, context.RequestAborted);
        }
    }

    /// <summary>The built page's path, and its text (null when the build had no Node.js).</summary>
    private sealed record Page(string Path, string? Html);

    /// <summary>
    /// The identity provider the page signs editors in with, and its client there: both Auth:Jwt:Authority and
    /// Explorer:SignInClientId, or none. The page reads them from its head as "authority client-id".
    /// </summary>
    private sealed record SignIn(Uri Authority, string ClientId)
    {
        public string Content => $"{Authority} {ClientId}";

        public static SignIn? Of(ExplorerOptions explorer, AccessOptions access) =>
            access.Jwt.Authority is { } authority && !string.IsNullOrWhiteSpace(explorer.SignInClientId) ? new SignIn(authority, explorer.SignInClientId.Trim()) : null;
    }

    private static string MissingPage(string index) => $"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>HealthGraph explorer: not built</title></head>
        <body>
        <h1>The explorer has not been built</h1>
        <p>This copy of HealthGraph was built without Node.js, so the explorer's page ({WebUtility.HtmlEncode(index)}) is missing.
        Install Node.js 20 or later with npm, then build again (<code>dotnet build</code>, or <code>dotnet run --project src/HealthGraph</code>).</p>
        <p>The GraphQL API works without it.</p>
        </body>
        </html>
        """;
}

/// <summary>The explorer's settings (section <c>Explorer</c>).</summary>
public sealed class ExplorerOptions
{
    public const string Section = "Explorer";

    /// <summary>The folder the build writes the explorer to, beside the binary.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "explore");

    /// <summary>The explorer's built page (a build of src/explorer). Default: <see cref="DefaultDirectory"/>.</summary>
    public string Directory { get; set; } = DefaultDirectory;

    /// <summary>
    /// The client id the explorer signs in with at the identity provider of <c>Auth:Jwt:Authority</c> (a public client:
    /// authorization code with PKCE, its redirect URI this host's <c>/explore/</c>). Unset: editors sign in with API keys only.
    /// </summary>
    public string? SignInClientId { get; set; }
}
