using HealthGraph.Cli;
using HealthGraph.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGraph.Tests.Cli;

/// <summary>The commands' host (seed, imports, backups, aggregates) reads the configuration the API reads, once.</summary>
public sealed class CommandHostTests
{
    /// <summary>
    /// Reloading appsettings on change would watch the working directory and every folder below it: a seed run from
    /// /tmp watched 42,106 of them (inotify), with as many objects on the heap.
    /// </summary>
    [Fact]
    public async Task ACommandReadsItsSettingsFilesWithoutWatchingThem()
    {
        using var store = new TemporaryStore();
        IConfigurationRoot? configuration = null;
        var exit = await CommandHost.RunAsync(
            [$"--Sqlite:Path={store.Store.DatabasePath}"],
            "failed:",
            services =>
            {
                configuration = (IConfigurationRoot)services.GetRequiredService<IConfiguration>();
                return Task.FromResult(0);
            });

        Assert.Equal(0, exit);
        var files = configuration!.Providers.OfType<JsonConfigurationProvider>().ToList();
        Assert.Contains(files, f => f.Source.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is watched"));
    }
}
