using System.Net;
using HealthGraph.Graph;
using HealthGraph.Store;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGraph.Tests.Web;

/// <summary>The real host: a first start on an empty store loads the seed data, and health endpoints report it.</summary>
public sealed class HostStartupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("healthgraph-host-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AFirstStartOnAnEmptyStoreLoadsTheSeedData_AndReadinessReportsTheStore()
    {
        using var factory = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(b => b.UseSetting("Sqlite:Path", Path.Combine(_folder, "graph.db")));
        using var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");
        var statistics = await factory.Services.GetRequiredService<IGraphStore>().GetStatisticsAsync();

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(169, statistics.NodesByLabel[NodeLabels.SdgTarget]);
        Assert.Equal(36, statistics.NodesByLabel[NodeLabels.Deliverable]);
    }

    [Fact]
    public async Task WithFirstRunSeedingOff_TheStoreStaysEmpty()
    {
        using var factory = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(b => b
                .UseSetting("Sqlite:Path", Path.Combine(_folder, "graph.db"))
                .UseSetting("HealthGraph:SeedOnFirstRun", "false"));
        using var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(0, (await factory.Services.GetRequiredService<IGraphStore>().GetStatisticsAsync()).NodeCount);
    }
}
