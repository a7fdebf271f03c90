using HealthGraph.Api;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Web.Explorer;
using HealthGraph.Web.Exports;
using HealthGraph.Web.GraphiQL;
using HealthGraph.Web.Security;
using HealthGraph.Web.Transport;
using Microsoft.Extensions.Options;

namespace HealthGraph.Web;

/// <summary>
/// The HTTP surface in one place: which endpoints exist, and which policies each group of them takes. The API group
/// (GraphQL, its SDL, the exports) shares one CORS policy, the caller's authentication and one rate limit per client;
/// each endpoint chooses its own answer to a refusal. GraphiQL's assets, the explorer and the health checks are
/// public files and probes, outside it.
/// </summary>
public static class HealthGraphWeb
{
    /// <summary>The CORS policy of the API group: the origins of <c>GraphQL:AllowedOrigins</c>.</summary>
    public const string CorsPolicy = "HealthGraph";

    /// <summary>Registers the GraphQL API and everything of the HTTP surface around it.</summary>
    public static IHostApplicationBuilder AddHealthGraphWeb(this IHostApplicationBuilder builder)
    {
        builder.AddSecurityHeaders();
        builder.AddHealthGraphHealthChecks();
        builder.AddHealthGraphApi();
        builder.AddHealthGraphAccessControl();
        builder.AddHealthGraphRateLimiting();
        builder.AddExplorer();
        builder.Services.AddSingleton<GraphQLHttpEndpoint>();
        builder.Services.AddOptions<ResultCacheOptions>().BindConfiguration(ResultCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ResultCache>();
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
        {
            var origins = builder.Configuration.GetSection($"{GraphQLEndpointOptions.Section}:AllowedOrigins").Get<string[]>() ?? [];
            policy.WithOrigins(origins).WithMethods("GET", "POST").WithHeaders("Content-Type", "Accept", "Authorization", ApiKeyAuthenticationHandler.Header).SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));
        return builder;
    }

    /// <summary>Maps the HTTP surface: the API group with its policies, then GraphiQL's assets, the explorer and the health checks.</summary>
    public static WebApplication MapHealthGraphWeb(this WebApplication app)
    {
        var path = app.Services.GetRequiredService<IOptions<GraphQLEndpointOptions>>().Value.Path;

        // Store calls run synchronously on pool threads (Microsoft.Data.Sqlite has no asynchronous I/O): enough threads
        // from the start that the executions admitted at once cannot starve the timers that keep their deadlines.
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, app.Services.GetRequiredService<IOptions<GraphQLLimits>>().Value.MaxConcurrentExecutions + (2 * Environment.ProcessorCount)), completions);

        app.UseSecurityHeaders();
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.MapHealthGraphHealthChecks();

        var api = app.MapGroup("").RequireCors(CorsPolicy).RequireRateLimiting(RateLimiting.Policy);
        api.MapGraphQL(path);
        api.MapExports();
        api.MapWorkbook();

        app.MapGraphiQLAssets(path);
        app.MapExplorer();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Urls)
            {
                app.Logger.LogInformation("GraphiQL: open {Url} in a browser", $"{address.TrimEnd('/')}{path}");
            }
        });
        return app;
    }
}
