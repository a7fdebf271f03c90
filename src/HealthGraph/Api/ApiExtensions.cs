using FluentValidation;
using GraphQL;
using GraphQL.Utilities;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Web.Security;
using Microsoft.Extensions.Options;

namespace HealthGraph.Api;

public static class ApiExtensions
{
    /// <summary>
    /// Registers the GraphQL API: the schema (graphql-dotnet, System.Text.Json), per-request batch loaders, input
    /// validators, the document cache, persisted documents and the error shape. Its HTTP surface is Web/'s
    /// (<see cref="Web.HealthGraphWeb"/>).
    /// </summary>
    public static IHostApplicationBuilder AddHealthGraphApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GraphQLEndpointOptions>()
            .BindConfiguration(GraphQLEndpointOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.AllowedOrigins.All(GraphQLEndpointOptions.IsOrigin), "GraphQL:AllowedOrigins must hold origins such as https://explorer.example.org (scheme, host and port only, no '*').")
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
        builder.Services.AddSingleton<GraphSizes>();
        return builder;
    }

    /// <summary>The schema as SDL, with descriptions, in a stable order: what <c>schema/healthgraph.graphql</c> holds.</summary>
    public static string PrintSchema(HealthGraphSchema schema)
    {
        schema.Initialize();
        return schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true, StringComparison = StringComparison.Ordinal })
            .ReplaceLineEndings("\n").TrimEnd() + "\n";
    }
}
