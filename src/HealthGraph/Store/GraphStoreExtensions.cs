using HealthGraph.Store.Sqlite;

namespace HealthGraph.Store;

public static class GraphStoreExtensions
{
    /// <summary>
    /// Registers the configured graph store. The API host and the seed tool both call this, so they always agree
    /// on which store and which settings they use.
    /// </summary>
    public static IHostApplicationBuilder AddGraphStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<SqliteStoreOptions>()
            .BindConfiguration(SqliteStoreOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SqliteGraphStore>();
        builder.Services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<SqliteGraphStore>());
        return builder;
    }
}
