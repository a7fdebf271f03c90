using FluentValidation;
using GraphQL;
using GraphQL.Utilities;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using HealthGraph.Api.Errors;
using HealthGraph.Api.Execution;
using HealthGraph.Api.Http;
using HealthGraph.Api.Security;
using HealthGraph.GraphiQL;
using Microsoft.Extensions.Options;

namespace HealthGraph.Api;

public static class ApiExtensions
{
    internal const string CorsPolicy = "GraphQL";

    /// <summary>
    /// Registers the GraphQL API: the schema (graphql-dotnet, System.Text.Json), per-request batch loaders, input
    /// validators, the document cache, persisted documents, the error shape and CORS for the configured origins.
    /// </summary>
    public static IHostApplicationBuilder AddHealthGraphApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GraphQLEndpointOptions>()
            .BindConfiguration(GraphQLEndpointOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.AllowedOrigins.All(IsOrigin), "GraphQL:AllowedOrigins must hold origins such as https://explorer.example.org (scheme, host and port only, no '*').")
            .ValidateOnStart();
        builder.Services.AddOptions<DocumentCacheOptions>().BindConfiguration($"{GraphQLEndpointOptions.Section}:DocumentCache");
        builder.Services.AddOptions<GraphQLLimits>().BindConfiguration(GraphQLLimits.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddGraphQL(graphql => graphql
            .AddSchema<HealthGraphSchema>()
            .AddGraphTypes(typeof(HealthGraphSchema).Assembly)
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping) // «» and é as they are; responses are JSON, never HTML
            .AddErrorInfoProvider<HealthGraphErrorInfoProvider>()
            .UseMiddleware<StoreOutageMiddleware>()
            .ConfigureExecution<GraphSizesForPricing>()
            .ConfigureExecution<DocumentCache>()
            .ConfigureExecution<StoreRequestScope>()
            // Who may run what, and how big a document may be: before execution, so a refused request does nothing.
            // Access depends on the caller, so it is checked for cached documents too.
            .AddValidationRule<AccessRule>(useForCachedDocuments: true)
            .ConfigureExecution<AccessRefusalOnly>()
            .AddValidationRule<DocumentSizeRule>()
            // What graphql-dotnet would fail on while running, refused as invalid; for cached documents too, since
            // __type(name: $name) depends on the variables.
            .AddValidationRule<UnsupportedRequestRule>(useForCachedDocuments: true)
            // The analyzer's rule, registered for cached documents too: a page size in a variable changes the price.
            .AddValidationRule(services => new ComplexityValidationRule(Complexity.Options(services.GetRequiredService<IOptions<GraphQLLimits>>().Value)), useForCachedDocuments: true)
            .ConfigureExecutionOptions(options =>
            {
                // Once per request: what its resolvers share (store, loaders, outage, limits), instead of a scope lookup per field.
                options.UserContext = new GraphRequest(
                    options.RequestServices!.GetRequiredService<Store.IGraphStore>(),
                    options.RequestServices!.GetRequiredService<IOptions<GraphQLLimits>>().Value,
                    options.UserContext);
                if (!options.RequestServices!.GetRequiredService<IOptions<GraphQLEndpointOptions>>().Value.Introspection)
                {
                    options.ValidationRules = (options.ValidationRules ?? DocumentValidator.CoreRules).Append(NoIntrospectionValidationRule.Instance);
                    options.CachedDocumentValidationRules = (options.CachedDocumentValidationRules ?? []).Append(NoIntrospectionValidationRule.Instance);
                }
            })
            .UsePersistedDocuments<PersistedDocumentStore>(GraphQL.DI.ServiceLifetime.Singleton, (o, services) =>
                o.AllowOnlyPersistedDocuments = services.GetRequiredService<IOptions<GraphQLEndpointOptions>>().Value.PersistedDocumentsOnly));

        builder.Services.AddValidatorsFromAssemblyContaining<HealthGraphSchema>(
            ServiceLifetime.Scoped, filter: v => v.ValidatorType.Namespace?.StartsWith("HealthGraph.Api", StringComparison.Ordinal) == true);
        builder.Services.AddSingleton<GraphQLHttpEndpoint>();
        builder.Services.AddSingleton<GraphSizes>();

        builder.AddHealthGraphAccessControl();
        builder.AddHealthGraphRateLimiting();
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
        {
            var origins = builder.Configuration.GetSection($"{GraphQLEndpointOptions.Section}:AllowedOrigins").Get<string[]>() ?? [];
            policy.WithOrigins(origins).WithMethods("GET", "POST").WithHeaders("Content-Type", "Accept", "Authorization", ApiKeyAuthenticationHandler.Header).SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));
        return builder;
    }

    /// <summary>Maps the GraphQL endpoint (and GraphiQL for browsers), the SDL at <c>{path}/schema.graphql</c> and GraphiQL's assets.</summary>
    public static WebApplication MapHealthGraphApi(this WebApplication app)
    {
        var path = app.Services.GetRequiredService<IOptions<GraphQLEndpointOptions>>().Value.Path;

        // Store calls run synchronously on pool threads (Microsoft.Data.Sqlite has no asynchronous I/O): enough threads
        // from the start that the executions admitted at once cannot starve the timers that keep their deadlines.
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, app.Services.GetRequiredService<IOptions<GraphQLLimits>>().Value.MaxConcurrentExecutions + (2 * Environment.ProcessorCount)), completions);
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.Map(path, context => context.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(context))
            .RequireCors(CorsPolicy)
            .RequireRateLimiting(RateLimiting.Policy);
        app.MapGet($"{path}/schema.graphql", SchemaDocument).RequireCors(CorsPolicy).RequireRateLimiting(RateLimiting.Policy);
        app.MapGraphiQLAssets(path);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Urls)
            {
                app.Logger.LogInformation("GraphiQL: open {Url} in a browser", $"{address.TrimEnd('/')}{path}");
            }
        });
        return app;
    }

    /// <summary>The SDL, unless introspection is off (404), to authenticated callers only when reads need a key (401).</summary>
    private static IResult SchemaDocument(HealthGraphSchema schema, HttpContext context, IOptions<GraphQLEndpointOptions> endpoint, IOptions<AccessOptions> access)
    {
        if (!endpoint.Value.Introspection)
        {
            return Results.NotFound();
        }

        return access.Value.RequireAuthenticatedReads && context.User.Identity?.IsAuthenticated != true
            ? Results.Unauthorized()
            : Results.Text(PrintSchema(schema), "text/plain; charset=utf-8");
    }

    /// <summary>The schema as SDL, with descriptions, in a stable order: what <c>schema/healthgraph.graphql</c> holds.</summary>
    public static string PrintSchema(HealthGraphSchema schema)
    {
        schema.Initialize();
        return schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true, StringComparison = StringComparison.Ordinal })
            .ReplaceLineEndings("\n").TrimEnd() + "\n";
    }

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && !origin.EndsWith('/') && !origin.Contains('*', StringComparison.Ordinal);
}
