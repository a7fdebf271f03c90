using HealthGraph.Ingest.Seed;
using HealthGraph.Store;

namespace HealthGraph.Cli;

/// <summary>Settings of the host (section <c>HealthGraph</c>).</summary>
public sealed class HealthGraphOptions
{
    public const string Section = "HealthGraph";

    /// <summary>Load the shipped seed data when the store is empty at start-up, so the first run has data. Default: true.</summary>
    public bool SeedOnFirstRun { get; set; } = true;

    /// <summary>The seed folder used for the first-run seed. Default: the seed data shipped with HealthGraph.</summary>
    public string SeedDirectory { get; set; } = Seeder.DefaultDirectory;
}

/// <summary>
/// Initializes the store at start-up and, on an empty store, loads the seed data. A store that cannot be reached does
/// not stop the host: it starts not ready (/health/ready is 503), and the store sets itself up when it returns.
/// </summary>
public sealed class SeedOnFirstRun(IGraphStore store, Seeder seeder, Microsoft.Extensions.Options.IOptions<HealthGraphOptions> options, ILogger<SeedOnFirstRun> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.InitializeAsync(cancellationToken);
        }
        catch (StoreUnavailableException outage)
        {
            logger.LogWarning(
                "The store is unavailable at start-up; serving anyway, not ready until it returns (first-run seeding skipped): {Reason}",
                outage.Message);
            return;
        }

        if (!options.Value.SeedOnFirstRun || (await store.GetStatisticsAsync(cancellationToken)).NodeCount > 0)
        {
            return;
        }

        var result = await seeder.SeedAsync(options.Value.SeedDirectory, cancellationToken: cancellationToken);
        if (!result.IsValid)
        {
            throw new InvalidOperationException(
                $"The seed data in {options.Value.SeedDirectory} is invalid:{Environment.NewLine}{string.Join(Environment.NewLine, result.Problems)}");
        }

        logger.LogInformation(
            "Empty store seeded from {SeedDirectory}: {Nodes} nodes, {Relationships} relationships in {ElapsedMs} ms",
            options.Value.SeedDirectory, result.Report!.After.NodeCount, result.Report.After.RelationshipCount, result.Elapsed.TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class HostingExtensions
{
    public static IHostApplicationBuilder AddSeedOnFirstRun(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HealthGraphOptions>().BindConfiguration(HealthGraphOptions.Section);
        builder.Services.AddSingleton<Seeder>();
        builder.Services.AddHostedService<SeedOnFirstRun>();
        return builder;
    }
}
