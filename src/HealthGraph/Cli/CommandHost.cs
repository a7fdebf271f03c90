using HealthGraph.Store;
using Microsoft.Extensions.Options;

namespace HealthGraph.Cli;

/// <summary>
/// The one host set-up of the commands that work on the store (seed, IATI import, backup and restore, aggregates): the
/// configuration the API host reads (appsettings, environment, <c>--Key=value</c>), the configured store, warnings only
/// in the log; and one way to report what goes wrong. A configuration that is not valid and the store's own errors
/// (<see cref="StoreException"/>: unreachable, refused) are told in words with exit code 2; anything else is a bug and
/// keeps its stack trace.
/// </summary>
internal static class CommandHost
{
    /// <summary>Runs <paramref name="run"/> with the host's services; <paramref name="failed"/> begins the message of a failure.</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> settings, string failed, Func<IServiceProvider, Task<int>> run, Action<IServiceCollection>? services = null)
    {
        try
        {
            // A command reads its configuration once: reloading it on change would watch the working directory and
            // every folder below it (42,000 of them for a seed run from /tmp).
            var configuration = new ConfigurationManager();
            configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [.. settings], Configuration = configuration });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddGraphStore();
            services?.Invoke(builder.Services);
            using var host = builder.Build();
            return await run(host.Services);
        }
        catch (OptionsValidationException e)
        {
            return CommandOutput.Fail($"The configuration is not valid: {e.Message}");
        }
        catch (StoreException e)
        {
            return CommandOutput.Fail($"{failed} {e.Message}");
        }
    }
}
