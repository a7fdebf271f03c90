using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace HealthGraph.Web;

/// <summary>
/// Headers every response carries, whatever answers it (GraphQL, exports, health, GraphiQL, the explorer, errors and
/// 404s): <c>X-Content-Type-Options: nosniff</c> (a browser takes each response as the type it is sent as) and
/// <c>Referrer-Policy: no-referrer</c> (the pages link to source documents elsewhere, which need not learn where a
/// reader came from; nothing here reads the Referer). Kestrel does not name itself in a <c>Server</c> header.
/// </summary>
public static class SecurityHeaders
{
    public static IHostApplicationBuilder AddSecurityHeaders(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    /// <summary>Sets the headers as each response starts, so error pages that clear the response keep them. Put it first.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                response.Headers.XContentTypeOptions = "nosniff";
                response.Headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
