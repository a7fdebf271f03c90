using HealthGraph.Store.Neo4j;
using HealthGraph.Store.Sqlite;

namespace HealthGraph.Store;

/// <summary>Which store holds the graph (setting <c>HealthGraph:Store</c>).</summary>
public enum StoreKind
{
    /// <summary>The embedded SQLite file: the default, nothing to install.</summary>
    Sqlite,

    /// <summary>Neo4j over its HTTP Query API: production (settings under <c>Neo4j</c>).</summary>
    Neo4j,
}

public static class GraphStoreExtensions
{
    public const string StoreSetting = "HealthGraph:Store";

    /// <summary>
    /// Registers the configured graph store. The API host and the seed tool both call this, so they always agree
    /// on which store and which settings they use.
    /// </summary>
    public static IHostApplicationBuilder AddGraphStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        switch (ConfiguredStore(builder.Configuration))
        {
            case StoreKind.Neo4j:
                builder.AddNeo4jClient();
                builder.Services.AddSingleton<Neo4jGraphStore>();
                builder.Services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<Neo4jGraphStore>());
                builder.Services.AddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<Neo4jGraphStore>());
                builder.Services.AddSingleton<IGraphVersion>(sp => sp.GetRequiredService<Neo4jGraphStore>());
                break;
            default:
                builder.Services.AddOptions<SqliteStoreOptions>()
                    .BindConfiguration(SqliteStoreOptions.Section)
                    .ValidateDataAnnotations()
                    .ValidateOnStart();
                builder.Services.AddSingleton<SqliteGraphStore>();
                builder.Services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<SqliteGraphStore>());
                builder.Services.AddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<SqliteGraphStore>());
                builder.Services.AddSingleton<IGraphVersion>(sp => sp.GetRequiredService<SqliteGraphStore>());
                break;
        }

        return builder;
    }

    /// <summary>The store the configuration chooses; a value other than Sqlite or Neo4j fails with a message naming the setting.</summary>
    public static StoreKind ConfiguredStore(IConfiguration configuration)
    {
        var value = configuration[StoreSetting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return StoreKind.Sqlite;
        }

        return !char.IsDigit(value.Trim()[0]) && Enum.TryParse<StoreKind>(value.Trim(), ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new InvalidOperationException($"{StoreSetting} must be Sqlite or Neo4j (it was '{value}').");
    }
}
