using HealthGraph.Store.Neo4j.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HealthGraph.Store.Neo4j;

public static class Neo4jClientExtensions
{
    /// <summary>
    /// Registers <see cref="Neo4jOptions"/> (validated at start, so a wrong setting stops the host with a message
    /// naming it), the singleton <see cref="QueryApiSession"/> and the typed <see cref="QueryApiClient"/>.
    /// Resilience lives in the session's pipeline, not in an HttpClient handler: see <see cref="QueryApiSession"/>.
    /// </summary>
    public static IHostApplicationBuilder AddNeo4jClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<Neo4jOptions>()
            .BindConfiguration(Neo4jOptions.Section)
            .ValidateDataAnnotations()
            .Validate(Neo4jOptions.HasHttpUri, Neo4jOptions.UriMessage)
            .Validate(Neo4jOptions.HasOneWayToAuthenticate, Neo4jOptions.CredentialsMessage)
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<QueryApiSession>();
        builder.Services.AddHttpClient<QueryApiClient>((sp, client) =>
            QueryApiClient.Configure(client, sp.GetRequiredService<IOptions<Neo4jOptions>>().Value));
        return builder;
    }
}
